/// Text made safe for HTML, as the HTML report writes it.
enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// One of the tool's own messages: its `command` spans become `<code>`, the rest is escaped.
    static func message(_ text: String) -> String {
        MarkedText.message(text, code: { "<code>\(escape($0))</code>" }, escape: escape, strayTick: "`")
    }

    /// A word diff with `<del>` and `<ins>`.
    static func change(_ pieces: [WordDiff.Piece]) -> String {
        MarkedText.change(pieces, escape: escape)
    }

    /// The CSS class of a rule's colour: the mismatch rules share one.
    static func statusClass(_ rule: Rule) -> String {
        switch rule.id {
        case "missing", "orphan", "untranslated", "stale": return rule.id
        case let id where id.hasPrefix("mismatch"): return "mismatch"
        default: return "other"
        }
    }
}
