import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Baseline {
    public init(parsing text: String) throws(BaselineError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Reads a lock held in memory (git's index, a merge's snapshot); the sides' texts stay
    /// in `bytes` until asked for.
    public init(parsing bytes: [UInt8]) throws(BaselineError) {
        try self.init(parsing: bytes, regions: LockRegions(size: bytes.count))
    }

    /// `init(parsing:)`, in `regions` at once when given.
    init(parsing bytes: [UInt8], regions: LockRegions?) throws(BaselineError) {
        self.init(records: try Self.records(parsing: bytes, regions: regions, inRegions: { $0.read($1) }, whole: { $0 }))
    }

    /// Reads the lock file at `path` in chunks and keeps it open, so that a side's text is
    /// read from the file only when asked for: the lock has one record for every entry, and
    /// most of those texts are never shown.
    public init(readingLockAt path: String) throws(BaselineError) {
        try self.init(readingLockAt: path, regions: LockRegions.init(size:))
    }

    /// `init(readingLockAt:)`; a regular file is read in the `regions` its size gives, if any.
    init(readingLockAt path: String, regions: (Int) -> LockRegions?) throws(BaselineError) {
        self.init(records: try Self.records(readingLockAt: path, regions: regions, inRegions: { $0.read($1) }, whole: { $0 }))
    }

    /// The records of a lock held in memory, as `inRegions` reads them in `regions` when given
    /// and they read it cleanly, else as `whole` makes them of the one sequential reader's.
    static func records<Records>(
        parsing bytes: [UInt8], regions: LockRegions?, inRegions: (LockRegions, LockBytes) -> Records?,
        whole: ([EntryKey: Sides]) -> Records
    ) throws(BaselineError) -> Records {
        let source = LockBytes(memory: bytes)
        if let regions, let records = inRegions(regions, source) { return records }
        var reader = LockReader(source: source)
        _ = try bytes.withUnsafeBufferPointer { buffer throws(BaselineError) in
            try reader.read(buffer, at: 0, final: true)
        }
        return whole(try reader.finish())
    }

    /// The records of the lock file at `path`, as `records(parsing:regions:inRegions:whole:)` gives
    /// them; a regular file is read in the `regions` its size gives, if any.
    static func records<Records>(
        readingLockAt path: String, regions: (Int) -> LockRegions?, inRegions: (LockRegions, LockBytes) -> Records?,
        whole: ([EntryKey: Sides]) -> Records
    ) throws(BaselineError) -> Records {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BaselineError(line: 1, message: "cannot read the lock file") }
        // From here on the descriptor belongs to `source`, which closes it.
        let source = LockBytes(descriptor: descriptor)
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
           let regions = regions(Int(status.st_size)), let records = inRegions(regions, source) {
            return records
        }
        // Read from the start: the regions were read with `pread`, which leaves the position.
        var reader = LockReader(source: source)
        let chunkSize = 1 << 20
        var pending: [UInt8] = []
        var pendingOffset = 0
        while true {
            let previousCount = pending.count
            pending.append(contentsOf: repeatElement(0, count: chunkSize))
            let count = pending.withUnsafeMutableBufferPointer { buffer in
                var count: Int
                repeat {
                    count = read(descriptor, buffer.baseAddress.map { $0 + previousCount }, chunkSize)
                } while count < 0 && errno == EINTR
                return count
            }
            guard count >= 0 else { throw BaselineError(line: 1, message: "cannot read the lock file") }
            pending.removeLast(chunkSize - count)
            let final = count == 0
            let (consumed, _) = try pending.withUnsafeBufferPointer { buffer throws(BaselineError) in
                try reader.read(buffer, at: pendingOffset, final: final)
            }
            if final { break }
            pending.removeFirst(consumed)
            pendingOffset += consumed
        }
        return whole(try reader.finish())
    }
}

/// Reads the lock line by line: canonical records (what `serialized()` writes) directly from
/// the bytes, every other line through `JSONDecoder`, whose verdicts and messages are the rule.
///
/// A reader of the whole lock keeps the records by key and refuses a key recorded twice; a
/// reader of one region of a lock read in parallel only collects them, in the order read, and
/// whoever joins the regions looks for keys recorded twice.
struct LockReader {
    private typealias Header = Baseline.LockHeader
    private typealias Record = Baseline.LockRecord

    let source: LockBytes
    private let collects: Bool
    private var records: [EntryKey: Baseline.Sides] = [:]
    /// A region's records, when `collects`.
    private(set) var collected: [(key: EntryKey, sides: Baseline.Sides)] = []
    private(set) var sawHeader: Bool
    private var lineNumber = 0
    /// The file of the last record: records come sorted by key, so most share it.
    private var lastFile = RelativePath("")
    private var lastFileBytes: [UInt8] = []
    private let decoder = JSONDecoder()

    /// A reader of a whole lock.
    init(source: LockBytes) {
        self.source = source
        collects = false
        sawHeader = false
    }

    /// A reader of one region of a lock; `afterHeader` for every region but the first, whose
    /// lines are records (or mistakes), never the header.
    init(region source: LockBytes, afterHeader: Bool) {
        self.source = source
        collects = true
        sawHeader = afterHeader
    }

