import Foundation
import Testing
@testable import ResumeSyncCore

/// A lock read in regions at once must give what the one sequential reader gives: the same
/// records, texts at the same places in the lock, and for any problem the same error.
@Suite struct BaselineRegionReaderTests {
    static let header = BaselineReaderTests.header

    /// A canonical record line, its texts `zhText` and `enText` as JSON literal contents.
    static func line(_ key: String, zh zhText: String = "中文", en enText: String = "English") -> String {
        #"{"key":"\#(key)","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"\#(enText)"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"\#(zhText)"}}}"#
    }

    /// A lock of `count` canonical records (`a.xml#0000` on), one line of them replaced by
    /// `replacements`' text for their index.
    static func lock(count: Int, replacing replacements: [Int: String] = [:], separator: String = "\n") -> String {
        let records = (0..<count).map { index in
            replacements[index] ?? line("f\(index / 50).xml#\(String(format: "%04d", index))", zh: "第\(index)条：多字节文字")
        }
        return ([header] + records).joined(separator: separator) + separator
    }

    static func regions(_ bytes: [UInt8], regionSize: Int, chunkSize: Int = 1 << 20) -> LockRegions {
        LockRegions(size: bytes.count, regionSize: regionSize, chunkSize: chunkSize)
    }

    /// Where a side's text is in the lock, when it is there.
    static func span(_ side: Baseline.Side?) -> [Int]? {
        guard case .lock(_, let offset, let length) = side?.storedText else { return nil }
        return [offset, length]
    }

