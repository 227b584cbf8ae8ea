import ResumeSyncXML

/// The byte layout of one start tag, as written: where each attribute's name and value are,
/// which quote it uses, and where a new attribute would go. The parser has already checked
/// that the tag is well-formed, so a plain scan is enough.
struct ScannedStartTag {
    struct Attribute {
        /// The name as written, prefix included (`xml:id`).
        var name: String
        /// From the blank before the name to just past the closing quote: what a removal takes.
        var whole: Range<Int>
        /// The value between the quotes, raw (entity and character references as written).
        var value: Range<Int>
        /// `"` or `'`; 0 for an HTML value written without quotes (or without a value).
        var quote: UInt8
    }

    var span: ByteSpan
    var attributes: [Attribute]
    /// Just past the last attribute (or the name): where ` name="value"` is inserted, so that a
    /// blank before `/>` stays where it was.
    var insertionPoint: Int

    func attribute(_ name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }

    /// The quote the tag uses (its first quoted attribute's), for attributes added to it.
    var quote: UInt8? { attributes.first { $0.quote != 0 }?.quote }

    /// Scans the start tag at `span`; `nil` when the bytes there are not a start tag.
    init?(bytes: [UInt8], span: ByteSpan) {
        guard span.start >= 0, span.end <= bytes.count, span.count >= 3, bytes[span.start] == UInt8(ascii: "<"),
              bytes[span.end - 1] == UInt8(ascii: ">")
        else { return nil }
        self.span = span
        let end = span.end - 1
        var index = span.start + 1
        func isNameEnd(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while index < end, !isNameEnd(bytes[index]) { index += 1 }
        guard index > span.start + 1 else { return nil }
        var attributes: [Attribute] = []
        var insertionPoint = index
        while index < end {
            let blankStart = index
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] != UInt8(ascii: "/") else { break }
            let nameStart = index
            while index < end, !isNameEnd(bytes[index]) { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            let nameEnd = index
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                // An HTML attribute without a value (`<input disabled>`).
                guard nameEnd > nameStart else { return nil }
                attributes.append(Attribute(name: name, whole: blankStart..<nameEnd, value: nameEnd..<nameEnd, quote: 0))
                insertionPoint = nameEnd
                index = nameEnd
                continue
            }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { return nil }
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                // An HTML value without quotes (`<p id=intro>`) runs to the next blank or `>`.
                let valueStart = index
                while index < end, !isSpace(bytes[index]) { index += 1 }
                attributes.append(Attribute(name: name, whole: blankStart..<index, value: valueStart..<index, quote: 0))
                insertionPoint = index
                continue
            }
            index += 1
            let valueStart = index
            while index < end, bytes[index] != quote { index += 1 }
            guard index < end else { return nil }
            let valueEnd = index
            index += 1
            attributes.append(Attribute(name: name, whole: blankStart..<index, value: valueStart..<valueEnd, quote: quote))
            insertionPoint = index
        }
        self.attributes = attributes
        self.insertionPoint = insertionPoint
    }

    /// ` name="value"` in the given quote, the value's quote characters written as references.
    static func attributeText(name: String, rawValue: [UInt8], quote: UInt8) -> [UInt8] {
        [0x20] + Array(name.utf8) + [UInt8(ascii: "="), quote] + escaped(rawValue, for: quote) + [quote]
    }

    /// A raw attribute value, safe inside `quote`: the quote itself becomes `&quot;` or `&apos;`.
    /// With no quote (an unquoted HTML value) the value is written in double quotes.
    static func escaped(_ rawValue: [UInt8], for quote: UInt8) -> [UInt8] {
        if quote == 0 { return [UInt8(ascii: "\"")] + escaped(rawValue, for: UInt8(ascii: "\"")) + [UInt8(ascii: "\"")] }
        let reference = Array((quote == UInt8(ascii: "\"") ? "&quot;" : "&apos;").utf8)
        return rawValue.flatMap { $0 == quote ? reference : [$0] }
    }
}
