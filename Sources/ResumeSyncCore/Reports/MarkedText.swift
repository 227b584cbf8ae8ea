/// What the HTML and the Markdown reports mark up alike, each with its own escaping.
enum MarkedText {
    /// One of the tool's own messages: its `command` spans go through `code`, the rest through
    /// `escape`; a last backtick with no partner is kept, written as `strayTick`.
    static func message(
        _ text: String, code: (String) -> String, escape: (String) -> String, strayTick: String
    ) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        let balanced = parts.count % 2 == 1
        var output = ""
        for (index, part) in parts.enumerated() {
            if index % 2 == 1, balanced || index < parts.count - 1 {
                output += code(part)
            } else {
                output += (index % 2 == 1 ? strayTick : "") + escape(part)
            }
        }
        return output
    }

    /// A word diff with `<del>` and `<ins>` around escaped text.
    static func change(_ pieces: [WordDiff.Piece], escape: (String) -> String) -> String {
        pieces.map { piece in
            switch piece {
            case .same(let text): return escape(text)
            case .removed(let text): return "<del>\(escape(text))</del>"
            case .added(let text): return "<ins>\(escape(text))</ins>"
            }
        }.joined()
    }
}
