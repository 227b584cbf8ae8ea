import Foundation

/// Findings for scripts: stable field names, documented in the README.
public struct JSONReport: Sendable {
    public init() {}

    struct Location: Encodable {
        var path: String
        var line: Int
        var column: Int
        var byteOffset: Int

        init(_ location: SourceLocation) {
            path = location.path
            line = location.line
            column = location.column
            byteOffset = location.byteOffset
        }
    }

    struct Item: Encodable {
        var rule: String
        var severity: String
        var key: String
        var message: String
        var source: Location?
        var target: Location?
        var sourceValue: String?
        var targetValue: String?
        var previousSourceText: String?
        var currentSourceText: String?
        var targetEditedSinceBaseline: Bool?

        init(_ finding: Finding) {
            rule = finding.rule.id
            severity = finding.severity.rawValue
            key = finding.key.description
            message = finding.message
            source = finding.source.map(Location.init)
            target = finding.target.map(Location.init)
            sourceValue = finding.sourceValue
            targetValue = finding.targetValue
            previousSourceText = finding.previousSourceText
            currentSourceText = finding.currentSourceText
            targetEditedSinceBaseline = finding.rule == .stale ? finding.targetEditedSinceBaseline : nil
        }
    }

    struct Tree: Encodable {
        var root: String
        var language: String
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var entryPairs: Int
        var inSync: Int
        var hasBaseline: Bool
        var exitStatus: Int32
        /// Findings `resume-sync.silence` silenced (not in `findings`).
        var silenced: Int
    }

    struct Document: Encodable {
        var tool = "resume-sync"
        var version = ResumeSyncVersion.current
        /// Absent when the config cannot be used: then no tree is known.
        var source: Tree?
        var target: Tree?
        var summary: Summary
        var findings: [Item]
    }

    public func render(_ result: Reconciliation) -> String {
        render(result.checkResult)
    }

    /// `check --format json`, from what it kept of the trees.
    public func render(_ result: CheckResult) -> String {
        let errors = result.findings.filter { $0.severity == .error }.count
        let document = Document(
            source: Tree(root: result.source.displayRoot, language: result.source.language.code),
            target: Tree(root: result.target.displayRoot, language: result.target.language.code),
            summary: Summary(
                errors: errors, warnings: result.findings.count - errors,
                entryPairs: result.pairedCount,
                inSync: result.inSyncCount, hasBaseline: result.hasBaseline, exitStatus: result.exitStatus,
                silenced: result.silencing.silenced.count),
            findings: result.findings.map(Item.init))
        return Self.encode(document)
    }

    /// `check --format json` when the config cannot be used: the one `config-error` finding,
    /// with exit status 2 and no trees (nothing was read).
    public func render(_ error: ConfigurationError) -> String {
        let document = Document(
            source: nil, target: nil,
            summary: Summary(
                errors: 1, warnings: 0, entryPairs: 0, inSync: 0, hasBaseline: false, exitStatus: 2, silenced: 0),
            findings: [Item(error.finding)])
        return Self.encode(document)
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

public enum ResumeSyncVersion {
    public static let current = "0.1.0"
}
