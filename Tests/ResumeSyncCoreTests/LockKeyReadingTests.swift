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
