/// A baseline's records by file, for the runs that check one file pair at a time (`check`,
/// `diff`, `todo`): each pair is checked against a `Baseline` of its own file's records.
///
/// The lock of a 2,000-file project holds 200,000 records. In one table, every look-up of a
/// pair's record went to a random place of some 20 MB, and the table was filled on one thread
/// while the others waited. A file's own table is a hundred records, filled by the thread that
/// read them. A small lock (read by the one sequential reader, below
/// `LockRegions.parallelThreshold`) stays one table, given whole to every pair: sorting its
/// records into tables by file cost more than its look-ups. A pair looks up its own keys only,
/// so either way it finds the same records.
struct FiledBaseline: Sendable {
    private enum Storage: Sendable {
        case byFile([RelativePath: LockRegions.Records])
        case whole(Baseline)
    }

    private let storage: Storage

    init(files: [RelativePath: LockRegions.Records]) {
        storage = .byFile(files)
    }

    /// `baseline` as one table, for every file.
    init(_ baseline: Baseline) {
        storage = .whole(baseline)
    }

    /// Reads a lock held in memory, as `Baseline(parsing:)` does.
    init(parsing bytes: [UInt8], regions: LockRegions?) throws(BaselineError) {
        self = try Baseline.records(
            parsing: bytes, regions: regions, inRegions: { FiledBaseline.read($1, in: $0) },
            whole: { FiledBaseline(Baseline(records: $0)) })
    }

    /// Reads the lock file at `path`, as `Baseline(readingLockAt:)` does.
    init(readingLockAt path: String, regions: (Int) -> LockRegions? = LockRegions.init(size:)) throws(BaselineError) {
        self = try Baseline.records(
            readingLockAt: path, regions: regions, inRegions: { FiledBaseline.read($1, in: $0) },
            whole: { FiledBaseline(Baseline(records: $0)) })
    }

    private static func read(_ source: LockBytes, in regions: LockRegions) -> FiledBaseline? {
        regions.readByFile(source).map(FiledBaseline.init(files:))
    }

    /// The baseline to check `file`'s entries against: its own records (none when the lock has
    /// none of it), or the whole small lock.
    func baseline(of file: RelativePath) -> Baseline {
        switch storage {
        case .byFile(let files): Baseline(records: files[file] ?? [:])
        case .whole(let baseline): baseline
        }
    }

    /// Every record, in one baseline.
    var whole: Baseline {
        switch storage {
        case .byFile(let files):
            var records: LockRegions.Records = [:]
            for (_, fileRecords) in files { records.merge(fileRecords) { first, _ in first } }
            return Baseline(records: records)
        case .whole(let baseline):
            return baseline
        }
    }
}
