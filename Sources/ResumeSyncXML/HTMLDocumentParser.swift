/// Reads HTML pages (`.html`, `.htm`) into the same immutable tree as `XMLDocumentParser`, with
/// exact byte spans, using resume-sync's own tokenizer and tree builder.
///
/// libxml2's HTML parser is not used, for reading or for ranges: without a `<meta charset>` it
/// decodes UTF-8 as Latin-1 (mojibake, no error), forcing UTF-8 breaks its byte offsets, and
/// every HTML5 element (`<nav>`, `<section>`) raises error 801 (LIBXML2-NOTES.md). One reader for
/// both keeps what the checks compare and what merge splices the same bytes.
///
/// Pages must be UTF-8, with or without `<meta charset="utf-8">`: a page that declares another
/// charset, or holds bytes that are not UTF-8, is refused with the offset of the problem.
public enum HTMLDocumentParser {
    public static func parse(_ bytes: [UInt8]) throws(XMLParseFailure) -> XMLDocumentTree {
        guard !bytes.isEmpty else {
            throw failure("the file is empty", at: 0, code: 4)
        }
        let validPrefix = UTF8Validation.validPrefixLength(bytes)
        guard validPrefix == bytes.count else {
            throw failure("the file is not UTF-8 (byte 0x\(String(bytes[validPrefix], radix: 16, uppercase: true)) here); resume-sync reads UTF-8 files only",
                          at: validPrefix, code: 10004)
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var tokenizer = HTMLTokenizer(bytes: bytes, start: start)
        var builder = HTMLTreeBuilder(bytes: bytes)
        do throws(HTMLSyntaxError) {
            while let token = try tokenizer.next() {
                if case let .startTag(name, attributes, _, span) = token, name == "meta",
                   let charset = declaredCharset(attributes), !["utf-8", "utf8"].contains(charset.lowercased()) {
                    throw HTMLSyntaxError(
                        message: "the page declares charset '\(charset.prefix(40))'; resume-sync reads UTF-8 files only",
                        offset: span.start, code: 10005)
                }
                builder.add(token)
                // libxml2's depth limit, for HTML too: everything after the parse walks the tree
                // recursively, and a page of 100,000 unclosed <div>s must not overflow the stack.
                if builder.depth > XMLDiagnostic.maximumDepth, case let .startTag(_, _, _, span) = token {
                    throw HTMLSyntaxError(
                        message: "elements are nested more than \(XMLDiagnostic.maximumDepth) levels deep, the limit resume-sync keeps for every format",
                        offset: span.start, code: 10006)
                }
            }
        } catch {
            throw failure(error.message, at: error.offset, code: error.code)
        }
        builder.finish()
        return XMLDocumentTree(root: root(of: builder.topLevel, count: bytes.count), undeclaredEntities: [], spansAreExact: true)
    }

    /// The one top-level element (`<html>`), or a `#document` element holding them all when the
    /// page is a fragment with several.
    static func root(of nodes: [HTMLTreeBuilder.Node], count: Int) -> XMLElement {
        let elements = nodes.compactMap { node -> XMLElement? in
            if case .element(let element) = node.node { return element }
            return nil
        }
        let othersAreBlank = nodes.allSatisfy { node in
            switch node.node {
            case .element, .comment, .processingInstruction: return true
            case .text(let text), .cdata(let text): return text.allSatisfy(\.isWhitespace)
            case .entityReference: return false
            }
        }
        if elements.count == 1, othersAreBlank, let only = elements.first { return only }
        return XMLElement(
            name: XMLName(localName: "#document"), attributes: [], children: nodes.map(\.node),
            span: ByteSpan(start: 0, end: count), startTag: ByteSpan(start: 0, end: 0), endTag: nil)
    }

    /// `<meta charset="…">`, or `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
    static func declaredCharset(_ attributes: [XMLAttribute]) -> String? {
        func value(_ name: String) -> String? { attributes.first { $0.name.localName == name }?.value }
        if let charset = value("charset") { return charset.trimmingSpaces() }
        guard value("http-equiv")?.lowercased() == "content-type", let content = value("content") else { return nil }
        let lower = Array(content.lowercased())
        let needle = Array("charset=")
        guard lower.count >= needle.count,
              let found = (0...(lower.count - needle.count)).first(where: { lower[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return nil }
        let rest = lower[(found + needle.count)...]
        return String(rest.prefix { $0 != ";" && $0 != " " && $0 != "\"" && $0 != "'" })
    }

    /// One diagnostic, on one line whatever the page put into it (a quoted value may hold line
    /// breaks), so that it stays one `path:line:col: error:` line.
    private static func failure(_ message: String, at offset: Int, code: Int) -> XMLParseFailure {
        let line = String(message.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return XMLParseFailure(diagnostics: [XMLDiagnostic(message: line, byteOffset: offset, code: code, isFatal: true)])
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