    /// The regions' records equal the sequential reader's, texts at the same offsets.
    static func expectSameRecords(
        _ regionRecords: [EntryKey: Baseline.Sides]?, as sequential: Baseline, _ label: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let regionRecords else {
            Issue.record("the regions refused a lock the sequential reader reads (\(label))", sourceLocation: sourceLocation)
            return
        }
        let same = Baseline(records: regionRecords) == sequential
        #expect(same, "\(label)", sourceLocation: sourceLocation)
        #expect(regionRecords.count == sequential.records.count, "\(label)", sourceLocation: sourceLocation)
        for (key, sides) in sequential.records {
            for (language, side) in sides {
                #expect(span(regionRecords[key]?[language]) == span(side), "\(label): \(key) \(language)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Both readings in `layout` (all records in one table, and by file) give the sequential
    /// reader's records; by file, each file's table holds that file's records only.
    static func expectSameRecords(
        in layout: LockRegions, of source: LockBytes, as sequential: Baseline, _ label: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        expectSameRecords(layout.read(source), as: sequential, label, sourceLocation: sourceLocation)
        guard let files = layout.readByFile(source) else {
            Issue.record("the regions refused by file a lock the sequential reader reads (\(label))", sourceLocation: sourceLocation)
            return
        }
        for (file, records) in files {
            #expect(records.keys.allSatisfy { $0.file == file }, "\(label): \(file)", sourceLocation: sourceLocation)
        }
        #expect(files.count == Set(sequential.records.keys.map(\.file)).count, "\(label)", sourceLocation: sourceLocation)
        expectSameRecords(FiledBaseline(files: files).whole.records, as: sequential, "\(label), by file", sourceLocation: sourceLocation)
    }

    static func error(_ body: () throws(BaselineError) -> Baseline) -> BaselineError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    /// The lock is refused by the regions, and read through them it gives the sequential
    /// reader's error; returns that error.
    @discardableResult
    static func expectSameError(
        _ text: String, regionSize: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> BaselineError? {
        expectSameError(bytes: Array(text.utf8), regionSize: regionSize, sourceLocation: sourceLocation)
    }

    @discardableResult
    static func expectSameError(
        bytes: [UInt8], regionSize: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> BaselineError? {
        let layout = regions(bytes, regionSize: regionSize, chunkSize: 700)
        #expect(layout.count > 1, sourceLocation: sourceLocation)
        #expect(layout.read(LockBytes(memory: bytes))?.count == nil, "the regions took it", sourceLocation: sourceLocation)
        #expect(layout.readByFile(LockBytes(memory: bytes))?.count == nil, "the regions took it by file", sourceLocation: sourceLocation)
        let sequential = error { () throws(BaselineError) in try Baseline(parsing: bytes, regions: nil) }
        let parallel = error { () throws(BaselineError) in try Baseline(parsing: bytes, regions: layout) }
        #expect(sequential != nil, sourceLocation: sourceLocation)
        #expect(parallel?.line == sequential?.line, sourceLocation: sourceLocation)
        #expect(parallel?.message == sequential?.message, sourceLocation: sourceLocation)
        #expect(parallel?.isNewerFormat == sequential?.isNewerFormat, sourceLocation: sourceLocation)
        return parallel
    }

    @Test func aGeneratedLockReadInRegionsGivesTheSequentialRecords() throws {
        let bytes = Array(BaselineReaderTests.randomBaseline(seed: 31, count: 1200).serialized().utf8)
        let sequential = try Baseline(parsing: bytes, regions: nil)
        #expect(sequential.records.count == 1200)
        for (regionSize, chunkSize) in [(bytes.count / 7, 1 << 20), (4096, 1000), (50, 5)] {
            let layout = Self.regions(bytes, regionSize: regionSize, chunkSize: chunkSize)
            #expect(layout.count > 1)
            Self.expectSameRecords(in: layout, of: LockBytes(memory: bytes), as: sequential, "regions of \(regionSize)")
        }
    }

    @Test func aLockFileReadInRegionsGivesTheSequentialRecords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-regions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(Baseline.fileName).path
        let text = BaselineReaderTests.randomBaseline(seed: 32, count: 800, maxLength: 120).serialized()
        try AtomicFile.write(Array(text.utf8), to: path)

        let sequential = try Baseline(readingLockAt: path, regions: { _ in nil })
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        let layout = LockRegions(size: text.utf8.count, regionSize: 5000, chunkSize: 4096)
        #expect(layout.count > 10)
        Self.expectSameRecords(in: layout, of: LockBytes(descriptor: descriptor), as: sequential, "file")
        let parallel = try Baseline(readingLockAt: path) { LockRegions(size: $0, regionSize: 5000, chunkSize: 4096) }
        #expect(parallel.serialized() == text)
    }

    /// Every byte of a lock with multi-byte texts, CRLF and LF lines, blank lines and lines
    /// for `JSONDecoder` is the start of a region once: inside a character, at `\r`, at `\n`.
    @Test func aRegionMayStartAtAnyByte() throws {
        let spaced = #"{"key": "b.xml#spaced", "sides": {"en": {"neutral":"0000000000000001","prose":"0000000000000002","text":"x"}}}"#
        let text = [
            Self.header, Self.line("a.xml#1", zh: "简历😀中文"), "", Self.line("a.xml#2", en: #"\"quoted\" \u00e9"#) + "\r",
            "   ", spaced + "\r", Self.line("a.xml#3", zh: "，。\u{3000}Ａ"), Self.line("a.xml", zh: "文件"),
            Self.line("b.xml#x#y", zh: "末尾"),
        ].joined(separator: "\n")
        let bytes = Array(text.utf8)
        let sequential = try Baseline(parsing: bytes, regions: nil)
        #expect(sequential.records.count == 6)
        #expect(sequential.records.values.filter { $0.values.allSatisfy(\.readsFromLock) }.count == 5)
        for regionSize in 1...bytes.count {
            Self.expectSameRecords(
                in: Self.regions(bytes, regionSize: regionSize, chunkSize: 7), of: LockBytes(memory: bytes),
                as: sequential, "regions of \(regionSize)")
        }
    }

    @Test func crlfLinesAreReadInRegionsAsTheyAreReadSequentially() throws {
        let bytes = Array(Self.lock(count: 400, separator: "\r\n").utf8)
        let sequential = try Baseline(parsing: bytes, regions: nil)
        #expect(sequential.records.count == 400)
        #expect(sequential.records.values.allSatisfy { $0.values.allSatisfy(\.readsFromLock) })
        let layout = Self.regions(bytes, regionSize: 1500, chunkSize: 512)
        #expect(layout.count > 20)
        Self.expectSameRecords(in: layout, of: LockBytes(memory: bytes), as: sequential, "CRLF")
    }

    @Test func problemsInALaterRegionKeepTheirLineNumbersAndMessages() throws {
        let count = 2000
        let regionSize = 20_000
        func broken(_ index: Int, _ line: String) -> String { Self.lock(count: count, replacing: [index: line]) }
        let notJSON = Self.expectSameError(broken(1500, "not json"), regionSize: regionSize)
        #expect(notJSON?.line == 1502)
        #expect(notJSON?.message == "line 1502 is not a valid baseline record")
        let badKey = Self.expectSameError(broken(1700, Self.line("#x")), regionSize: regionSize)
        #expect(badKey?.line == 1702)
        #expect(badKey?.message == "'#x' is not an entry key")
        #expect(Self.expectSameError(broken(1999, Self.line("a.xml#")), regionSize: regionSize)?.line == 2001)
        let conflict = Self.expectSameError(broken(1200, "<<<<<<< HEAD"), regionSize: regionSize)
        #expect(conflict?.line == 1202)
        #expect(conflict?.message.contains("merge conflict") == true)
        #expect(Self.expectSameError(broken(900, Self.header), regionSize: regionSize)?.line == 902)
        // Not UTF-8: a record whose key is the byte FF (`JSONDecoder` refuses it), and one whose text has it (read).
        let invalidKey = Array(Self.lock(count: count, replacing: [1800: "{\"key\":\"@\"}"]).utf8).map { $0 == UInt8(ascii: "@") ? 0xFF : $0 }
        #expect(Self.expectSameError(bytes: invalidKey, regionSize: regionSize)?.line == 1802)
        let invalidText = Array(Self.lock(count: count, replacing: [1800: Self.line("g.xml#1", en: "@")]).utf8).map { $0 == UInt8(ascii: "@") ? 0xFF : $0 }
        let sequential = try Baseline(parsing: invalidText, regions: nil)
        #expect(sequential.side(EntryKey(file: RelativePath("g.xml"), id: EntryID("1")), language: Language("en"))?.text == "\u{FFFD}")
        Self.expectSameRecords(in: Self.regions(invalidText, regionSize: regionSize), of: LockBytes(memory: invalidText), as: sequential, "FF")
        // Unterminated, the last line is still read, and still refused when it is wrong.
        let unterminated = String(Self.lock(count: count).dropLast()) + "\n{\"key\":"
        #expect(Self.expectSameError(unterminated, regionSize: regionSize)?.line == count + 2)
    }

    @Test func problemsWithTheHeaderAreTheSequentialReadersToo() throws {
        let regionSize = 20_000
        let records = String(Self.lock(count: 2000).drop(while: { $0 != "\n" }).dropFirst())
        #expect(Self.expectSameError(records, regionSize: regionSize)?.message == "not a resume-sync lock file: the first line is not its header")
        let newer = Self.expectSameError(#"{"format":"resume-sync.lock","version":99}"# + "\n" + records, regionSize: regionSize)
        #expect(newer?.isNewerFormat == true)
        #expect(newer?.line == 1)
        // Blank lines before the header, more of them than the first region holds.
        let blanks = String(repeating: " \n", count: 30_000)
        let late = Self.expectSameError(blanks + Self.header + "\n" + records + "not json\n", regionSize: regionSize)
        #expect(late?.line == 30_000 + 2002)
        #expect(Self.expectSameError(blanks, regionSize: regionSize)?.message == "the lock file is empty: it has no header")
    }

    @Test func aKeyRecordedInTwoRegionsIsRefusedAsTheSequentialReaderRefusesIt() throws {
        let key = "f0.xml#0010"
        let text = Self.lock(count: 2000, replacing: [1900: Self.line(key, zh: "again")])
        let regionSize = 20_000
        // The two lines are in different regions.
        let offsets = text.utf8.split(separator: UInt8(ascii: "\n")).reduce(into: (offset: 0, regions: [Int]())) { state, line in
            if String(decoding: line, as: UTF8.self).contains(#""key":"\#(key)""#) { state.regions.append(state.offset / regionSize) }
            state.offset += line.count + 1
        }
        #expect(offsets.regions.count == 2)
        #expect(Set(offsets.regions).count == 2)
        let twice = Self.expectSameError(text, regionSize: regionSize)
        #expect(twice?.line == 1902)
        #expect(twice?.message == "the entry \(key) is recorded twice")
    }

    /// A lock edited by hand need not be sorted: a file's records in several places, in one
    /// region or in two, are joined by file, and a key in two of them is refused.
    @Test func aFilesRecordsInSeveralPlacesAreJoinedByFile() throws {
        let count = 2000
        // Two more of `f0.xml`'s records (0 to 49) come among `f26.xml`'s, two of `f39.xml`'s among `f20.xml`'s.
        let moved = [1300: Self.line("f0.xml#late"), 1301: Self.line("f0.xml#later"), 1000: Self.line("f39.xml#x"), 1001: Self.line("f39.xml#y")]
        let bytes = Array(Self.lock(count: count, replacing: moved).utf8)
        let sequential = try Baseline(parsing: bytes, regions: nil)
        #expect(sequential.records.count == count)
        for regionSize in [bytes.count / 3, 20_000, 900] {
            let layout = Self.regions(bytes, regionSize: regionSize, chunkSize: 4096)
            #expect(layout.count > 1)
            Self.expectSameRecords(in: layout, of: LockBytes(memory: bytes), as: sequential, "regions of \(regionSize)")
            let files = try #require(layout.readByFile(LockBytes(memory: bytes)))
            #expect(files[RelativePath("f0.xml")]?.count == 52)
            #expect(files[RelativePath("f39.xml")]?.count == 52)
        }
        // The same key twice, near (one region) and far (two).
        for (index, key) in [(5, "f0.xml#0001"), (1300, "f0.xml#0001")] {
            let twice = Self.expectSameError(Self.lock(count: count, replacing: [index: Self.line(key)]), regionSize: 20_000)
            #expect(twice?.message == "the entry \(key) is recorded twice")
        }
    }

    /// A lock read by file in regions gives each file's records as the baseline of its pair,
    /// and an empty baseline for a file it does not record; read by the one reader, it gives
    /// every pair the whole lock.
    @Test func aFiledBaselineGivesEachFileItsOwnRecords() throws {
        let bytes = Array(Self.lock(count: 600).utf8)
        let sequential = try Baseline(parsing: bytes, regions: nil)
        let inRegions = try FiledBaseline(parsing: bytes, regions: Self.regions(bytes, regionSize: 3000))
        let whole = try FiledBaseline(parsing: bytes, regions: nil)
        for file in Set(sequential.records.keys.map(\.file)) {
            let expected = Baseline(records: sequential.records.filter { $0.key.file == file })
            #expect(expected.records.count == 50)
            #expect(inRegions.baseline(of: file) == expected, "\(file)")
            #expect(whole.baseline(of: file) == sequential, "\(file)")
        }
        #expect(inRegions.baseline(of: RelativePath("absent.xml")).records.isEmpty)
        #expect(inRegions.whole == sequential)
        #expect(whole.whole == sequential)
    }

    @Test func smallLocksAreReadByOneReader() {
        #expect(LockRegions(size: LockRegions.parallelThreshold - 1) == nil)
        let large = LockRegions(size: 190 << 20)
        #expect((large?.count ?? 0) >= 2)
        #expect((large?.regionSize ?? 0) >= 4 << 20)
    }
}
