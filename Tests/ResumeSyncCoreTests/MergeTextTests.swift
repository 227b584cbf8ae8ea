import Foundation
import Testing
@testable import ResumeSyncCore
import ResumeSyncXML

/// The merge's byte-level primitives: splicing, start-tag scanning, line layout, re-indenting,
/// the unified diff.
@Suite struct MergeTextTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func replacementsSpliceTheOriginalAndKeepEveryOtherByte() throws {
        let original = Self.bytes("abcdefghij")
        let result = try ByteReplacement.apply([
            ByteReplacement(range: 7..<9, bytes: Self.bytes("XY"), expected: Self.bytes("hi")),
            .insert(Self.bytes("1"), at: 2),
            .insert(Self.bytes("2"), at: 2),
            ByteReplacement(range: 2..<4, bytes: [], expected: Self.bytes("cd")),
        ], to: original)
        // Insertions at one offset keep their order and come before the removal that starts there.
        #expect(Self.text(result) == "ab12efgXYj")
    }

    @Test func overlappingOrStaleReplacementsAreRefused() {
        let original = Self.bytes("abcdef")
        #expect(throws: SpliceError.self) {
            try ByteReplacement.apply([
                ByteReplacement(range: 1..<4, bytes: [], expected: Self.bytes("bcd")),
                ByteReplacement(range: 3..<5, bytes: [], expected: Self.bytes("de")),
            ], to: original)
        }
        #expect(throws: SpliceError.self) {
            try ByteReplacement.apply([ByteReplacement(range: 0..<2, bytes: [], expected: Self.bytes("xx"))], to: original)
        }
        #expect(throws: SpliceError.self) {
            try ByteReplacement.apply([.insert(Self.bytes("z"), at: 7)], to: original)
        }
    }

    @Test func startTagsAreScannedWithTheirQuotesAndBlanks() throws {
        let text = "x<period  from='2019-04'\n\tto=\"a&quot;b\" />"
        let bytes = Self.bytes(text)
        let tag = try #require(ScannedStartTag(bytes: bytes, span: ByteSpan(start: 1, end: bytes.count)))
        #expect(tag.attributes.map(\.name) == ["from", "to"])
        let from = try #require(tag.attribute("from"))
        #expect(Self.text(Array(bytes[from.value])) == "2019-04")
        #expect(from.quote == UInt8(ascii: "'"))
        #expect(Self.text(Array(bytes[from.whole])) == "  from='2019-04'")
        let to = try #require(tag.attribute("to"))
        #expect(Self.text(Array(bytes[to.value])) == "a&quot;b")
        #expect(to.quote == UInt8(ascii: "\""))
        // A new attribute goes right after the last one, so the blank before `/>` stays.
        #expect(Self.text(Array(bytes[tag.insertionPoint...])) == " />")
        #expect(tag.quote == UInt8(ascii: "'"))
        #expect(ScannedStartTag(bytes: Self.bytes("<a>"), span: ByteSpan(start: 0, end: 3))?.insertionPoint == 2)
        #expect(ScannedStartTag(bytes: Self.bytes("text"), span: ByteSpan(start: 0, end: 4)) == nil)
    }

    @Test func attributeValuesAreEscapedForTheQuoteTheyGoInto() {
        let value = Self.bytes("say \"hi\" it's")
        #expect(Self.text(ScannedStartTag.escaped(value, for: UInt8(ascii: "\""))) == "say &quot;hi&quot; it's")
        #expect(Self.text(ScannedStartTag.escaped(value, for: UInt8(ascii: "'"))) == "say \"hi\" it&apos;s")
        #expect(Self.text(ScannedStartTag.attributeText(name: "state", rawValue: Self.bytes("x"), quote: UInt8(ascii: "'"))) == " state='x'")
    }

    @Test func lineLayoutReadsLineEndingsAndIndentation() {
        let crlf = LineLayout(bytes: Self.bytes("<a>\r\n  <b/>\r\n</a>\n"))
        #expect(crlf.lineEnding == LineLayout.crlf)
        #expect(LineLayout(bytes: Self.bytes("<a>\n  <b/>\r\n</a>\n")).lineEnding == LineLayout.lf)
        #expect(LineLayout(bytes: Self.bytes("<a/>")).lineEnding == LineLayout.lf)
        #expect(crlf.lineIndent(of: 9) == Self.bytes("  "))
        #expect(crlf.startsLine(7))
        #expect(!crlf.startsLine(8))
        #expect(crlf.nextLineStart(ifBlankAfter: 11) == 13)
        #expect(crlf.nextLineStart(ifBlankAfter: 3) == 5)
        #expect(crlf.nextLineStart(ifBlankAfter: 0) == nil)
    }

    @Test func reindentingMovesTheBaseAndConvertsEachStep() {
        let block = Self.bytes("<entry>\n    <org>x</org>\n      <deep/>\n  text at the left\n  </entry>")
        let moved = Reindentation(
            from: Self.bytes("  "), to: Self.bytes("\t"), unitFrom: Self.bytes("  "), unitTo: Self.bytes("\t"),
            lineEnding: LineLayout.crlf
        ).apply(to: block)
        #expect(Self.text(moved) == "<entry>\r\n\t\t<org>x</org>\r\n\t\t\t<deep/>\r\n\ttext at the left\r\n\t</entry>")
        let lessIndented = Reindentation(from: Self.bytes("    "), to: Self.bytes("  "), lineEnding: LineLayout.lf)
            .apply(to: Self.bytes("<a>\r\n      <b/>\r\n  odd\r\n    </a>"))
        #expect(Self.text(lessIndented) == "<a>\n    <b/>\n  odd\n  </a>")
    }

    @Test func theUnifiedDiffIsWhatDiffUPrints() throws {
        let old = (1...20).map { "line \($0)\n" }.joined()
        var newLines = (1...20).map { "line \($0)\n" }
        newLines.insert("inserted A\n", at: 2)
        newLines[10] = "changed 10\n"
        newLines.remove(at: 18)
        let new = newLines.joined()
        let ours = UnifiedDiff.render(old: Self.bytes(old), new: Self.bytes(new), oldLabel: "en/a.xml", newLabel: "en/a.xml")
        #expect(ours == (try Self.systemDiff(old, new)))
        #expect(UnifiedDiff.render(old: Self.bytes(old), new: Self.bytes(old), oldLabel: "a", newLabel: "a").isEmpty)
    }

    @Test func aMissingFinalNewlineIsMarkedAsDiffMarksIt() throws {
        let old = "<a>\r\n  <b/>\r\n</a>"
        let new = "<a>\r\n  <b/>\r\n  <c/>\r\n</a>"
        let ours = UnifiedDiff.render(old: Self.bytes(old), new: Self.bytes(new), oldLabel: "en/a.xml", newLabel: "en/a.xml")
        #expect(ours.hasSuffix(" </a>\n\\ No newline at end of file\n"))
        #expect(ours == (try Self.systemDiff(old, new)))
        let created = UnifiedDiff.render(old: [], new: Self.bytes("<a/>\n"), oldLabel: "/dev/null", newLabel: "en/a.xml")
        #expect(created == "--- /dev/null\n+++ en/a.xml\n@@ -0,0 +1 @@\n+<a/>\n")
    }

    /// GNU diff's unified output for the same two texts, labelled like ours.
    static func systemDiff(_ old: String, _ new: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(old.utf8).write(to: folder.appendingPathComponent("old"))
        try Data(new.utf8).write(to: folder.appendingPathComponent("new"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "--label", "en/a.xml", "--label", "en/a.xml", "old", "new"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
