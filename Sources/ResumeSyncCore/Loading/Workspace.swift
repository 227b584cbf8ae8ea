import Foundation

/// Where a run happens: the project root, the two trees, the lock file, the format.
public struct Workspace: Sendable {
    public var root: String
    public var source: TreeSpec
    public var target: TreeSpec
    public var lockPath: String
    public var configuration: Configuration
    /// Where the trees and the lock are read: the work tree, or git's index (`check --staged`).
    public var fileSource: TreeFileSource = .disk
    /// Whether `reconcile()` keeps each document's XML tree. Planning a merge reads the trees;
    /// `accept` reads entries only, and without the trees a big project's documents take a
    /// fraction of the memory. (`check`, `diff`, `todo` and `status` do not reconcile the
    /// whole trees: they release each file pair as they go.)
    public var keepsTrees = true

    public var profile: FormatProfile { configuration.profile }

    /// The layout the configuration gives (by default `zh/` the source, `en/` the target, at
    /// `root`). Explicit tree paths are taken relative to the current directory, as typed.
    public init(
        root: String = ".", sourcePath: String? = nil, targetPath: String? = nil,
        configuration: Configuration = .default
    ) {
        self.root = root
        self.configuration = configuration
        func spec(_ given: String?, default name: String, language: Language?) -> TreeSpec {
            if let given { return TreeSpec(root: given, displayRoot: given, language: language) }
            let path = root == "." || name.hasPrefix("/") ? name : "\(root)/\(name)"
            return TreeSpec(root: path, displayRoot: path, language: language)
        }
        source = spec(sourcePath, default: configuration.sourceRoot, language: configuration.sourceLanguage)
        target = spec(targetPath, default: configuration.targetRoot, language: configuration.targetLanguage)
        lockPath = root == "." ? Baseline.fileName : "\(root)/\(Baseline.fileName)"
    }

    public var lockDisplayPath: String { lockPath }

    /// The lock file, when there is one: `nil` when it does not exist.
    public func readBaseline() throws(BaselineError) -> Baseline? {
        if case .index(let index) = fileSource {
            return try index.stagedBytes(atPath: lockPath).map { bytes throws(BaselineError) in
                try Baseline(parsing: bytes)
            }
        }
        guard FileManager.default.fileExists(atPath: lockPath) else { return nil }
        return try Baseline(readingLockAt: lockPath)
    }

    /// The lock file's records by file, for a run that checks one file pair at a time; `nil`
    /// when there is no lock, as `readBaseline()`.
    func readFiledBaseline() throws(BaselineError) -> FiledBaseline? {
        if case .index(let index) = fileSource {
            return try index.stagedBytes(atPath: lockPath).map { bytes throws(BaselineError) in
                try FiledBaseline(parsing: bytes, regions: LockRegions(size: bytes.count))
            }
        }
        guard FileManager.default.fileExists(atPath: lockPath) else { return nil }
        return try FiledBaseline(readingLockAt: lockPath)
    }

    /// A `lock-error` finding for a lock file that cannot be read.
    public func lockFinding(_ error: BaselineError) -> Finding {
        Finding(
            rule: .lockError, key: EntryKey(file: RelativePath(Baseline.fileName), id: nil),
            message: error.message,
            source: SourceLocation(path: lockDisplayPath, line: error.line, column: 1, byteOffset: 0))
    }

    public var reconciler: Reconciler { Reconciler(configuration: configuration) }

    /// Loads both trees and the baseline, and runs every check.
    public func reconcile() throws(InvocationError) -> Reconciliation {
        try reconcile(reporting: nil)
    }

    /// Loads both trees (in parallel), the baseline and the silences, and runs every check;
    /// `progress` is told of each file read, then that the checks start.
    func reconcile(reporting progress: (@Sendable (RunProgress) -> Void)?) throws(InvocationError) -> Reconciliation {
        var loader = TreeLoader(configuration: configuration)
        loader.source = fileSource
        loader.keepsTrees = keepsTrees
        // The lock holds a record for every entry: read it while the trees are parsed.
        let workspace = self
        let pendingBaseline = Background { () -> Result<Baseline?, BaselineError> in
            Result { () throws(BaselineError) in try workspace.readBaseline() }
        }
        let trees = try loader.loadTrees([(source, .source), (target, .target)]) { read, total, tree in
            progress?(RunProgress(phase: .reading(tree.displayRoot), filesRead: read, totalFiles: total))
        }
        let sourceTree = trees[0]
        let targetTree = trees[1]
        progress?(RunProgress(
            phase: .checking, filesRead: sourceTree.files.count + targetTree.files.count,
            totalFiles: sourceTree.files.count + targetTree.files.count))
        let silences = try readSilences()
        do throws(BaselineError) {
            let baseline = try pendingBaseline.value.get()
            return reconciler.reconcile(source: sourceTree, target: targetTree, baseline: baseline).silenced(by: silences)
        } catch {
            return reconciler.reconcile(
                source: sourceTree, target: targetTree, baseline: nil, baselineFindings: [lockFinding(error)])
                .silenced(by: silences)
        }
    }
}
