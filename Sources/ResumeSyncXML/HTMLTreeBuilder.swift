/// Builds the element tree of an HTML page from its tokens, with the implied structure a
/// browser infers: void elements, end tags left out where HTML allows it (`<p>`, `<li>`, `<td>`
/// …), stray end tags ignored, unclosed elements closed at their parent's end.
///
/// It builds only what is written: no `<html>`, `<head>` or `<body>` is made up, and nothing is
/// moved (no foster parenting), so every element's span is a range of the page's own bytes.
/// An element whose end tag is implied has `endTag == nil` and a span that ends after its last
/// content (white space after it belongs to its parent).
struct HTMLTreeBuilder {
    private final class OpenElement {
        let name: String
        let attributes: [XMLAttribute]
        let startTag: ByteSpan
        var children: [Node] = []

        init(name: String, attributes: [XMLAttribute], startTag: ByteSpan) {
            self.name = name
            self.attributes = attributes
            self.startTag = startTag
        }
    }

    /// A node with the bytes it covers, so that implied ends can be placed exactly.
    struct Node {
        var node: XMLNode
        var span: ByteSpan
    }

    let bytes: [UInt8]
    private var stack: [OpenElement] = []
    private(set) var topLevel: [Node] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr", "keygen", "basefont", "bgsound", "frame",
    ]

    /// Start tags that close an open `<p>`.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "table", "ul",
        "li", "dd", "dt",
    ]

    /// What may stand in `<head>`; any other start tag ends it.
    static let headContent: Set<String> = [
        "base", "basefont", "bgsound", "link", "meta", "title", "style", "script", "noscript", "template",
    ]

    /// Elements an implied end does not look past (HTML's "special" elements, roughly).
    static let scopeBoundaries: Set<String> = [
        "html", "body", "head", "table", "caption", "td", "th", "tr", "tbody", "thead", "tfoot",
        "ul", "ol", "dl", "menu", "div", "section", "article", "aside", "nav", "main", "header",
        "footer", "blockquote", "figure", "form", "fieldset", "button", "select", "template",
        "object", "applet", "marquee", "svg", "math", "li", "dd", "dt", "details", "address", "p",
    ]

    /// Whether a start tag `tag` ends the open element `open` without its end tag.
    static func implicitlyCloses(_ tag: String, _ open: String) -> Bool {
        switch open {
        case "p": return closesParagraph.contains(tag)
        case "li": return tag == "li"
        case "dt", "dd": return tag == "dt" || tag == "dd"
        case "option": return tag == "option" || tag == "optgroup"
        case "optgroup": return tag == "optgroup"
        case "rt", "rp": return ["rt", "rp", "rb", "rtc"].contains(tag)
        case "tr": return ["tr", "tbody", "thead", "tfoot"].contains(tag)
        case "td", "th": return ["td", "th", "tr", "tbody", "thead", "tfoot"].contains(tag)
        case "thead", "tbody", "tfoot": return ["tbody", "tfoot", "thead"].contains(tag)
        case "colgroup": return tag != "col" && tag != "template"
        case "caption": return ["tr", "td", "th", "tbody", "thead", "tfoot", "col", "colgroup"].contains(tag)
        case "head": return !headContent.contains(tag)
        default: return false
        }
    }

    /// Whether the search for an element to close implicitly stops at `open`.
    static func stops(_ tag: String, at open: String) -> Bool {
        // A list item closes the previous one through a paragraph or a div inside it.
        if ["li", "dt", "dd"].contains(tag), ["address", "div", "p"].contains(open) { return false }
        return scopeBoundaries.contains(open)
    }

    /// How many elements are open: the nesting depth at this point of the page.
    var depth: Int { stack.count }

    var isInForeignContent: Bool {
        stack.contains { $0.name == "svg" || $0.name == "math" }
    }

    mutating func add(_ token: HTMLToken) {
        switch token {
        case let .startTag(name, attributes, selfClosing, span):
            closeImplied(by: name, at: span.start)
            if Self.voidElements.contains(name) || (selfClosing && isInForeignContent) {
                let element = XMLElement(
                    name: XMLName(localName: name), attributes: attributes, children: [],
                    span: span, startTag: span, endTag: nil)
                append(Node(node: .element(element), span: span))
            } else {
                stack.append(OpenElement(name: name, attributes: attributes, startTag: span))
            }
        case let .endTag(name, span):
            guard let position = stack.lastIndex(where: { $0.name == name }) else { return }
            while stack.count > position + 1 { closeTop(at: span.start, endTag: nil) }
            closeTop(at: span.end, endTag: span)
        case let .text(text, span):
            append(Node(node: .text(text), span: span))
        case let .comment(text, span):
            append(Node(node: .comment(text), span: span))
        case let .cdata(text, span):
            append(Node(node: .cdata(text), span: span))
        }
    }

    /// Closes what is still open at the end of the page.
    mutating func finish() {
        while !stack.isEmpty { closeTop(at: bytes.count, endTag: nil) }
    }

    /// Closes the open elements that the start tag `name` ends, innermost first.
    private mutating func closeImplied(by name: String, at offset: Int) {
        while true {
            var found: Int?
            for position in stack.indices.reversed() {
                let open = stack[position].name
                if Self.implicitlyCloses(name, open) {
                    found = position
                    break
                }
                if Self.stops(name, at: open) { break }
            }
            guard let position = found else { return }
            while stack.count > position { closeTop(at: offset, endTag: nil) }
        }
    }

    /// Pops the innermost open element. Without an end tag its span ends after its last content:
    /// trailing white space moves out to the parent.
    private mutating func closeTop(at end: Int, endTag: ByteSpan?) {
        guard let open = stack.popLast() else { return }
        var children = open.children
        var trailing: Node?
        var contentEnd = end
        if endTag == nil {
            contentEnd = children.last?.span.end ?? open.startTag.end
            if let last = children.last, case .text = last.node {
                var cut = last.span.end
                while cut > last.span.start, HTMLTokenizer.isSpace(bytes[cut - 1]) { cut -= 1 }
                if cut < last.span.end {
                    children.removeLast()
                    if cut > last.span.start {
                        children.append(Node(
                            node: .text(HTMLCharacterReferences.decode(bytes[last.span.start..<cut])),
                            span: ByteSpan(start: last.span.start, end: cut)))
                    }
                    let whitespace = ByteSpan(start: cut, end: last.span.end)
                    trailing = Node(node: .text(String(decoding: bytes[whitespace.range], as: UTF8.self)), span: whitespace)
                    contentEnd = cut
                }
            }
        }
        let element = XMLElement(
            name: XMLName(localName: open.name), attributes: open.attributes, children: children.map(\.node),
            span: ByteSpan(start: open.startTag.start, end: max(contentEnd, open.startTag.end)),
            startTag: open.startTag, endTag: endTag)
        append(Node(node: .element(element), span: element.span))
        if let trailing { append(trailing) }
    }

    private mutating func append(_ node: Node) {
        if let parent = stack.last {
            parent.children.append(node)
        } else {
            topLevel.append(node)
        }
    }
}
