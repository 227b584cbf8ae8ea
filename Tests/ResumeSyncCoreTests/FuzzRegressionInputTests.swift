import Foundation
import Testing
@testable import ResumeSyncCore
import ResumeSyncXML

/// What each input the fuzzer found now gives, in process: not only no crash (the CLI suite
/// replays them all) but the right answer.
@Suite struct FuzzRegressionInputTests {
    static func input(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FuzzCorpus/regressions/\(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// The zh side of an input: up to the first NUL.
    static func firstDocument(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix { $0 != 0 })
    }

    @Test func aDeclarationAtTheEndOfAnHTMLPageEndsThePage() throws {
        // Found by the fuzzer: "<?>" read past the end of the page and trapped.
        let page = Self.firstDocument(try Self.input("html-declaration-at-end"))
        #expect(page == Array("<?>".utf8))
        let tree = try HTMLDocumentParser.parse(page)
        #expect(tree.root.childElements.isEmpty)
        let doctype = try HTMLDocumentParser.parse(Array("<p id=\"a\">x</p><!DOCTYPE html>".utf8))
        #expect(doctype.root.attribute("id")?.value == "a")
    }

    @Test func manyDeclarationsDoNotOverflowTheStack() throws {
        // Each skipped declaration used to recurse once: 200,000 of them overflowed the stack.
        let page = try Self.input("html-many-declarations")
        let tree = try HTMLDocumentParser.parse(page)
        #expect(tree.root.name.localName == "p")
        #expect(tree.root.span.start == page.count - "<p id=\"a\">x</p>".utf8.count)
    }

    @Test func aCharsetValueWithALineBreakStaysOneDiagnosticLine() throws {
        // Found by the fuzzer: a quoted charset running over lines put a line break into the
        // message, which broke the one-finding-a-line output.
        let page = Self.firstDocument(try Self.input("html-charset-with-line-break"))
        let failure = try #require(throws: XMLParseFailure.self) { try HTMLDocumentParser.parse(Array(page.dropFirst())) }
        let message = try #require(failure.diagnostics.first?.message)
        #expect(message == "the page declares charset 'avigati<a ion: the same on every page --'; resume-sync reads UTF-8 files only")
        #expect(!message.contains("\n"))
        let loaded = TreeLoader(configuration: .default)
            .parse(Array(page.dropFirst()), file: RelativePath("index.html"), displayPath: "zh/index.html", side: .source)
        guard case .failure(let problem) = loaded else {
            Issue.record("a page declaring a strange charset was loaded")
            return
        }
        #expect(DiagnosticsReport().render(problem.findings).split(separator: "\n").count == 1)
    }

    @Test(arguments: ["html-deep-nesting", "html-deep-unclosed-inline"])
    func nestingDeeperThanLibxml2AllowsIsRefusedInHTMLToo(name: String) throws {
        // 10,000 open elements overflowed the stack in the recursive walks after the parse (and
        // unclosed inline elements took quadratic time); HTML now keeps XML's limit of 256.
        let page = try Self.input(name)
        let failure = try #require(throws: XMLParseFailure.self) { try HTMLDocumentParser.parse(page) }
        let first = try #require(failure.diagnostics.first)
        #expect(first.message.hasPrefix("elements are nested more than 256 levels deep"))
        // The offset is the start tag that opens level 257.
        let tag = name == "html-deep-nesting" ? "<div>" : "<b>"
        let before = String(decoding: page[..<first.byteOffset], as: UTF8.self)
        #expect(before.components(separatedBy: tag).count - 1 == (name == "html-deep-nesting" ? 256 : 255))
        let loaded = TreeLoader(configuration: .default)
            .parse(page, file: RelativePath("page.html"), displayPath: "zh/page.html", side: .source)
        guard case .failure(let problem) = loaded else {
            Issue.record("a page nested 10,000 deep was loaded")
            return
        }
        #expect(problem.findings.first?.rule == .parseError)
    }
}
