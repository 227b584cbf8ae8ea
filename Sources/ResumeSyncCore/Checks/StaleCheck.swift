/// `stale`: the source's prose changed since the pair was last confirmed in sync, so the
/// translation was made against text that is no longer there. Neutral edits (a date, a link)
/// never make an entry stale: the mismatch checks compare those across the sides directly.
public struct StaleCheck: EntryCheck {
    public var rule: Rule { .stale }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let source = pair.source, let target = pair.target,
              let baseline = context.baseline,
              let then = baseline.side(pair.key, language: context.source.language)
        else { return [] }
        let sourceProse = source.content.proseFingerprint
        guard sourceProse != then.prose else { return [] }
        let targetThen = baseline.side(pair.key, language: context.target.language)
        let targetEdited = targetThen.map { $0.prose != target.content.proseFingerprint } ?? true
        var message = "the \(context.source.language) text changed since the baseline; "
        if targetEdited {
            message += "the \(context.target.language) text was edited since too: if it matches, confirm with `resume-sync accept \(pair.key)`"
        } else {
            message += "update the \(context.target.language) text, then run `resume-sync accept \(pair.key)`"
        }
        var finding = context.finding(.stale, pair, message)
        finding.previousSourceText = then.text
        finding.currentSourceText = source.content.text
        finding.targetEditedSinceBaseline = targetEdited
        return [finding]
    }
}
