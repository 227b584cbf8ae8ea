/// What the cross-language checks compare in one entry pair, worked out once for all of them:
/// the texts side by side (`AlignedText`) and, for each, both sides' neutral tokens and their
/// comparison. Number, date, link and identifier checks all read the same tokens; cutting
/// them once per pair, rather than once per check, is most of what those checks cost.
///
/// The plain words of a Latin-script side (`the`, `Scheduler`: see `LatinToken.isPlainWord`)
/// are most of its tokens, and they matter only when a side names something the other must
/// write (a required identifier: `IdentifierComparison.isRequired`) or states an ordinal that
/// an English ordinal word may stand for (`第二` = `Second`). Without either, nothing can come
/// of them, so they are not kept; with either, the side is cut again with every word.
public struct PairFacts: Sendable {
    /// One aligned text with its tokens compared. A class: each check goes through the texts,
    /// and a copy of the struct retained every string and array in it.
    final class Text: Sendable {
        let aligned: AlignedText
        let comparison: TokenComparison

        init(aligned: AlignedText, comparison: TokenComparison) {
            self.aligned = aligned
            self.comparison = comparison
        }
    }

    public let key: EntryKey
    let texts: [Text]

    public init(key: EntryKey, source: Entry, target: Entry, sourceWritesHan: Bool, targetWritesHan: Bool) {
        self.key = key
        texts = AlignedText.pairs(source, target).map { aligned in
            Text(aligned: aligned, comparison: Self.comparison(
                source: aligned.source, sourceWritesHan: sourceWritesHan,
                target: aligned.target, targetWritesHan: targetWritesHan))
        }
    }

    /// The tokens of two texts compared, a Latin-script side's plain words left out when
    /// nothing can come of them.
    ///
    /// A side that writes Han keeps every word anyway, so it is cut first: when it already makes
    /// the plain words matter (it names something), the Latin side is cut once, with them, rather
    /// than once without and again with.
    static func comparison(source: String, sourceWritesHan: Bool, target: String, targetWritesHan: Bool) -> TokenComparison {
        let hanSource = sourceWritesHan ? NeutralTokenizer.tokens(in: source, keepingPlainWords: true) : nil
        let hanTarget = targetWritesHan ? NeutralTokenizer.tokens(in: target, keepingPlainWords: true) : nil
        if let hanSource, let hanTarget { return TokenComparison(source: hanSource, target: hanTarget) }
        let hanNeedsWords = hanSource.map { needsWords($0, writesHan: true) } ?? false
            || hanTarget.map { needsWords($0, writesHan: true) } ?? false
        var left = hanSource ?? NeutralTokenizer.tokens(in: source, keepingPlainWords: hanNeedsWords)
        var right = hanTarget ?? NeutralTokenizer.tokens(in: target, keepingPlainWords: hanNeedsWords)
        if !hanNeedsWords, needsWords(left, writesHan: sourceWritesHan) || needsWords(right, writesHan: targetWritesHan) {
            if !sourceWritesHan { left = NeutralTokenizer.tokens(in: source) }
            if !targetWritesHan { right = NeutralTokenizer.tokens(in: target) }
        }
        return TokenComparison(source: left, target: right)
    }

    /// Whether some token makes the other side's plain words matter: a required identifier or
    /// an ordinal number.
    static func needsWords(_ tokens: [NeutralToken], writesHan: Bool) -> Bool {
        tokens.contains { token in
            switch token.value {
            case .identifier(let latin): return IdentifierComparison.isRequired(latin, writesHan: writesHan)
            case .number(let number): return number.isOrdinal
            default: return false
            }
        }
    }
}

extension CheckContext {
    /// The facts of a pair present on both sides: those the reconciler worked out for the pair
    /// being checked, or worked out now when a check is run on its own.
    func facts(of pair: EntryPair, source: Entry, target: Entry) -> PairFacts {
        if let pairFacts, pairFacts.key == pair.key { return pairFacts }
        return PairFacts(
            key: pair.key, source: source, target: target,
            sourceWritesHan: self.source.language.writesHan, targetWritesHan: self.target.language.writesHan)
    }
}
