/// Puts the needs-translation mark (`state="needs-translation"`) on copied entries' start tags,
/// in the tag's own quote style, so that `check` reports them `untranslated` until a person
/// translates the text and removes the mark.
enum EntryMarking {
    /// The bytes of `range` of `bytes` with `entries` (those inside the range) marked. An entry
    /// that carries the attribute with another value gets the marker's value instead.
    static func marked(
        _ entries: [Entry], in bytes: [UInt8], range: Range<Int>, marker: AttributeMarker,
        extra: [ByteReplacement] = []
    ) throws(SpliceError) -> [UInt8] {
        var edits: [ByteReplacement] = extra.map { edit in
            ByteReplacement(range: shifted(edit.range, by: range.lowerBound), bytes: edit.bytes, expected: edit.expected)
        }
        for entry in entries where range.contains(entry.startTag.start) && entry.startTag.end <= range.upperBound {
            guard let tag = ScannedStartTag(bytes: bytes, span: entry.startTag) else {
                throw SpliceError(offset: entry.startTag.start, message: "the start tag of \(entry.key) is not where it was parsed")
            }
            let value = Array(marker.value.utf8)
            if let existing = tag.attribute(marker.attribute) {
                let old = Array(bytes[existing.value])
                if old == value { continue }
                edits.append(ByteReplacement(
                    range: shifted(existing.value, by: range.lowerBound),
                    bytes: ScannedStartTag.escaped(value, for: existing.quote), expected: old))
            } else {
                let text = ScannedStartTag.attributeText(
                    name: marker.attribute, rawValue: value, quote: tag.quote ?? UInt8(ascii: "\""))
                edits.append(.insert(text, at: tag.insertionPoint - range.lowerBound))
            }
        }
        return try ByteReplacement.apply(edits, to: Array(bytes[range]))
    }

    /// The declaration of the mark's namespace prefix (Android's `xmlns:tools`), added to the
    /// root's start tag when the document does not declare it there, so that a marked file is
    /// still namespace-well-formed; `nil` when none is needed.
    static func namespaceDeclaration(in document: ParsedDocument, profile: FormatProfile) -> ByteReplacement? {
        guard let binding = profile.needsTranslationNamespace,
              let tag = ScannedStartTag(bytes: document.bytes, span: document.tree.root.startTag),
              tag.attribute("xmlns:\(binding.prefix)") == nil
        else { return nil }
        let text = ScannedStartTag.attributeText(
            name: "xmlns:\(binding.prefix)", rawValue: Array(binding.uri.utf8), quote: tag.quote ?? UInt8(ascii: "\""))
        return .insert(text, at: tag.insertionPoint)
    }

    private static func shifted(_ range: Range<Int>, by offset: Int) -> Range<Int> {
        (range.lowerBound - offset)..<(range.upperBound - offset)
    }
}
