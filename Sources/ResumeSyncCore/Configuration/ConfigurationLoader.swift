import Foundation
import ResumeSyncXML
internal import TOMLKit

/// Reads `resume-sync.toml` into a `Configuration`, refusing anything it does not understand.
///
/// TOML syntax is TOMLKit's (toml++) job, with its positions; everything after that (unknown
/// keys, wrong types, values out of range, bad patterns) is checked here, and located with
/// `TOMLKeyLocator`, because TOMLKit's values carry no positions.
public enum ConfigurationLoader {
    public static let fileName = "resume-sync.toml"

    /// The project's config: `explicitPath` when given (it must exist), else `ROOT/resume-sync.toml`
    /// when there is one, else the defaults.
    public static func discover(root: String, explicitPath: String?) throws(ConfigurationError) -> LoadedConfiguration {
        if let explicitPath {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw ConfigurationError("the config file '\(explicitPath)' does not exist", at: nil)
            }
            return try load(path: explicitPath, displayPath: explicitPath)
        }
        let path = root == "." ? fileName : "\(root)/\(fileName)"
        guard FileManager.default.fileExists(atPath: path) else {
            return LoadedConfiguration(configuration: .default, displayPath: nil, sourceRootOffset: nil, targetRootOffset: nil, lineTable: nil)
        }
        return try load(path: path, displayPath: path)
    }

    public static func load(path: String, displayPath: String) throws(ConfigurationError) -> LoadedConfiguration {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ConfigurationError("'\(displayPath)' is a folder, not a config file", at: nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("cannot read the config file '\(displayPath)'", at: nil)
        }
        return try parse([UInt8](data), displayPath: displayPath)
    }

    /// Reads config text; `displayPath` is what error locations show.
    public static func parse(_ bytes: [UInt8], displayPath: String) throws(ConfigurationError) -> LoadedConfiguration {
        let lines = LineTable(bytes: bytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = UTF8Validation.validPrefixLength(bytes)
            throw ConfigurationError("the config is not UTF-8", at: lines.location(of: offset, path: displayPath))
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let offset = offset(line: error.source.begin.line, column: error.source.begin.column, in: bytes, lines: lines)
            throw ConfigurationError(
                "TOML syntax: \(error.description.prefix(1).lowercased())\(error.description.dropFirst())",
                at: lines.location(of: offset, path: displayPath))
        } catch {
            throw ConfigurationError("TOML syntax: \(error)", at: lines.location(of: 0, path: displayPath))
        }
        var reader = ConfigurationReader(locator: TOMLKeyLocator(bytes: bytes))
        let configuration = reader.read(table)
        if let problem = reader.problems.min(by: { $0.offset < $1.offset }) {
            throw ConfigurationError(problem.message, at: lines.location(of: problem.offset, path: displayPath))
        }
        return LoadedConfiguration(
            configuration: configuration, displayPath: displayPath,
            sourceRootOffset: reader.locator.keys[["source", "root"]]?.value,
            targetRootOffset: reader.locator.keys[["target", "root"]]?.value,
            lineTable: lines)
    }

    /// TOMLKit's 1-based line and code-point column as a byte offset.
    static func offset(line: Int, column: Int, in bytes: [UInt8], lines: LineTable) -> Int {
        var offset = lines.start(ofLine: line)
        var remaining = max(column - 1, 0)
        while remaining > 0, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return min(offset, bytes.count)
    }
}

/// A config, read, with what is needed to locate errors found later (a tree that is missing).
public struct LoadedConfiguration: Sendable {
    public var configuration: Configuration
    /// The file it came from, as shown in messages; `nil` when there is none (the defaults).
    public var displayPath: String?
    var sourceRootOffset: Int?
    var targetRootOffset: Int?
    var lineTable: LineTable?

    /// Checks that the configured trees exist (those not given on the command line instead),
    /// so that a wrong `root` is reported at its line in the config.
    public func checkTrees(in workspace: Workspace, sourceGiven: Bool, targetGiven: Bool) throws(ConfigurationError) {
        guard let displayPath, let lineTable else { return }
        let sides: [(String, TreeSpec, Bool, Int?)] = [
            ("source", workspace.source, sourceGiven, sourceRootOffset),
            ("target", workspace.target, targetGiven, targetRootOffset),
        ]
        for (name, spec, given, offset) in sides where !given {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: spec.root, isDirectory: &isDirectory)
            guard !exists || !isDirectory.boolValue else { continue }
            let what = exists ? "is not a folder" : "does not exist"
            let hint = offset == nil ? "; set `root` in [\(name)]" : ""
            throw ConfigurationError(
                "the \(name) tree '\(spec.displayRoot)' \(what)\(hint)",
                at: lineTable.location(of: offset ?? 0, path: displayPath))
        }
    }
}
