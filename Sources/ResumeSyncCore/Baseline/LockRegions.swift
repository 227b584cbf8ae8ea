import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A large lock read in regions at once, by as many threads as there are cores, each region
/// with `pread` in chunks.
///
/// The lock of a 2,000-file project holds 200,000 records (190 MB): read by one thread, every
/// check waited for it with the other cores idle. Region `i` covers the lines that start in
/// `[i * regionSize, (i + 1) * regionSize)`: it starts after the first newline at or after its
/// start (region 0 at the start) and reads through the line that crosses its end.
///
/// A region does not know its first line's number, so it cannot word an error: the regions'
/// records count only when every region read cleanly, the first one saw the header, and no key
/// is in two regions. Otherwise `read` gives `nil` and the one sequential reader reads the lock
/// again, to say what is wrong exactly as it always has.
struct LockRegions: Sendable {
    /// A smaller lock is read in a few milliseconds: regions would save little, and the small
    /// locks of most projects keep the one sequential reader.
    static let parallelThreshold = 8 << 20

    let size: Int
    let regionSize: Int
    let chunkSize: Int

    /// The regions of a lock of `size` bytes on this machine: a few per core, so that a core
    /// done early takes another; `nil` below `parallelThreshold`.
    init?(size: Int) {
        guard size >= Self.parallelThreshold else { return nil }
        let regions = ProcessInfo.processInfo.activeProcessorCount * 4
        self.init(size: size, regionSize: max(4 << 20, size / regions + 1))
    }

    /// Regions of `regionSize` bytes, each read `chunkSize` bytes at a time (both small in tests).
    init(size: Int, regionSize: Int, chunkSize: Int = 1 << 20) {
        self.size = size
        self.regionSize = max(1, regionSize)
        self.chunkSize = max(1, chunkSize)
    }

    var count: Int { max(1, (size + regionSize - 1) / regionSize) }

    /// What one region read: its records (in the order read, or grouped by file), and whether
    /// it saw the header.
    private struct Region<Records: Sendable>: Sendable {
        var records: Records
        var sawHeader: Bool
    }

    typealias Records = [EntryKey: Baseline.Sides]

    /// The records, or `nil` when a region found a problem or could not be read, or a key is
    /// recorded twice.
    ///
    /// The records of each region go into the one table as soon as it is read, while the others
    /// are still being read: the checks wait for the table, and putting every record in at the
    /// end, on one thread, kept the other cores idle.
    func read(_ source: LockBytes) -> Records? {
        let table = RegionTable<[(key: EntryKey, sides: Baseline.Sides)], Records>(empty: [:]) { table, records in
            // Regions are of one size: the first one in tells about how many records all hold.
            if table.isEmpty { table.reserveCapacity(records.count * (count + 1)) }
            // Records moved out of the region's array, not copied: 200,000 fewer retains and releases.
            while let (key, sides) = records.popLast() {
                guard table.updateValue(sides, forKey: key) == nil else { return false }
            }
            return true
        }
        DispatchQueue.concurrentPerform(iterations: count) { index in
            table.add(try? readRegion(index, of: source), index: index)
        }
        return table.records
    }

