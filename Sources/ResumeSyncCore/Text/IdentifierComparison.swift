/// Which Latin tokens of a text the other language's text must also write, and which of them
/// it lacks or misspells.
///
/// In a language written in Han, every Latin token is a name, a product or a piece of code
/// that a translation keeps (`Kubeflow`, `kubeflow/tf-operator`, `代码 review`), so all of them
/// must appear in the other text. In a Latin-script language only the unmistakably code-like
/// ones must (`caicloud/ormb`, `Processing.R`, `ICA3PP'18`), since every other word is
/// translation. A token counts as written in its English forms: `Caicloud's`, `stars`,
/// `Kubernetes-like` write `Caicloud`, `star` and `Kubernetes`; case matters, but for the first
/// letter of a plain word (`Web`, `web`; see `LatinToken.isWritten(as:)`).
///
/// A token of the other text that is one edit (a letter changed, added, dropped or two
/// swapped) away from a required token, and written nowhere in the first text, is reported as
/// a misspelling of it (`Kubeflpw` for `Kubeflow`): so a name changed in one of two places is
/// caught too. Both must start with a capital or both not (`way` is not a misspelt `Ray`), and
/// a difference in the case of the first letter alone is not one (`lead`, `Lead`). Only names long enough for that to mean something are watched that way: two
/// characters for code-like tokens (`GAI`, `ML`), three for capitalised ones (`Ray`), four for
/// lowercase ones (`ormb`).
public struct IdentifierComparison: Sendable {
    public struct Misspelling: Hashable, Sendable {
        /// The token as the text has it.
        public var written: NeutralToken
        /// The required token of the other text it is one edit away from.
        public var required: String
    }

    public private(set) var missingFromTarget: [NeutralToken] = []
    public private(set) var missingFromSource: [NeutralToken] = []
    /// Tokens of the target that look like a misspelt required token of the source.
    public private(set) var misspeltInTarget: [Misspelling] = []
    /// Tokens of the source that look like a misspelt required token of the target.
    public private(set) var misspeltInSource: [Misspelling] = []

    /// - Parameter exempt: ranges of the source text that the glossary governs; their tokens
    ///   are the glossary check's, not this one's.
    public init(
        source: [NeutralToken], sourceWritesHan: Bool, target: [NeutralToken], targetWritesHan: Bool,
        exempt: [Range<Int>] = []
    ) {
        // In one pass: filtering first made an array of every token (figures, dates) to keep a few.
        let sourceWords = source.compactMap { token in
            exempt.contains { $0.overlaps(token.range) } ? nil : Self.latin(token)
        }
        let targetWords = target.compactMap(Self.latin)
        let sourceRequired = sourceWords.filter { Self.isRequired($0.1, writesHan: sourceWritesHan) }
        let targetRequired = targetWords.filter { Self.isRequired($0.1, writesHan: targetWritesHan) }
        // No name on either side that the other must write: nothing can be missing or misspelt
        // (the common case of a Chinese text without Latin letters).
        if sourceRequired.isEmpty && targetRequired.isEmpty { return }
        let sourceIndex = WrittenIndex(sourceWords.map(\.1))
        let targetIndex = WrittenIndex(targetWords.map(\.1))
        missingFromTarget = sourceRequired.filter { !targetIndex.writes($0.1) }.map(\.0)
        missingFromSource = targetRequired.filter { !sourceIndex.writes($0.1) }.map(\.0)
        misspeltInTarget = Self.misspellings(in: targetWords, writesHan: targetWritesHan, of: sourceRequired, others: sourceIndex)
        misspeltInSource = Self.misspellings(in: sourceWords, writesHan: sourceWritesHan, of: targetRequired, others: targetIndex)
    }

    public var isEmpty: Bool {
        missingFromTarget.isEmpty && missingFromSource.isEmpty && misspeltInTarget.isEmpty && misspeltInSource.isEmpty
    }

    /// Whether a token of a text in a language that does (or does not) write Han must appear
    /// in the other language's text.
    public static func isRequired(_ token: LatinToken, writesHan: Bool) -> Bool {
        writesHan || token.isStronglyCodeLike
    }

