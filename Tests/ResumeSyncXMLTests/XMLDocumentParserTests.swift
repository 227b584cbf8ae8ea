import Foundation
import Testing
@testable import ResumeSyncXML

@Suite struct XMLDocumentParserTests {
    func parse(_ text: String) throws -> XMLDocumentTree {
        try XMLDocumentParser.parse(Array(text.utf8))
    }

    func failure(_ text: String) -> XMLParseFailure? {
        do {
            _ = try XMLDocumentParser.parse(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// The bytes an element's span covers, as text.
    func slice(_ text: String, _ span: ByteSpan) -> String {
        String(decoding: Array(text.utf8)[span.range], as: UTF8.self)
    }

    @Test func spansCoverEachElementExactlyWithChineseAndCRLF() throws {
        let text = "<?xml version=\"1.0\"?>\r\n<s id=\"s\">\r\n  <!-- 注释 -->\r\n  <item id=\"a\" title='标题 > x'>中文 text</item>\r\n  <period from=\"2019-04\"/>\r\n</s>"
        let tree = try parse(text)
        #expect(tree.spansAreExact)
        #expect(slice(text, tree.root.span) == String(text[text.range(of: "<s id")!.lowerBound...]))
        let elements = tree.root.childElements
        #expect(slice(text, elements[0].span) == "<item id=\"a\" title='标题 > x'>中文 text</item>")
        #expect(slice(text, elements[0].startTag) == "<item id=\"a\" title='标题 > x'>")
        #expect(elements[0].endTag.map { slice(text, $0) } == "</item>")
        #expect(slice(text, elements[1].span) == "<period from=\"2019-04\"/>")
        #expect(elements[1].endTag == nil)
    }

    @Test func spansStayExactInALargeFile() throws {
        // A pass-through input converter shifts offsets only after a few kilobytes.
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<s>\n"
        for index in 0..<2_000 {
            text += "  <item id=\"i\(index)\">第 \(index) 条：调研与设计产品新功能</item>\n"
        }
        text += "</s>\n"
        let tree = try parse(text)
        #expect(tree.spansAreExact)
        for (index, element) in tree.root.childElements.enumerated() {
            #expect(slice(text, element.span) == "<item id=\"i\(index)\">第 \(index) 条：调研与设计产品新功能</item>")
        }
    }

    @Test func undeclaredEntitiesStayAsReferencesInTextAndAttributes() throws {
        let tree = try parse("<s><title>&reftitle.description; and &amp;</title><a href=\"x&y.z;w\"/></s>")
        let title = tree.root.childElements[0]
        #expect(title.children == [.entityReference("reftitle.description"), .text(" and &")])
        let link = tree.root.childElements[1]
        #expect(link.attribute("href")?.pieces == [.text("x"), .entityReference("y.z"), .text("w")])
        #expect(link.attribute("href")?.value == "x&y.z;w")
        #expect(tree.undeclaredEntities == ["reftitle.description", "y.z"])
    }

    @Test func declaredEntitiesAreNotExpanded() throws {
        let tree = try parse("<!DOCTYPE s [<!ENTITY product \"Kubeflow\">]><s>use &product;</s>")
        #expect(tree.root.children == [.text("use "), .entityReference("product")])
        #expect(tree.undeclaredEntities.isEmpty)
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let tree = try parse("<!DOCTYPE s [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><s>&xxe;</s>")
        #expect(tree.root.children == [.entityReference("xxe")])
    }

    @Test func externalDTDIsNotLoaded() throws {
        let tree = try parse("<!DOCTYPE s SYSTEM \"http://example.invalid/evil.dtd\"><s a=\"1\">&undeclared;</s>")
        #expect(tree.root.children == [.entityReference("undeclared")])
    }

    @Test func malformedInputGivesTheOffsetOfTheFirstError() throws {
        let text = "<s>\n  <item id=\"a\">one</item>\n  <item id=\"b\">two</itm>\n</s>\n"
        let error = try #require(failure(text))
        let first = try #require(error.diagnostics.first)
        #expect(first.isFatal)
        #expect(first.message.contains("mismatch"))
        let prefix = String(decoding: Array(text.utf8)[..<first.byteOffset], as: UTF8.self)
        #expect(prefix.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
    }

    @Test func truncatedInputIsAnError() throws {
        let text = "<s>\n  <item id=\"a\">one</item>\n  <item id"
        let error = try #require(failure(text))
        let first = try #require(error.diagnostics.first)
        #expect(first.isFatal)
        // The error is on the third line, where the file stops.
        let prefix = String(decoding: Array(text.utf8)[..<first.byteOffset], as: UTF8.self)
        #expect(prefix.hasPrefix("<s>\n  <item id=\"a\">one</item>\n  <item"))
    }

    @Test func emptyInputIsAnError() throws {
        let error = try #require(failure(""))
        #expect(error.diagnostics.first?.message == "the file is empty")
    }

    @Test func utf16IsRefused() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<s>x</s>".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(throws: XMLParseFailure.self) { try XMLDocumentParser.parse(bytes) }
    }

    @Test func utf8ByteOrderMarkKeepsOffsetsExact() throws {
        let text = "\u{FEFF}<s><a id=\"x\">中</a></s>"
        let tree = try parse(text)
        #expect(slice(text, tree.root.childElements[0].span) == "<a id=\"x\">中</a>")
    }

    @Test func entityExpansionBombIsStopped() throws {
        var doctype = "<!DOCTYPE s [<!ENTITY a0 \"lol\">"
        for level in 1...10 {
            let previous = "&a\(level - 1);"
            doctype += "<!ENTITY a\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        doctype += "]>"
        // Referenced from an attribute, where libxml2 must expand to normalise the value.
        #expect(throws: XMLParseFailure.self) { try parse(doctype + "<s a=\"&a10;\"/>") }
    }

    @Test func namespacedNamesKeepTheirPrefix() throws {
        let tree = try parse("<book xmlns=\"http://docbook.org/ns/docbook\" xmlns:xl=\"http://www.w3.org/1999/xlink\"><para xml:id=\"p\" xl:href=\"u\"/></book>")
        let para = tree.root.childElements[0]
        #expect(para.name.localName == "para")
        #expect(para.name.namespaceURI == "http://docbook.org/ns/docbook")
        #expect(para.attribute("xml:id")?.value == "p")
        #expect(para.attribute("xl:href")?.value == "u")
    }
}
