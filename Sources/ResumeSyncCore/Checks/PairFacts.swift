/// What the cross-language checks compare in one entry pair, worked out once for all of them:
/// the texts side by side (`AlignedText`) and, for each, both sides' neutral tokens and their
/// comparison. Number, date, link and identifier checks all read the same tokens; cutting
/// them once per pair, rather than once per check, is most of what those checks cost.
public struct PairFacts: Sendable {
    /// One aligned text with its tokens compared.
    struct Text: Sendable {
        var aligned: AlignedText
        var comparison: TokenComparison
    }

    public let key: EntryKey
    let texts: [Text]

    public init(key: EntryKey, source: Entry, target: Entry) {
        self.key = key
        texts = AlignedText.pairs(source, target).map { aligned in
            Text(aligned: aligned, comparison: TokenComparison(source: aligned.source, target: aligned.target))
        }
    }
}

extension CheckContext {
    /// The facts of a pair present on both sides: those the reconciler worked out for the pair
    /// being checked, or worked out now when a check is run on its own.
    func facts(of pair: EntryPair, source: Entry, target: Entry) -> PairFacts {
        if let pairFacts, pairFacts.key == pair.key { return pairFacts }
        return PairFacts(key: pair.key, source: source, target: target)
    }
}