    /// Whether a change of `token` in the other text, where `required` is a required token,
    /// is caught as a misspelling: `required` is long enough to be watched.
    public static func isWatched(_ required: LatinToken) -> Bool {
        let length = required.base.unicodeScalars.count
        if required.isCodeLike { return length >= 2 }
        if required.startsUppercase { return length >= 3 }
        return length >= 4
    }

    private static func latin(_ token: NeutralToken) -> (NeutralToken, LatinToken)? {
        guard case .identifier(let latin) = token.value else { return nil }
        return (token, latin)
    }

    private static func misspellings(
        in words: [(NeutralToken, LatinToken)], writesHan: Bool,
        of required: [(NeutralToken, LatinToken)], others: WrittenIndex
    ) -> [Misspelling] {
        let watched = required.map(\.1).filter(isWatched)
        guard !watched.isEmpty else { return [] }
        // Each watched name's scalars, cut once rather than once for every word compared, and
        // the range of lengths one edit away from some watched name.
        let watchedScalars = watched.map { Array($0.base.unicodeScalars) }
        let shortest = (watchedScalars.map(\.count).min() ?? 0) - 1
        let longest = (watchedScalars.map(\.count).max() ?? 0) + 1
        return words.compactMap { token, latin in
            // A required token of this side is reported as missing from the other already.
            if isRequired(latin, writesHan: writesHan) { return nil }
            if others.writes(latin) || others.isWritten(by: latin) { return nil }
            // The token itself, or a part of a compound (`Dockes-based`).
            let words = latin.base.unicodeScalars.contains("-") ? [latin] + latin.hyphenParts.map(LatinToken.init) : [latin]
            for word in words {
                let count = word.base.unicodeScalars.count
                guard count >= 2, count >= shortest, count <= longest, !others.writes(word) else { continue }
                let scalars = Array(word.base.unicodeScalars)
                if let match = watched.indices.first(where: {
                    watched[$0].startsUppercase == word.startsUppercase && isOneEditApart(scalars, watchedScalars[$0])
                }) {
                    return Misspelling(written: token, required: watched[match].text)
                }
            }
            return nil
        }
    }

    /// The forms a text writes, indexed once (see `LatinToken.isWritten(as:)`).
    struct WrittenIndex {
        private var written: Set<String> = []
        private var lookedUp: Set<String> = []

        init(_ tokens: [LatinToken]) {
            written.reserveCapacity(tokens.count * 2)
            lookedUp.reserveCapacity(tokens.count * 2)
            for token in tokens {
                for form in token.writtenForms { written.insert(form) }
                for form in token.lookupForms { lookedUp.insert(form) }
            }
        }

        /// Some token of the text writes `token`.
        func writes(_ token: LatinToken) -> Bool {
            token.lookupForms.contains(where: written.contains)
        }

        /// `token` writes some token of the text.
        func isWritten(by token: LatinToken) -> Bool {
            token.writtenForms.contains(where: lookedUp.contains)
        }
    }

    /// One substitution, insertion, deletion or swap of neighbours apart (case-sensitive). A
    /// word that differs only in the case of its first letter is another use of the word
    /// (`lead` of "lead of the group" beside the title `Tech Lead`), not a misspelling.
    static func isOneEditApart(_ left: String, _ right: String) -> Bool {
        isOneEditApart(Array(left.unicodeScalars), Array(right.unicodeScalars))
    }

    /// `isOneEditApart` of two words' scalars.
    static func isOneEditApart(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        guard abs(a.count - b.count) <= 1, a != b else { return false }
        if a.count == b.count, a.dropFirst().elementsEqual(b.dropFirst()),
           let first = a.first, let other = b.first, String(first).lowercased() == String(other).lowercased() {
            return false
        }
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let restA = a.count - prefix - suffix
        let restB = b.count - prefix - suffix
        if restA <= 1 && restB <= 1 { return true }
        // Two neighbours swapped.
        return restA == 2 && restB == 2 && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]
    }
}
