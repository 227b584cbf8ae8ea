import Foundation

/// Where a run happens: the project root, the two trees, the lock file, the format.
public struct Workspace: Sendable {
    public var root: String
    public var source: TreeSpec
    public var target: TreeSpec
    public var lockPath: String
    public var profile: FormatProfile

    /// The default layout (DESIGN §2): `zh/` is the source, `en/` the target, at `root`.
    /// Explicit tree paths are taken relative to the current directory, as the user typed them.
    public init(root: String = ".", sourcePath: String? = nil, targetPath: String? = nil, profile: FormatProfile = .xml) {
        self.root = root
        func spec(_ given: String?, default name: String) -> TreeSpec {
            if let given { return TreeSpec(root: given, displayRoot: given) }
            let path = root == "." ? name : "\(root)/\(name)"
            return TreeSpec(root: path, displayRoot: path)
        }
        source = spec(sourcePath, default: "zh")
        target = spec(targetPath, default: "en")
        lockPath = root == "." ? Baseline.fileName : "\(root)/\(Baseline.fileName)"
        self.profile = profile
    }

    public var lockDisplayPath: String { lockPath }

    /// The lock file, when there is one: `nil` when it does not exist.
    public func readBaseline() throws(BaselineError) -> Baseline? {
        guard FileManager.default.fileExists(atPath: lockPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: lockPath) else {
            throw BaselineError(line: 1, message: "cannot read the lock file")
        }
        return try Baseline(parsing: String(decoding: data, as: UTF8.self))
    }

    /// A `lock-error` finding for a lock file that cannot be read.
    public func lockFinding(_ error: BaselineError) -> Finding {
        Finding(
            rule: .lockError, key: EntryKey(file: RelativePath(Baseline.fileName), id: nil),
            message: error.message,
            source: SourceLocation(path: lockDisplayPath, line: error.line, column: 1, byteOffset: 0))
    }

    /// Loads both trees and the baseline, and runs every check.
    public func reconcile() throws(InvocationError) -> Reconciliation {
        let loader = TreeLoader(profile: profile)
        let sourceTree = try loader.load(source, side: .source)
        let targetTree = try loader.load(target, side: .target)
        do {
            let baseline = try readBaseline()
            return Reconciler().reconcile(source: sourceTree, target: targetTree, baseline: baseline)
        } catch {
            return Reconciler().reconcile(
                source: sourceTree, target: targetTree, baseline: nil, baselineFindings: [lockFinding(error)])
        }
    }
}
