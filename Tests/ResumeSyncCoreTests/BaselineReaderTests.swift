import Foundation
import Testing
@testable import ResumeSyncCore

/// The lock reader: canonical lines read straight from the bytes must give what `JSONDecoder`
/// gives, every other line must still go through `JSONDecoder`, and texts stay in the lock.
@Suite struct BaselineReaderTests {
    /// A lock record as `JSONDecoder` reads it, to compare the fast reader with.
    struct DecodedRecord: Decodable, Equatable {
        struct Side: Decodable, Equatable {
            var neutral: String
            var prose: String
            var text: String
        }

        var key: String
        var sides: [String: Side]
    }

    static let header = #"{"format":"resume-sync.lock","version":1}"#

    /// A deterministic generator, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// Scalars that stress escaping: quotes, backslashes, slashes, every ASCII control, line
    /// and paragraph separators, Chinese, full-width forms, and emoji beyond the BMP.
    static let awkwardScalars: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = ["\"", "\\", "/", "a", "Z", " ", "#", "\u{7F}", "\u{2028}", "\u{2029}",
                                         "中", "文", "简", "历", "，", "。", "\u{3000}", "Ａ", "😀", "👩", "\u{1F1E8}", "\u{FEFF}", "é", "\u{0301}"]
        scalars += (0..<0x20).compactMap(Unicode.Scalar.init)
        return scalars
    }()

    static func randomText(_ generator: inout SplitMix, maxLength: Int) -> String {
        let length = Int.random(in: 0...maxLength, using: &generator)
        var text = String.UnicodeScalarView()
        for _ in 0..<length {
            text.append(awkwardScalars[Int.random(in: 0..<awkwardScalars.count, using: &generator)])
        }
        return String(text)
    }

    static func randomSide(_ generator: inout SplitMix, maxLength: Int = 40) -> Baseline.Side {
        Baseline.Side(
            prose: Fingerprint(value: generator.next()), neutral: Fingerprint(value: generator.next()),
            text: randomText(&generator, maxLength: maxLength))
    }

    static func randomBaseline(seed: UInt64, count: Int, maxLength: Int = 40) -> Baseline {
        var generator = SplitMix(state: seed)
        var baseline = Baseline()
        for index in 0..<count {
            let id = "e\(index)-" + randomText(&generator, maxLength: 6).filter { $0 != "#" && $0 != "\n" && $0 != "\r" }
            let key = EntryKey(file: RelativePath("dir/file\(index % 7).xml"), id: EntryID(id))
            baseline.records[key] = ["zh": randomSide(&generator, maxLength: maxLength), "en": randomSide(&generator, maxLength: maxLength)]
        }
        return baseline
    }

    @Test func generatedRecordsRoundTripThroughTheFastReader() throws {
        let baseline = Self.randomBaseline(seed: 7, count: 600)
        let text = baseline.serialized()
        let read = try Baseline(parsing: text)
        #expect(read.records.count == 600)
        #expect(read == baseline)
        #expect(read.serialized() == text)
        // Every side was read by the fast reader (its text left in the lock), not by the fallback.
        #expect(read.records.values.allSatisfy { $0.values.allSatisfy(\.readsFromLock) })
    }

    @Test func theFastReaderAgreesWithJSONDecoderLineByLine() throws {
        let text = Self.randomBaseline(seed: 11, count: 300).serialized()
        let read = try Baseline(parsing: text)
        let decoder = JSONDecoder()
        for line in text.split(separator: "\n").dropFirst() {
            let expected = try decoder.decode(DecodedRecord.self, from: Data(line.utf8))
            let key = try #require(EntryKey(parsing: expected.key))
            let sides = try #require(read.records[key])
            #expect(Set(sides.keys) == Set(expected.sides.keys))
            for (language, side) in expected.sides {
                #expect(sides[language]?.text == side.text)
                #expect(sides[language]?.prose.hex == side.prose)
                #expect(sides[language]?.neutral.hex == side.neutral)
            }
        }
    }

    /// Escapes `JSONEncoder` never writes, but a hand-edited or other tool's lock may hold.
    @Test func everyJSONEscapeIsDecodedAsJSONDecoderDecodesIt() throws {
        let literals = [#"a\/b"#, #"\b\f\n\r\t"#, #"\u00e9\u00E9\u4e2d"#, #"\uD83D\uDE00 x"#, #"\ud83d\ude00"#,
                        #"\"\\"#, #"\u0000\u001f"#, #"\u2028"#, "中文/\\\"", ""]
        for literal in literals {
            let line = #"{"key":"a.xml#x","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"\#(literal)"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"t"}}}"#
            let expected = try JSONDecoder().decode(DecodedRecord.self, from: Data(line.utf8))
            let read = try Baseline(parsing: Self.header + "\n" + line + "\n")
            let side = try #require(read.records[EntryKey(file: RelativePath("a.xml"), id: EntryID("x"))]?["en"])
            #expect(side.readsFromLock, "\(literal) was not read by the fast reader")
            #expect(side.text == expected.sides["en"]?.text, "\(literal)")
        }
    }

    /// Escapes the fast reader is not sure of go to `JSONDecoder`, whose verdict stands.
    @Test func doubtfulEscapesGetJSONDecodersVerdict() throws {
        let literals = [#"\x"#, #"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\u12"#, #"\u12g4"#, "a\u{09}b", "a\u{01}", #"\"#, #"\'"#]
        for literal in literals {
            let line = #"{"key":"a.xml#x","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"\#(literal)"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"t"}}}"#
            let expected = try? JSONDecoder().decode(DecodedRecord.self, from: Data(line.utf8))
            let text = Self.header + "\n" + line + "\n"
            if let expected {
                let side = try Baseline(parsing: text).records[EntryKey(file: RelativePath("a.xml"), id: EntryID("x"))]?["en"]
                #expect(side?.text == expected.sides["en"]?.text, "\(literal)")
            } else {
                #expect(lockReadingError(text)?.message == "line 2 is not a valid baseline record", "\(literal)")
                #expect(lockReadingError(text)?.line == 2)
            }
        }
        // The plain lone surrogate and the unknown escape are refused, as JSONDecoder refuses them.
        #expect(lockReadingError(Self.header + "\n" + #"{"key":"a.xml#x","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"\ud800"}}}"#)?.line == 2)
        #expect(lockReadingError(Self.header + "\n" + #"{"key":"a.xml#x","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"\x"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"t"}}}"#)?.line == 2)
    }

    @Test func linesOfAnotherShapeAreReadByTheFallback() throws {
        let expected = Baseline.Side(prose: Fingerprint(value: 2), neutral: Fingerprint(value: 1), text: "中 \"x\"")
        let one = #"{"neutral":"0000000000000001","prose":"0000000000000002","text":"中 \"x\""}"#
        let reordered = #"{"text":"中 \"x\"","prose":"0000000000000002","neutral":"0000000000000001"}"#
        let extra = #"{"neutral":"0000000000000001","note":1,"prose":"0000000000000002","text":"中 \"x\""}"#
        let lines = [
            #"{"key": "a.xml#1", "sides": {"en": \#(one), "zh": \#(one)}}"#,
            #"{"sides":{"en":\#(one),"zh":\#(one)},"key":"a.xml#2"}"#,
            #"{"key":"a.xml#3","sides":{"en":\#(reordered),"zh":\#(one)}}"#,
            #"{"key":"a.xml#4","sides":{"en":\#(extra),"zh":\#(one)}}"#,
            #"{"key":"a.xml#5","sides":{"en":\#(one),"zh":\#(one)},"more":true}"#,
            #"{"key":"a.xml#6","sides":{"en":\#(one)}}"#,
            #"{"key":"a.xml#7","sides":{"de":\#(one),"en":\#(one),"zh":\#(one)}}"#,
            #"{"key":"a.xml#8","sides":{"en":\#(one),"zh":\#(one)}} "#,
            #"{"key":"a.xml#9","sides":{"en":\#(one),"zh":\#(one)}}"#,
        ]
        let read = try Baseline(parsing: ([Self.header] + lines).joined(separator: "\r\n"))
        #expect(read.records.count == 9)
        for number in 1...9 {
            let sides = try #require(read.records[EntryKey(file: RelativePath("a.xml"), id: EntryID("\(number)"))])
            #expect(sides.count == (number == 6 ? 1 : number == 7 ? 3 : 2))
            #expect(sides.values.allSatisfy { $0 == expected })
            // Only the canonical one (CRLF aside) is left in the lock.
            #expect(sides.values.allSatisfy { $0.readsFromLock == (number == 9) }, "record \(number)")
        }
    }

    @Test func malformedLinesKeepTheirMessagesAndLineNumbers() throws {
        let good = #"{"key":"a.xml#x","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"t"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"t"}}}"#
        let badHex = good.replacingOccurrences(of: "0000000000000002", with: "000000000000000g")
        let shortHex = good.replacingOccurrences(of: "0000000000000002", with: "000000000000002")
        let badKey = good.replacingOccurrences(of: "a.xml#x", with: "#x")
        let badKeySpaced = badKey.replacingOccurrences(of: #"{"key":"#, with: #"{ "key": "#)
        func lock(_ lines: String...) -> String { ([Self.header] + lines).joined(separator: "\n") + "\n" }

        #expect(lockReadingError(lock(good, "", badHex))?.message == "line 4 is not a valid baseline record")
        #expect(lockReadingError(lock(good, shortHex))?.line == 3)
        #expect(lockReadingError(lock(good, badKey))?.message == "'#x' is not an entry key")
        #expect(lockReadingError(lock(good, badKeySpaced))?.message == "'#x' is not an entry key")
        let twice = try #require(lockReadingError(lock(good, good)))
        #expect(twice.line == 3)
        #expect(twice.message == "the entry a.xml#x is recorded twice")
        let conflict = try #require(lockReadingError(lock(good, "<<<<<<< HEAD", good, "=======")))
        #expect(conflict.line == 3)
        #expect(conflict.message.contains("merge conflict"))
        #expect(lockReadingError(good + "\n")?.message == "not a resume-sync lock file: the first line is not its header")
        #expect(lockReadingError("\n\n")?.message == "the lock file is empty: it has no header")
    }

    @Test func textsAreReadFromTheLockAsParsedAfterItIsReplaced() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(Baseline.fileName).path
        // Long texts, so that records cross the reader's 1 MiB chunks; one text longer than a chunk.
        var original = Self.randomBaseline(seed: 3, count: 400, maxLength: 6000)
        let long = EntryKey(file: RelativePath("long.xml"), id: EntryID("l"))
        original.records[long] = [
            "zh": Baseline.Side(prose: Fingerprint(value: 1), neutral: Fingerprint(value: 2), text: String(repeating: "长文\\\"", count: 400_000)),
            "en": Baseline.Side(prose: Fingerprint(value: 3), neutral: Fingerprint(value: 4), text: "short"),
        ]
        try AtomicFile.write(Array(original.serialized().utf8), to: path)
        #expect(original.serialized().utf8.count > 3 << 20)

        let read = try Baseline(readingLockAt: path)
        #expect(read.records.values.allSatisfy { $0.values.allSatisfy(\.readsFromLock) })
        try AtomicFile.write(Array(Self.randomBaseline(seed: 4, count: 5).serialized().utf8), to: path)
        #expect(read == original)
        #expect(read.side(long, language: Language("zh"))?.text.count == 1_600_000)
        #expect(read.serialized() == original.serialized())
    }

    @Test func sidesCompareByTextWhereverTheTextIs() throws {
        let inline = Baseline.Side(prose: Fingerprint(value: 1), neutral: Fingerprint(value: 2), text: "中文")
        var baseline = Baseline()
        baseline.records[EntryKey(file: RelativePath("a.xml"), id: EntryID("x"))] = ["zh": inline, "en": inline]
        let read = try #require(try Baseline(parsing: baseline.serialized()).records.values.first?["zh"])
        #expect(read.readsFromLock)
        #expect(read == inline)
        #expect(read.hashValue == inline.hashValue)
        var edited = read
        edited.text = "中文!"
        #expect(!edited.readsFromLock)
        #expect(edited != inline)
    }
}

extension Baseline.Side {
    /// Whether the text is still in the lock rather than in memory.
    var readsFromLock: Bool {
        if case .lock = storedText { return true }
        return false
    }
}

/// `serialized()` writes records by hand: byte for byte what `JSONEncoder` writes.
@Suite struct BaselineWriterTests {
    private struct Record: Encodable {
        var key: String
        var sides: [String: Baseline.Side]
    }

    @Test func recordsAreWrittenExactlyAsJSONEncoderWritesThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var baseline = BaselineReaderTests.randomBaseline(seed: 21, count: 500)
        // A record of three languages, one of one, and one with no sides.
        var generator = BaselineReaderTests.SplitMix(state: 5)
        baseline.records[EntryKey(file: RelativePath("x/\"q\\.xml"), id: EntryID("3"))] = [
            "zh-Hans": BaselineReaderTests.randomSide(&generator), "de": BaselineReaderTests.randomSide(&generator),
            "en": BaselineReaderTests.randomSide(&generator),
        ]
        baseline.records[EntryKey(file: RelativePath("y.xml"), id: EntryID("1"))] = ["en": BaselineReaderTests.randomSide(&generator)]
        baseline.records[EntryKey(file: RelativePath("z.xml"), id: nil)] = [:]
        var expected = [#"{"format":"resume-sync.lock","version":1}"#]
        for key in baseline.records.keys.sorted() {
            let data = try encoder.encode(Record(key: key.description, sides: (baseline.records[key] ?? [:]).dictionary))
            expected.append(String(decoding: data, as: UTF8.self))
        }
        let written = baseline.serialized()
        #expect(written == expected.joined(separator: "\n") + "\n")
        #expect(written.utf8.elementsEqual((expected.joined(separator: "\n") + "\n").utf8))
    }
}
