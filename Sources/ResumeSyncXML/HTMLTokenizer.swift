/// One lexical unit of an HTML page, with the exact bytes it came from.
enum HTMLToken {
    case startTag(name: String, attributes: [XMLAttribute], selfClosing: Bool, span: ByteSpan)
    case endTag(name: String, span: ByteSpan)
    /// Character data, references decoded (raw in `<script>` and `<style>`).
    case text(String, span: ByteSpan)
    case comment(String, span: ByteSpan)
    case cdata(String, span: ByteSpan)
}

/// Why a page cannot be read: the message and the byte where the trouble starts.
struct HTMLSyntaxError: Error {
    var message: String
    var offset: Int
    /// `XMLDiagnostic.code` for HTML problems (libxml2 is not involved): 10001 and up.
    var code: Int
}

/// Splits HTML bytes into tokens, the way a browser's tokenizer does for the parts that matter
/// here: tags with attributes quoted, single-quoted or bare; comments; doctype; the raw text of
/// `<script>`, `<style>` and friends, which ends only at its own end tag (a `"</div>"` inside a
/// script string is text); character references in text and attribute values.
///
/// Unlike a browser it refuses what is surely a mistake in a file kept by hand: a tag, comment,
/// quoted value or script that runs to the end of the file.
struct HTMLTokenizer {
    let bytes: [UInt8]
    private(set) var index: Int
    /// The element whose content is raw text, until its end tag (`script`).
    private var rawTextElement: String?

