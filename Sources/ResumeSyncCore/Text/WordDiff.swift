/// A word-level diff of two texts (character-level for Chinese), built on the standard
/// library's `CollectionDifference`.
public enum WordDiff {
    public enum Piece: Hashable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Splits text into diff tokens: each Han character alone, runs of letters and digits,
    /// runs of white space, and every other character alone.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var currentKind = 0
        func flush() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            let kind: Int
            if Han.isHan(scalar) {
                kind = 0
            } else if CharacterClass.isSpace(scalar) {
                kind = 2
            } else if CharacterClass.isWord(scalar) || scalar == "_" {
                kind = 1
            } else {
                kind = 3
            }
            if kind == 0 || kind == 3 || kind != currentKind { flush() }
            current.append(scalar)
            currentKind = kind
        }
        flush()
        return tokens
    }

    public static func pieces(from old: String, to new: String) -> [Piece] {
        let oldTokens = tokens(old)
        let newTokens = tokens(new)
        let difference = newTokens.difference(from: oldTokens)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var pieces: [Piece] = []
        func append(_ piece: Piece) {
            switch (pieces.last, piece) {
            case let (.same(a)?, .same(b)): pieces[pieces.count - 1] = .same(a + b)
            case let (.removed(a)?, .removed(b)): pieces[pieces.count - 1] = .removed(a + b)
            case let (.added(a)?, .added(b)): pieces[pieces.count - 1] = .added(a + b)
            default: pieces.append(piece)
            }
        }
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldTokens.count || newIndex < newTokens.count {
            if oldIndex < oldTokens.count, removed.contains(oldIndex) {
                append(.removed(oldTokens[oldIndex]))
                oldIndex += 1
            } else if newIndex < newTokens.count, inserted.contains(newIndex) {
                append(.added(newTokens[newIndex]))
                newIndex += 1
            } else {
                if newIndex < newTokens.count { append(.same(newTokens[newIndex])) }
                oldIndex += 1
                newIndex += 1
            }
        }
        return pieces
    }
}