    /// Reads the complete lines of `buffer` (which starts at byte `offset` of the lock) that
    /// start before byte `limit`, and the unterminated last one too when `final`; returns how
    /// many bytes it read, and whether it is `done`: at a line starting at `limit` or later, or
    /// through the last line.
    mutating func read(
        _ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, final: Bool, before limit: Int = .max
    ) throws(BaselineError) -> (consumed: Int, done: Bool) {
        var start = 0
        while offset + start < limit, let newline = Self.newline(in: buffer, from: start) {
            try readLine(UnsafeBufferPointer(rebasing: buffer[start..<newline]), at: offset + start)
            start = newline + 1
        }
        if offset + start >= limit { return (start, true) }
        if final {
            try readLine(UnsafeBufferPointer(rebasing: buffer[start...]), at: offset + start)
            return (buffer.count, true)
        }
        return (start, false)
    }

    /// The index of the first newline at or after `start`, found by `memchr`.
    static func newline(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, start < buffer.count,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    func finish() throws(BaselineError) -> [EntryKey: Baseline.Sides] {
        guard sawHeader else {
            throw BaselineError(line: 1, message: "the lock file is empty: it has no header")
        }
        return records
    }

    private mutating func readLine(_ rawLine: UnsafeBufferPointer<UInt8>, at offset: Int) throws(BaselineError) {
        lineNumber += 1
        let line = rawLine.last == UInt8(ascii: "\r") ? UnsafeBufferPointer(rebasing: rawLine.dropLast()) : rawLine
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        if sawHeader, let (key, sides) = CanonicalRecord.read(line, at: offset, in: source) {
            switch key {
            case .plain(let bytes): try add(plainKey: bytes, sides: sides)
            case .text(let text): try add(key: text, sides: sides)
            }
            return
        }
        // Not valid UTF-8 is read as `String(decoding:)` reads it, with U+FFFD.
        let text = String(decoding: line, as: UTF8.self)
        let conflictMarkers = ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
        if conflictMarkers.contains(where: { text.hasPrefix($0) }) {
            throw BaselineError(line: lineNumber, message:
                "unresolved git merge conflict in the lock file; resolve it by hand, or check the trees and run `resume-sync accept --all`")
        }
        let data = Data(text.utf8)
        if !sawHeader {
            guard let header = try? decoder.decode(Header.self, from: data), header.format == "resume-sync.lock" else {
                throw BaselineError(line: lineNumber, message: "not a resume-sync lock file: the first line is not its header")
            }
            guard header.version <= Baseline.formatVersion else {
                throw BaselineError(line: lineNumber, message:
                    "the lock file has format version \(header.version), written by a newer resume-sync; this one reads version \(Baseline.formatVersion)",
                    isNewerFormat: true)
            }
            sawHeader = true
            return
        }
        let record: Record
        do {
            record = try decoder.decode(Record.self, from: data)
        } catch {
            throw BaselineError(line: lineNumber, message: "line \(lineNumber) is not a valid baseline record")
        }
        var sides = Baseline.Sides(record.sides)
        sides.verified = record.verified
        try add(key: record.key, sides: sides)
    }

    /// A key of printable ASCII, split at its first `#` as `EntryKey(parsing:)` splits it,
    /// without making a `String` of the whole key or, most of the time, of its file.
    private mutating func add(plainKey bytes: UnsafeBufferPointer<UInt8>, sides: Baseline.Sides) throws(BaselineError) {
        let fileCount = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        // An empty file or ID is refused by the common path, with the key in the message.
        guard fileCount > 0, fileCount == bytes.count || fileCount + 1 < bytes.count else {
            return try add(key: String(decoding: bytes, as: UTF8.self), sides: sides)
        }
        let fileBytes = UnsafeBufferPointer(rebasing: bytes[..<fileCount])
        let sameFile = fileCount == lastFileBytes.count && lastFileBytes.withUnsafeBufferPointer { last in
            guard let lastBase = last.baseAddress, let fileBase = fileBytes.baseAddress else { return false }
            return memcmp(lastBase, fileBase, fileCount) == 0
        }
        if !sameFile { remember(RelativePath(String(decoding: fileBytes, as: UTF8.self))) }
        let id = fileCount == bytes.count
            ? nil : EntryID(String(decoding: UnsafeBufferPointer(rebasing: bytes[(fileCount + 1)...]), as: UTF8.self))
        try add(EntryKey(file: lastFile, id: id), sides: sides)
    }

    private mutating func add(key text: String, sides: Baseline.Sides) throws(BaselineError) {
        guard var key = EntryKey(parsing: text) else {
            throw BaselineError(line: lineNumber, message: "'\(text)' is not an entry key")
        }
        // The same bytes, not merely an equal `String`: a key keeps the file name it was written with.
        if key.file.rawValue.utf8.elementsEqual(lastFileBytes) { key.file = lastFile } else { remember(key.file) }
        try add(key, sides: sides)
    }

    private mutating func remember(_ file: RelativePath) {
        lastFile = file
        lastFileBytes = Array(file.rawValue.utf8)
    }

    private mutating func add(_ key: EntryKey, sides: Baseline.Sides) throws(BaselineError) {
        if collects {
            collected.append((key, sides))
        } else if records.updateValue(sides, forKey: key) != nil {
            throw BaselineError(line: lineNumber, message: "the entry \(key) is recorded twice")
        }
    }
}