    /// Elements whose content is text up to their end tag; the second set decodes references.
    static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes"]
    static let escapableRawTextElements: Set<String> = ["textarea", "title"]

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.index = start
    }

    mutating func next() throws(HTMLSyntaxError) -> HTMLToken? {
        if let element = rawTextElement {
            rawTextElement = nil
            if let text = try rawText(of: element) { return text }
        }
        // A loop, not recursion: a page of a million `<!x>` declarations must not overflow the
        // stack, and a declaration at the very end leaves no text to read.
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                let before = index
                if let token = try markup() { return token }
                if index != before { continue }
            }
            return text()
        }
        return nil
    }

    // MARK: - Text

    private mutating func text() -> HTMLToken {
        let start = index
        index += 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), startsMarkup(at: index) { break }
            index += 1
        }
        return .text(HTMLCharacterReferences.decode(bytes[start..<index]), span: ByteSpan(start: start, end: index))
    }

    private func startsMarkup(at offset: Int) -> Bool {
        guard offset + 1 < bytes.count else { return false }
        let next = bytes[offset + 1]
        return Self.isASCIILetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
    }

    /// The content of `element` up to (not including) `</element`.
    private mutating func rawText(of element: String) throws(HTMLSyntaxError) -> HTMLToken? {
        let start = index
        let closing = Array("</\(element)".utf8)
        var cursor = index
        while cursor + closing.count <= bytes.count {
            if bytes[cursor] == UInt8(ascii: "<"), matchesIgnoringCase(closing, at: cursor) {
                let after = cursor + closing.count
                if after == bytes.count || Self.isSpace(bytes[after]) || bytes[after] == UInt8(ascii: "/") || bytes[after] == UInt8(ascii: ">") {
                    index = cursor
                    guard cursor > start else { return nil }
                    let raw = bytes[start..<cursor]
                    let text = Self.escapableRawTextElements.contains(element)
                        ? HTMLCharacterReferences.decode(raw) : String(decoding: raw, as: UTF8.self)
                    return .text(text, span: ByteSpan(start: start, end: cursor))
                }
            }
            cursor += 1
        }
        throw HTMLSyntaxError(message: "the <\(element)> element is never closed: </\(element)> is missing", offset: start, code: 10003)
    }

    // MARK: - Markup

    /// A tag, comment, doctype or CDATA section at `index` (a `<`); `nil` when the `<` is text
    /// (`index` unchanged) or a declaration was skipped (`index` past it).
    private mutating func markup() throws(HTMLSyntaxError) -> HTMLToken? {
        let start = index
        guard index + 1 < bytes.count else { return nil }
        let next = bytes[index + 1]
        if next == UInt8(ascii: "!") {
            if matches("<!--", at: start) { return try comment(from: start) }
            if matches("<![CDATA[", at: start) {
                guard let end = find("]]>", from: start + 9) else {
                    throw HTMLSyntaxError(message: "the CDATA section is never closed", offset: start, code: 10002)
                }
                index = end + 3
                return .cdata(String(decoding: bytes[(start + 9)..<end], as: UTF8.self), span: ByteSpan(start: start, end: index))
            }
            return try skipDeclaration(from: start)
        }
        if next == UInt8(ascii: "?") { return try skipDeclaration(from: start) }
        if next == UInt8(ascii: "/") {
            guard index + 2 < bytes.count, Self.isASCIILetter(bytes[index + 2]) else {
                return try skipDeclaration(from: start)
            }
            index += 2
            let name = readName()
            guard let close = find(">", from: index) else {
                throw HTMLSyntaxError(message: "the end tag </\(name)> is never closed with '>'", offset: start, code: 10001)
            }
            index = close + 1
            return .endTag(name: name, span: ByteSpan(start: start, end: index))
        }
        guard Self.isASCIILetter(next) else { return nil }
        return try startTag(from: start)
    }

    private mutating func comment(from start: Int) throws(HTMLSyntaxError) -> HTMLToken {
        let bodyStart = start + 4
        // `<!-->` and `<!--->` are empty comments in HTML.
        for empty in [">", "->"] where matches(empty, at: bodyStart) {
            index = bodyStart + empty.utf8.count
            return .comment("", span: ByteSpan(start: start, end: index))
        }
        var cursor = bodyStart
        while cursor < bytes.count {
            if matches("-->", at: cursor) {
                index = cursor + 3
                return .comment(String(decoding: bytes[bodyStart..<cursor], as: UTF8.self), span: ByteSpan(start: start, end: index))
            }
            if matches("--!>", at: cursor) {
                index = cursor + 4
                return .comment(String(decoding: bytes[bodyStart..<cursor], as: UTF8.self), span: ByteSpan(start: start, end: index))
            }
            cursor += 1
        }
        throw HTMLSyntaxError(message: "the comment is never closed with '-->'", offset: start, code: 10002)
    }

    /// `<!DOCTYPE html>`, `<?xml …?>` and other declarations: skipped, like a browser does
    /// (`nil`, with `index` past the `>`).
    private mutating func skipDeclaration(from start: Int) throws(HTMLSyntaxError) -> HTMLToken? {
        guard let close = find(">", from: start + 1) else {
            throw HTMLSyntaxError(message: "the declaration is never closed with '>'", offset: start, code: 10001)
        }
        index = close + 1
        return nil
    }

    private mutating func startTag(from start: Int) throws(HTMLSyntaxError) -> HTMLToken {
        index = start + 1
        let name = readName()
        var attributes: [XMLAttribute] = []
        var seen: Set<String> = []
        var selfClosing = false
        while true {
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else {
                throw HTMLSyntaxError(message: "the start tag <\(name)> is never closed with '>'", offset: start, code: 10001)
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            if bytes[index] == UInt8(ascii: "/") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: ">") {
                    selfClosing = true
                    index += 1
                    break
                }
                continue
            }
            let attribute = try readAttribute(tagStart: start, tagName: name)
            // The first of two attributes with one name wins, as in a browser; namespace
            // declarations are not attributes, as in the XML tree.
            if seen.insert(attribute.name.localName).inserted, attribute.name.localName != "xmlns",
               !attribute.name.localName.hasPrefix("xmlns:") {
                attributes.append(attribute)
            }
        }
        if Self.rawTextElements.contains(name) || Self.escapableRawTextElements.contains(name) {
            rawTextElement = name
        }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing, span: ByteSpan(start: start, end: index))
    }

    private mutating func readAttribute(tagStart: Int, tagName: String) throws(HTMLSyntaxError) -> XMLAttribute {
        let nameStart = index
        index += 1
        while index < bytes.count, !Self.isSpace(bytes[index]),
              ![UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(bytes[index]) {
            index += 1
        }
        let name = Self.lowercased(bytes[nameStart..<index])
        var cursor = index
        while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else {
            return XMLAttribute(name: XMLName(localName: name), pieces: [])
        }
        index = cursor + 1
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else {
            throw HTMLSyntaxError(message: "the start tag <\(tagName)> is never closed with '>'", offset: tagStart, code: 10001)
        }
        let valueStart: Int
        let valueEnd: Int
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            valueStart = index + 1
            guard let close = bytes[valueStart...].firstIndex(of: quote) else {
                throw HTMLSyntaxError(message: "the value of '\(name)' is never closed with \(quote == UInt8(ascii: "\"") ? "'\"'" : "\"'\"")", offset: index, code: 10001)
            }
            valueEnd = close
            index = close + 1
        } else {
            valueStart = index
            while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
            valueEnd = index
        }
        let value = HTMLCharacterReferences.decode(bytes[valueStart..<valueEnd])
        return XMLAttribute(name: XMLName(localName: name), pieces: value.isEmpty ? [] : [.text(value)])
    }

    /// A tag name, lowercased (HTML names are ASCII case-insensitive).
    private mutating func readName() -> String {
        let start = index
        while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ">") {
            index += 1
        }
        return Self.lowercased(bytes[start..<index])
    }

    // MARK: - Bytes

    private func matches(_ text: String, at offset: Int) -> Bool {
        let pattern = Array(text.utf8)
        guard offset + pattern.count <= bytes.count else { return false }
        return bytes[offset..<(offset + pattern.count)].elementsEqual(pattern)
    }

    private func matchesIgnoringCase(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= bytes.count else { return false }
        for (position, byte) in pattern.enumerated() where Self.lower(bytes[offset + position]) != byte {
            return false
        }
        return true
    }

    private func find(_ text: String, from offset: Int) -> Int? {
        var cursor = offset
        while cursor < bytes.count {
            if matches(text, at: cursor) { return cursor }
            cursor += 1
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map(lower), as: UTF8.self)
    }
}
