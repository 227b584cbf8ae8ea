/// Text made safe for GitHub-flavoured Markdown, as the Markdown reports paste it.
///
/// User text (a bullet of the resume, an attribute value) must read as itself when the report is
/// pasted into an issue or a pull request: `*`, `_`, `|`, `<`, `[` and their kind are escaped,
/// line breaks become spaces (a list item or a table cell is one line), and `@name` and `#123`
/// are put in code spans so that pasting a resume never mentions a GitHub user or links an issue.
enum MarkdownText {
    static let escaped: Set<Character> = Set("\\`*_[]<>|~&#$")

    /// Inline text, escaped.
    static func escape(_ text: String) -> String {
        var output = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous = index > 0 ? characters[index - 1] : " "
            if (character == "@" || character == "#"), !isWordCharacter(previous),
               let token = reference(in: characters, from: index) {
                output += code(String(characters[index..<index + token]))
                index += token
                continue
            }
            if character.isNewline {
                output += " "
            } else if escaped.contains(character) {
                output += "\\\(character)"
            } else {
                output.append(character)
            }
            index += 1
        }
        return output
    }

    /// The length of a mention (`@name`) or issue reference (`#12`) starting at `start`.
    private static func reference(in characters: [Character], from start: Int) -> Int? {
        var end = start + 1
        let isMention = characters[start] == "@"
        while end < characters.count {
            let next = characters[end]
            let fits = isMention ? (next.isASCII && (next.isLetter || next.isNumber || next == "-" || next == "/"))
                : (next.isASCII && next.isNumber)
            guard fits else { break }
            end += 1
        }
        return end > start + 1 ? end - start : nil
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// A code span that holds `text` whatever backticks it contains.
    static func code(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// One of the tool's own messages: its `command` spans stay code, the rest is escaped.
    static func message(_ text: String) -> String {
        MarkedText.message(text, code: code, escape: escape, strayTick: "\\`")
    }

    /// A word diff with `<del>` and `<ins>`, which GitHub renders inside list items and table
    /// cells alike (strike-through and underline) where `~~` and `**` fail next to Chinese
    /// punctuation.
    static func change(_ pieces: [WordDiff.Piece]) -> String {
        MarkedText.change(pieces, escape: escape)
    }
}
