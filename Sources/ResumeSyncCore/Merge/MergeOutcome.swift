/// What a merge did, or would do with `--dry-run`, entry by entry: what the summary on
/// standard error is made of.
public struct MergeOutcome: Sendable, Equatable {
    /// An entry copied into the target, with the entries nested in it.
    public struct Insertion: Sendable, Equatable {
        public var key: EntryKey
        public var nestedCount: Int
        /// Where the copy starts in the merged target file (1-based line).
        public var line: Int
    }

    /// A pair whose neutral values were copied from the source, by path (`period[1]@to`).
    public struct Update: Sendable, Equatable {
        public var key: EntryKey
        public var paths: [String]
    }

    /// An orphan taken out of the target with `--prune`.
    public struct Removal: Sendable, Equatable {
        public var key: EntryKey
        public var nestedCount: Int
    }

    /// A file of the source tree written into the target tree whole.
    public struct CreatedFile: Sendable, Equatable {
        public var file: RelativePath
        public var entryCount: Int
    }

    /// Something the merge does not do by itself, and why: for a person to look at.
    public struct LeftAlone: Sendable, Equatable {
        public var key: EntryKey
        public var reason: String
    }

    public var inserted: [Insertion] = []
    public var createdFiles: [CreatedFile] = []
    public var updated: [Update] = []
    public var pruned: [Removal] = []
    public var prunedFiles: [RelativePath] = []
    public var leftAlone: [LeftAlone] = []
    /// Pairs the merge brought back in sync and recorded as such in the baseline.
    public var confirmed: [EntryKey] = []

    /// Appends another file's outcome, as planning the files one after another would.
    mutating func absorb(_ other: MergeOutcome) {
        inserted += other.inserted
        createdFiles += other.createdFiles
        updated += other.updated
        pruned += other.pruned
        prunedFiles += other.prunedFiles
        leftAlone += other.leftAlone
        confirmed += other.confirmed
    }

    public init() {}

    public var changesSomething: Bool {
        !inserted.isEmpty || !createdFiles.isEmpty || !updated.isEmpty || !pruned.isEmpty
            || !prunedFiles.isEmpty || !confirmed.isEmpty
    }
}
