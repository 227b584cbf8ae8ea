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
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        let balanced = parts.count % 2 == 1
        var output = ""
        for (index, part) in parts.enumerated() {
            if index % 2 == 1, balanced || index < parts.count - 1 {
                output += "<code>\(escape(part))</code>"
            } else {
                output += (index % 2 == 1 ? "`" : "") + escape(part)
            }
        }
        return output
    }

    /// A word diff with `<del>` and `<ins>`.
    static func change(_ pieces: [WordDiff.Piece]) -> String {
        pieces.map { piece in
            switch piece {
            case .same(let text): return escape(text)
            case .removed(let text): return "<del>\(escape(text))</del>"
            case .added(let text): return "<ins>\(escape(text))</ins>"
            }
        }.joined()
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
