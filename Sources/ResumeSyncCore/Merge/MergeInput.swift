import Foundation

/// Everything a merge reads, read once: both trees, the baseline, their comparison, and a
/// snapshot of each file it may write, so that a file edited while the merge runs is noticed.
public struct MergeInput: Sendable {
    public var workspace: Workspace
    public var source: LoadedTree
    public var target: LoadedTree
    public var baseline: Baseline?
    public var result: Reconciliation
    /// Target files as read, by file-system path.
    var snapshots: [String: FileSnapshot]
    /// The lock file as read (`absent` when there is none).
    var lockSnapshot: FileSnapshot

    /// Loads the trees and the baseline of `workspace`. A broken file or lock is not an error
    /// here: it is a finding, and `MergePlanner` refuses to go on with it.
    public static func load(_ workspace: Workspace) throws(InvocationError) -> MergeInput {
        let loader = TreeLoader(configuration: workspace.configuration)
        let trees = try loader.loadTrees([(workspace.source, .source), (workspace.target, .target)])
        return reading(workspace, source: trees[0], target: trees[1])
    }

    /// The input of a merge over trees already loaded, and already compared when `result` is
    /// given (a report asking what merge would do): the baseline is read again, the trees not.
    public static func reading(
        _ workspace: Workspace, source: LoadedTree, target: LoadedTree, result known: Reconciliation? = nil
    ) -> MergeInput {
        var snapshots: [String: FileSnapshot] = [:]
        for (file, document) in target.documents {
            let path = workspace.target.filePath(file)
            snapshots[path] = .of(path, bytes: document.bytes)
        }
        let lock = readLock(of: workspace)
        let result = known ?? workspace.reconciler.reconcile(
            source: source, target: target, baseline: lock.baseline, baselineFindings: lock.findings)
        return MergeInput(
            workspace: workspace, source: source, target: target, baseline: lock.baseline, result: result,
            snapshots: snapshots, lockSnapshot: lock.snapshot)
    }

    /// The lock file as a merge reads it: a snapshot of its bytes, the baseline they hold, or the
    /// `lock-error` finding that says why they cannot be read.
    static func readLock(of workspace: Workspace) -> (snapshot: FileSnapshot, baseline: Baseline?, findings: [Finding]) {
        guard FileManager.default.fileExists(atPath: workspace.lockPath) else {
            return (.absent(workspace.lockPath), nil, [])
        }
        guard let snapshot = FileSnapshot.read(workspace.lockPath), let bytes = snapshot.bytes else {
            return (.absent(workspace.lockPath), nil,
                    [workspace.lockFinding(BaselineError(line: 1, message: "cannot read the lock file"))])
        }
        do {
            return (snapshot, try Baseline(parsing: bytes), [])
        } catch {
            return (snapshot, nil, [workspace.lockFinding(error)])
        }
    }

    /// The tree with `file` alone in it, as it is there (or without it).
    static func alone(_ file: RelativePath, of tree: LoadedTree) -> LoadedTree {
        let document = tree.documents[file]
        let failures = tree.failures[file]
        return LoadedTree(
            spec: tree.spec, side: tree.side, files: document != nil || failures != nil ? [file] : [],
            documents: document.map { [file: $0] } ?? [:], failures: failures.map { [file: $0] } ?? [:])
    }
}

/// What `merge` asks for: `--only` keys (none: everything) and `--prune`.
public struct MergeRequest: Sendable {
    public var only: [String]
    public var prune: Bool

    public init(only: [String] = [], prune: Bool = false) {
        self.only = only
        self.prune = prune
    }
}

/// The files a merge writes, with their old and new bytes, and what it did entry by entry.
public struct MergePlan: Sendable {
    public struct FileChange: Sendable {
        public enum Kind: Sendable, Equatable {
            case update
            case create
            case delete
        }

        public var kind: Kind
        /// The file relative to the target tree; `nil` for the lock file.
        public var file: RelativePath?
        /// The file-system path.
        public var path: String
        /// The path as shown to the user and in the patch (`en/work.xml`).
        public var displayPath: String
        public var oldBytes: [UInt8]
        public var newBytes: [UInt8]
        /// What the file was when read; checked again right before it is replaced.
        public var snapshot: FileSnapshot
    }

    /// Target files in path order, then the lock file when it changes.
    public var changes: [FileChange]
    public var outcome: MergeOutcome
    /// The findings of the trees as they will be after the merge.
    public var result: CheckResult

    /// The patch of every change, as `diff -u` prints it.
    public var patch: String {
        // Each file's patch on its own, on every core, joined in order.
        changes.parallelMap { change in
            UnifiedDiff.render(
                old: change.oldBytes, new: change.newBytes,
                oldLabel: change.kind == .create ? "/dev/null" : change.displayPath,
                newLabel: change.kind == .delete ? "/dev/null" : change.displayPath)
        }.joined()
    }
}
