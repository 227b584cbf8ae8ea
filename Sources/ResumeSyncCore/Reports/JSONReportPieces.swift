/// The pieces that `diff --format json` and `todo --format json` both write, so the two keep
/// one shape for an entry's side and for a word-level change.
enum JSONReportPiece {
    /// One side of an entry: where it is and its readable text.
    struct Side: Encodable {
        var path: String
        var line: Int
        var column: Int
        var text: String

        init(_ side: DiffReport.Block.Side) {
            path = side.location.path
            line = side.location.line
            column = side.location.column
            text = side.text
        }
    }

    /// A piece of a word-level diff: `same`, `removed` or `added` text.
    struct Change: Encodable {
        var kind: String
        var text: String

        init(_ piece: WordDiff.Piece) {
            switch piece {
            case .same(let text): (kind, self.text) = ("same", text)
            case .removed(let text): (kind, self.text) = ("removed", text)
            case .added(let text): (kind, self.text) = ("added", text)
            }
        }
    }
}
