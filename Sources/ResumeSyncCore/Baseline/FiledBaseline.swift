/// A baseline's records by file, for the runs that check one file pair at a time (`check`,
/// `diff`, `todo`): each pair is checked against a `Baseline` of its own file's records.
///
/// The lock of a 2,000-file project holds 200,000 records. In one table, every look-up of a
/// pair's record went to a random place of some 20 MB, and the table was filled on one thread
/// while the others waited. A file's own table is a hundred records, filled by the thread that
/// read them.
struct FiledBaseline: Sendable {
    private var files: [RelativePath: LockRegions.Records]

    init(files: [RelativePath: LockRegions.Records]) {
        self.files = files
    }

    /// The records of `baseline`, by file.
    init(_ baseline: Baseline) {
        var files: [RelativePath: LockRegions.Records] = [:]
        for (key, sides) in baseline.records { files[key.file, default: [:]][key] = sides }
        self.init(files: files)
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

    /// The baseline of `file`'s entries: its records only (none when the lock has none of it).
    func baseline(of file: RelativePath) -> Baseline {
        Baseline(records: files[file] ?? [:])
    }

    /// Every record, in one baseline.
    var whole: Baseline {
        var records: LockRegions.Records = [:]
        for (_, fileRecords) in files { records.merge(fileRecords) { first, _ in first } }
        return Baseline(records: records)
    }
}
