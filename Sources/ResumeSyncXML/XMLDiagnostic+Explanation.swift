/// libxml2's messages for hostile input, reworded so that a person knows what was wrong.
///
/// libxml2 says "Detected an entity reference loop" for an expansion bomb that has no loop,
/// suggests `XML_PARSE_HUGE` (an option the user cannot set, and one that would lift the very
/// limits that stop the bomb), and splits its UTF-8 message over two lines, which breaks the
/// one-finding-a-line output. The libxml2 error code stays in `XMLDiagnostic.code`.
extension XMLDiagnostic {
    /// The longest text node or attribute value libxml2 accepts without `XML_PARSE_HUGE`.
    public static let maximumTextLength = 10_000_000

    /// The deepest element nesting libxml2 accepts without `XML_PARSE_HUGE`.
    public static let maximumDepth = 256

    static func explained(code: Int, message: String) -> String {
        let limitsKept = "resume-sync keeps libxml2's limits on (lifting them would also let entity-expansion bombs through)"
        switch code {
        case 89:
            return "entity references expand too much (an entity loop, or an expansion bomb such as \"billion laughs\"); libxml2 stopped it, and resume-sync never expands entities"
        case 1 where message.hasPrefix("Excessive depth"):
            return "elements are nested more than \(maximumDepth) levels deep; \(limitsKept)"
        case 2 where message.contains("huge text node"):
            return textTooLong("a text")
        case 40 where message.contains("length too long"):
            return textTooLong("an attribute value")
        case 9 where message.hasPrefix("Char 0x0 out of allowed range"):
            return "the file contains a NUL byte (0x00), which XML does not allow"
        case 9 where message.hasPrefix("Input is not proper UTF-8"):
            let bytes = message.split(separator: "\n").last { $0.hasPrefix("Bytes:") }
                .map { " (" + $0.dropFirst("Bytes: ".count).trimmingSpaces() + ")" } ?? ""
            return "the file is not valid UTF-8 here\(bytes); resume-sync reads UTF-8 files only"
        default:
            return message.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.joined(separator: "; ")
        }
    }

    static func textTooLong(_ what: String) -> String {
        "\(what) is longer than \(maximumTextLength.formatted) bytes, libxml2's limit; resume-sync keeps libxml2's limits on (lifting them would also let entity-expansion bombs through)"
    }
}

private extension Int {
    /// `10000000` as `10,000,000`.
    var formatted: String {
        let digits = Array(String(self))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        return String(text)
    }
}
