import Foundation
import Testing
@testable import ResumeSyncXML

/// resume-sync's own HTML reader: the tree a browser would build, with exact byte spans.
@Suite struct HtmlDocumentParserTests {
    func parse(_ text: String) throws -> XMLDocumentTree {
        try HTMLDocumentParser.parse(Array(text.utf8))
    }

    func slice(_ text: String, _ span: ByteSpan) -> String {
        String(decoding: Array(text.utf8)[span.range], as: UTF8.self)
    }

    /// Every element in document order.
    func elements(_ root: XMLElement) -> [XMLElement] {
        [root] + root.childElements.flatMap(elements)
    }

    func element(_ tree: XMLDocumentTree, id: String) throws -> XMLElement {
        try #require(elements(tree.root).first { $0.attribute("id")?.value == id }, "no element with id \(id)")
    }

    /// The text of an element as a reader sees it: character data of it and its descendants.
    func text(_ element: XMLElement) -> String {
        element.children.map { node in
            switch node {
            case .text(let text), .cdata(let text): return text
            case .element(let child): return text(child)
            default: return ""
            }
        }.joined()
    }

    /// A hand-written HTML5 page as found in the wild, read from the fixture tree.
    static func page(_ path: String) throws -> String {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ResumeSyncCLITests/Fixtures/html-site")
        return String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(path)), as: UTF8.self)
    }

    // MARK: - Real pages

    @Test func aRealPageWithNavScriptsAndEntitiesReadsLikeABrowser() throws {
        let page = try Self.page("zh/index.html")
        let tree = try parse(page)
        #expect(tree.root.name.localName == "html")
        #expect(tree.spansAreExact)
        // The inline script holds "</div>" in a string: it is text of the script, not an end tag.
        let script = try #require(elements(tree.root).first { $0.name.localName == "script" && !$0.children.isEmpty })
        #expect(text(script).contains("'</div>'"))
        let nav = try element(tree, id: "site-nav")
        #expect(nav.childElements.map(\.name.localName) == ["ul"])
        let items = try #require(nav.childElements.first?.childElements)
        #expect(items.map { $0.attribute("id")?.value } == ["nav-home", "nav-work", "nav-talks"], "<li> without </li>")
        #expect(slice(page, items[0].span) == "<li id=nav-home><a href=\"/\" class=active>首页</a>", "unquoted attributes, implied end")
        #expect(items[0].endTag == nil)
        let intro = try element(tree, id: "intro")
        #expect(text(intro) == "我们在上海\u{A0}&\u{A0}北京，专注中文排版。", "&nbsp; &amp; &#x4E2D; decoded in text")
        #expect(slice(page, intro.span) == "<p id=\"intro\">我们在上海&nbsp;&amp;&nbsp;北京，专注&#x4E2D;文排版。</p>", "kept exact in the span")
        let figure = try element(tree, id: "team-photo")
        #expect(figure.childElements.map(\.name.localName) == ["img", "figcaption"], "a void <img> has no children")
        #expect(figure.childElements[0].attribute("alt")?.value == "团队合影")
    }

    @Test func everySpanIsTheElementsOwnBytes() throws {
        for path in ["zh/index.html", "en/index.html", "zh/about.htm", "en/about.htm"] {
            let page = try Self.page(path)
            let bytes = Array(page.utf8)
            let tree = try parse(page)
            for element in elements(tree.root) where element.name.localName != "#document" {
                let start = slice(page, element.startTag)
                #expect(start.hasPrefix("<") && start.hasSuffix(">"), "\(path): \(start)")
                #expect(start.lowercased().hasPrefix("<\(element.name.localName)"), "\(path): \(start)")
                if let end = element.endTag {
                    #expect(slice(page, end).lowercased().hasPrefix("</\(element.name.localName)"), "\(path)")
                    #expect(end.end == element.span.end)
                }
                #expect(element.span.start == element.startTag.start)
                #expect(element.span.end <= bytes.count)
                // Children lie inside their parent, in order.
                var previous = element.startTag.end
                for child in element.childElements {
                    #expect(child.span.start >= previous, "\(path): \(child.name)")
                    previous = child.span.end
                }
                #expect(previous <= (element.endTag?.start ?? element.span.end))
            }
        }
    }

    @Test func utf8IsKeptWithAndWithoutMetaCharset() throws {
        let without = try Self.page("zh/about.htm")
        #expect(!without.lowercased().contains("charset"))
        let tree = try parse(without)
        #expect(text(try element(tree, id: "about-title")) == "关于我们")
        let with = "<!doctype html><meta charset=\"UTF-8\"><title>标题</title><p id=p>中文</p>"
        let withTree = try parse(with)
        #expect(text(try element(withTree, id: "p")) == "中文")
    }

    // MARK: - The rules, one by one

    @Test func optionalEndTagsCloseWhereABrowserClosesThem() throws {
        let page = "<ul>\n  <li id=a>One\n  <li id=b><p>Two\n  <li id=c>Three\n</ul>\n<table><tr id=r1><td id=c1>x<td id=c2>y<tr id=r2><td>z</table>"
        let tree = try parse(page)
        #expect(slice(page, try element(tree, id: "a").span) == "<li id=a>One", "trailing white space belongs to the list")
        #expect(slice(page, try element(tree, id: "b").span) == "<li id=b><p>Two", "a <li> closes the <p> inside the previous one")
        #expect(slice(page, try element(tree, id: "c").span) == "<li id=c>Three")
        #expect(slice(page, try element(tree, id: "c1").span) == "<td id=c1>x")
        #expect(slice(page, try element(tree, id: "r1").span) == "<tr id=r1><td id=c1>x<td id=c2>y")
        #expect(try element(tree, id: "r2").childElements.count == 1)
    }

    @Test func paragraphsCloseAtBlocksAndStrayEndTagsAreIgnored() throws {
        let page = "<div id=d><p id=p1>one<p id=p2>two <b>bold<div id=inner>block</div></div></span><p id=p3>three"
        let tree = try parse(page)
        #expect(slice(page, try element(tree, id: "p1").span) == "<p id=p1>one")
        #expect(slice(page, try element(tree, id: "p2").span) == "<p id=p2>two <b>bold", "a <div> closes the <p> and the <b> in it")
        #expect(try element(tree, id: "d").childElements.map { $0.attribute("id")?.value } == ["p1", "p2", "inner"])
        #expect(slice(page, try element(tree, id: "p3").span) == "<p id=p3>three", "closed at the end of the file")
        #expect(tree.root.name.localName == "#document", "a fragment with several top-level elements")
    }

    @Test func voidElementsAndSelfClosingSyntax() throws {
        let page = "<p id=p>a<br>b<br/>c<img src=x.png alt='图'><input type=checkbox checked></p><svg id=s><path d=\"M0 0\"/><g id=g></g></svg>"
        let tree = try parse(page)
        let p = try element(tree, id: "p")
        #expect(p.childElements.map(\.name.localName) == ["br", "br", "img", "input"])
        #expect(p.childElements.allSatisfy { $0.endTag == nil && $0.children.isEmpty })
        #expect(p.childElements[3].attribute("checked")?.value == "", "a bare attribute")
        let svg = try element(tree, id: "s")
        #expect(svg.childElements.map(\.name.localName) == ["path", "g"], "/> closes elements in SVG")
    }

    @Test func scriptAndStyleAreRawText() throws {
        let page = "<div id=d><script>if (a < b && c) { el.innerHTML = '<p>x</p></div>'; }</script><style>p > a { content: \"</p>\" }</STYLE><p id=p>after</div>"
        let tree = try parse(page)
        let div = try element(tree, id: "d")
        #expect(div.childElements.map(\.name.localName) == ["script", "style", "p"])
        #expect(div.childElements[0].children == [.text("if (a < b && c) { el.innerHTML = '<p>x</p></div>'; }")])
        #expect(div.childElements[1].endTag.map { slice(page, $0) } == "</STYLE>")
        #expect(slice(page, div.span) == page, "the </div> inside the script string does not end the div")
    }

    @Test func referencesAreDecodedInTextAndAttributesAndUnknownOnesStayLiteral() throws {
        let page = "<p id=p title=\"Tom &amp; Jerry &copy; &#20013;\">&lt;b&gt; &unknown; &amp &#x1F600; &#0;</p>"
        let p = try element(try parse(page), id: "p")
        #expect(p.attribute("title")?.value == "Tom & Jerry © 中")
        #expect(p.children == [.text("<b> &unknown; &amp 😀 \u{FFFD}")])
    }

    @Test func commentsDoctypeAndCaseAreHandled() throws {
        let page = "<!DOCTYPE html>\n<!-- a <p> in a comment -->\n<HTML LANG=zh><BODY><P ID=x CLASS=\"a\">T</P><!----><!--></BODY></HTML>\n"
        let tree = try parse(page)
        #expect(tree.root.name.localName == "html")
        #expect(tree.root.attribute("lang")?.value == "zh")
        let p = try element(tree, id: "x")
        #expect(p.attribute("class")?.value == "a")
        #expect(slice(page, p.span) == "<P ID=x CLASS=\"a\">T</P>")
    }

    @Test func aByteOrderMarkAndCRLFKeepOffsetsExact() throws {
        let page = "\u{FEFF}<ul>\r\n<li id=a>一\r\n<li id=b>二\r\n</ul>\r\n"
        let tree = try parse(page)
        #expect(slice(page, try element(tree, id: "a").span) == "<li id=a>一")
        #expect(slice(page, try element(tree, id: "b").span) == "<li id=b>二")
    }

    // MARK: - Refusals

    func failure(_ bytes: [UInt8]) -> XMLDiagnostic? {
        do {
            _ = try HTMLDocumentParser.parse(bytes)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func notUTF8OrAnotherCharsetIsRefusedAtItsByte() {
        let latin1: [UInt8] = Array("<p id=p>caf".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(failure(latin1)?.byteOffset == 11)
        #expect(failure(latin1)?.message.contains("not UTF-8") == true)
        let gbk = Array("<html><head><meta charset=\"gb2312\"></head></html>".utf8)
        #expect(failure(gbk)?.message == "the page declares charset 'gb2312'; resume-sync reads UTF-8 files only")
        #expect(failure(gbk)?.byteOffset == 12)
        let httpEquiv = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>x".utf8)
        #expect(failure(httpEquiv)?.message == "the page declares charset 'iso-8859-1'; resume-sync reads UTF-8 files only")
        #expect(failure([]) != nil)
    }

    @Test func whatRunsToTheEndOfTheFileIsRefused() {
        #expect(failure(Array("<p>a\n<!-- never closed <p>b".utf8)) == XMLDiagnostic(
            message: "the comment is never closed with '-->'", byteOffset: 5, code: 10002, isFatal: true))
        #expect(failure(Array("<p>a<script>var x = 1;".utf8))?.message == "the <script> element is never closed: </script> is missing")
        #expect(failure(Array("<p>a<a href=\"x>link</a>".utf8))?.message == "the value of 'href' is never closed with '\"'")
        #expect(failure(Array("<p>a<img src=x".utf8))?.message == "the start tag <img> is never closed with '>'")
    }
}
