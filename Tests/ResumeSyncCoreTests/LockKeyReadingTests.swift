import Testing
@testable import ResumeSyncCore

/// Keys of canonical lock lines: printable ASCII ones are split from the bytes, every other
/// one through `EntryKey(parsing:)`, with the same keys and the same refusals.
@Suite struct LockKeyReadingTests {
    static func line(_ key: String) -> String {
        #"{"key":"\#(key)","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"e"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"z"}}}"#
    }

    static func lock(_ keys: [String]) -> String {
        ([BaselineReaderTests.header] + keys.map(line)).joined(separator: "\n") + "\n"
    }

    @Test func keysAreSplitAtTheirFirstHashAsEntryKeyParsingSplitsThem() throws {
        // Plain ASCII (split from the bytes), then the same shapes with a byte that is not.
        let keys = ["a.xml#x", "a.xml", "a.xml#x#y", "dir/b.xml#-_.~", "c.xml#\u{7F}", "中.xml#x", "d.xml#é#", #"e\"q.xml#\\"#]
        let read = try Baseline(parsing: Self.lock(keys))
        #expect(read.records.count == keys.count)
        for text in keys {
            let unescaped = text.replacingOccurrences(of: #"\""#, with: "\"").replacingOccurrences(of: #"\\"#, with: "\\")
            let key = try #require(EntryKey(parsing: unescaped))
            #expect(read.records[key] != nil, "\(text)")
        }
        #expect(read.records.keys.contains(EntryKey(file: RelativePath("a.xml"), id: nil)))
        #expect(read.records.keys.contains(EntryKey(file: RelativePath("a.xml"), id: EntryID("x#y"))))
    }

    @Test func emptyFilesAndIDsAreRefusedWithTheKeyInTheMessage() {
        for (key, line) in [("a.xml#", 3), ("#x", 3), ("#", 3), ("", 3), ("中.xml#", 3)] {
            let error = lockReadingError(Self.lock(["z.xml#1", key]))
            #expect(error?.message == "'\(key)' is not an entry key")
            #expect(error?.line == line)
        }
    }

    /// Records come file by file, so a reader shares one file name among a file's keys, but
    /// only when the bytes are the same: a name equal as a `String` (U+212A KELVIN SIGN is
    /// canonically `K`) is kept as written, so that `serialized()` writes it back unchanged.
    @Test func aFileNameEqualAsAStringButOtherInBytesIsKeptAsWritten() throws {
        #expect("\u{212A}.xml" == "K.xml")
        let text = Self.lock(["\u{212A}.xml#a", "K.xml#b", "\u{212A}.xml#c", "K.xml#d"])
        let read = try Baseline(parsing: text)
        let files = Dictionary(uniqueKeysWithValues: read.records.keys.map { ($0.id?.rawValue ?? "", Array($0.file.rawValue.utf8)) })
        #expect(files["a"] == Array("\u{212A}.xml".utf8))
        #expect(files["b"] == Array("K.xml".utf8))
        #expect(files["c"] == Array("\u{212A}.xml".utf8))
        #expect(files["d"] == Array("K.xml".utf8))
        #expect(Array(read.serialized().utf8) == Array(text.utf8))
    }
}

/// Fingerprints of canonical lines, read eight hex digits at a time, against
/// `Fingerprint.value(ofHex:)`, which reads one digit at a time.
@Suite struct LockFingerprintReadingTests {
    static func wordValue(_ digits: [UInt8]) -> UInt64? {
        digits.withUnsafeBytes { raw -> UInt64? in
            guard let high = CanonicalRecord.value(ofHexDigits: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                  let low = CanonicalRecord.value(ofHexDigits: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            else { return nil }
            return UInt64(high) << 32 | UInt64(low)
        }
    }

    @Test func everyHexDigitOfEitherCaseIsReadAtEveryPlace() {
        var generator = BaselineReaderTests.SplitMix(state: 41)
        let digits = Array("0123456789abcdefABCDEF".utf8)
        for _ in 0..<2000 {
            let text = (0..<16).map { _ in digits[Int.random(in: 0..<digits.count, using: &generator)] }
            #expect(Self.wordValue(text) == Fingerprint.value(ofHex: text), "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(Self.wordValue(Array("0123456789abcdef".utf8)) == 0x0123_4567_89AB_CDEF)
        #expect(Self.wordValue(Array("FEDCBA9876543210".utf8)) == 0xFEDC_BA98_7654_3210)
    }

    @Test func anyOtherByteAtAnyPlaceIsRefused() {
        // Neighbours of the digit and letter ranges in both cases, controls, and bytes of UTF-8.
        let others: [UInt8] = [0x00, 0x09, 0x20, 0x2F, 0x3A, 0x40, 0x47, 0x60, 0x67, 0x7F, 0x80, 0xB0, 0xC3, 0xE0, 0xFF]
        for other in others {
            for place in 0..<16 {
                var text = Array("a1B2c3D4e5F6a7b8".utf8)
                text[place] = other
                #expect(Fingerprint.value(ofHex: text) == nil)
                #expect(Self.wordValue(text) == nil, "\(other) at \(place)")
            }
        }
    }

    @Test func anUppercaseFingerprintInALockIsReadAsItsValue() throws {
        let line = #"{"key":"a.xml#x","sides":{"en":{"neutral":"ABCDEF0123456789","prose":"00000000000000FF","text":"e"},"zh":{"neutral":"0000000000000003","prose":"0000000000000004","text":"z"}}}"#
        let read = try Baseline(parsing: BaselineReaderTests.header + "\n" + line + "\n")
        let side = try #require(read.side(EntryKey(file: RelativePath("a.xml"), id: EntryID("x")), language: Language("en")))
        #expect(side.readsFromLock)
        #expect(side.neutral == Fingerprint(value: 0xABCD_EF01_2345_6789))
        #expect(side.prose == Fingerprint(value: 0xFF))
    }
}