    /// The records by file (`FiledBaseline`), or `nil` as `read` gives it.
    ///
    /// Each region's records are put in tables of their files by the thread that read them, so
    /// that joining the regions takes a table per file, not a record at a time. A file whose
    /// records two regions share (or an unsorted lock has in two places) gets them joined.
    func readByFile(_ source: LockBytes) -> [RelativePath: Records]? {
        let table = RegionTable<[RelativePath: Records], [RelativePath: Records]>(empty: [:]) { table, files in
            if table.isEmpty { table.reserveCapacity(files.count * (count + 1)) }
            for (file, records) in files {
                guard let index = table.index(forKey: file) else {
                    table[file] = records
                    continue
                }
                guard Self.join(records, into: &table.values[index]) else { return false }
            }
            return true
        }
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let region = (try? readRegion(index, of: source))?.flatMap { region in
                Self.byFile(region.records).map { Region(records: $0, sawHeader: region.sawHeader) }
            }
            table.add(region, index: index)
        }
        return table.records
    }

    /// A region's records in a table per file; `nil` when a key is recorded twice.
    static func byFile(_ records: consuming [(key: EntryKey, sides: Baseline.Sides)]) -> [RelativePath: Records]? {
        var files: [RelativePath: Records] = [:]
        // Records come sorted by key, so a file's are one run: taken from the end, a run at a time.
        while let last = records.last {
            let file = last.key.file
            var start = records.count - 1
            while start > 0, records[start - 1].key.file == file { start -= 1 }
            var run: Records = [:]
            run.reserveCapacity(records.count - start)
            while records.count > start, let (key, sides) = records.popLast() {
                guard run.updateValue(sides, forKey: key) == nil else { return nil }
            }
            guard let index = files.index(forKey: file) else {
                files[file] = run
                continue
            }
            guard join(run, into: &files.values[index]) else { return nil }
        }
        return files
    }

    /// Puts `records` into `table`; `false` when a key is in both.
    private static func join(_ records: Records, into table: inout Records) -> Bool {
        for (key, sides) in records {
            guard table.updateValue(sides, forKey: key) == nil else { return false }
        }
        return true
    }

    /// The one table the regions' records go into, from the threads that read them: one thread
    /// at a time puts records in, and a region read meanwhile waits in `pending` for it rather
    /// than holding up its thread, which goes on to read another. `put` puts a region's records
    /// in, `false` for a key recorded twice.
    private final class RegionTable<Part: Sendable, Table>: @unchecked Sendable {
        private let lock = NSLock()
        private var pending: [(index: Int, region: Region<Part>?)] = []
        /// Some thread is putting records in; only that one touches what follows.
        private var filling = false
        private let empty: Table
        private var table: Table
        private let put: (inout Table, inout Part) -> Bool
        private var sawHeader = false
        private var failed = false

        init(empty: Table, put: @escaping (inout Table, inout Part) -> Bool) {
            self.empty = empty
            self.table = empty
            self.put = put
        }

        /// The records once every region is added; `nil` when one failed, a key is in two, or
        /// the first region did not start with the header.
        var records: Table? {
            lock.lock()
            defer { lock.unlock() }
            return failed || !sawHeader ? nil : table
        }

        func add(_ region: Region<Part>?, index: Int) {
            lock.lock()
            pending.append((index, region))
            guard !filling else { return lock.unlock() }
            filling = true
            while let (index, region) = pending.popLast() {
                lock.unlock()
                fill(region, index: index)
                lock.lock()
            }
            filling = false
            lock.unlock()
        }

        private func fill(_ read: Region<Part>?, index: Int) {
            guard !failed, var region = read else {
                failed = true
                return
            }
            if index == 0 { sawHeader = region.sawHeader }
            // The table is taken out while it is filled: each insertion into the property
            // would be an access the runtime checks for exclusivity, one per record.
            var table = self.table
            self.table = empty
            defer { self.table = table }
            if !put(&table, &region.records) { failed = true }
        }
    }

    /// The region's records; `nil` when the lock could not be read; throws the first problem
    /// (its line number counted from the region's start, so only worth knowing it is there).
    private func readRegion(_ index: Int, of source: LockBytes) throws(BaselineError) -> Region<[(key: EntryKey, sides: Baseline.Sides)]>? {
        var reader = LockReader(region: source, afterHeader: index > 0)
        let limit = index + 1 < count ? (index + 1) * regionSize : Int.max
        let start: Int
        if index == 0 {
            start = 0
        } else {
            guard let lineStart = firstLineStart(atOrAfter: index * regionSize, in: source) else { return nil }
            start = lineStart
        }
        var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        // `buffer[..<kept]` is the start of a line not yet read whole; `buffer[0]` is at `offset`.
        var kept = 0
        var offset = start
        while true {
            if kept == buffer.count {
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
                _ = larger.initialize(fromContentsOf: buffer)
                buffer.deallocate()
                buffer = larger
            }
            guard let count = source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[kept...]), at: offset + kept)
            else { return nil }
            let filled = kept + count
            let (consumed, done) = try reader.read(
                UnsafeBufferPointer(rebasing: buffer[..<filled]), at: offset, final: count == 0, before: limit)
            if done { return Region(records: reader.collected, sawHeader: reader.sawHeader) }
            kept = filled - consumed
            if let base = buffer.baseAddress, kept > 0 { base.update(from: base + consumed, count: kept) }
            offset += consumed
        }
    }

    /// Where the first line starting at `position` or later starts: just after the first
    /// newline at `position - 1` or later; the lock's size when there is none; `nil` when the
    /// lock could not be read.
    private func firstLineStart(atOrAfter position: Int, in source: LockBytes) -> Int? {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: min(chunkSize, 64 << 10))
        defer { buffer.deallocate() }
        var offset = position - 1
        while true {
            guard let count = source.read(into: buffer, at: offset) else { return nil }
            if count == 0 { return offset }
            if let newline = LockReader.newline(in: UnsafeBufferPointer(rebasing: buffer[..<count]), from: 0) {
                return offset + newline + 1
            }
            offset += count
        }
    }
}
