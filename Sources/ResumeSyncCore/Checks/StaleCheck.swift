/// `stale`: the source's prose changed since the pair was last confirmed in sync, so the
/// translation was made against text that is no longer there. Neutral edits (a date, a link)
/// never make an entry stale: the mismatch checks compare those across the sides directly.
///
/// With `direction = "both"` either side may lead: when only the target moved, the source is
/// the stale one and the finding says so (and points at the source first).
public struct StaleCheck: EntryCheck {
    public var rule: Rule { .stale }
    public var readsOnlyThePair: Bool { true }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        // The recorded sides' fingerprints, not the sides: a side is copied out only for a
        // finding (see `Baseline.Sides.prose(of:)`).
        guard let (source, target) = pair.bothSides,
              let record = context.baselineRecord(of: pair),
              let sourceThen = record.prose(of: context.source.language.code)
        else { return [] }
        let sourceMoved = source.content.proseFingerprint != sourceThen
        // The target's fingerprint only when it can matter: most sources did not move.
        guard sourceMoved || context.configuration.direction == .both else { return [] }
        let targetThen = record.prose(of: context.target.language.code)
        let targetMoved = targetThen.map { $0 != target.content.proseFingerprint } ?? true
        if sourceMoved, let then = record[context.source.language.code] {
            return [sourceLed(pair, source: source, then: then, targetEdited: targetMoved, in: context)]
        }
        if targetThen != nil, targetMoved {
            return [targetLed(pair, target: target, in: context)]
        }
        return []
    }

    /// The source moved: the target is stale (or both moved, and a person confirms).
    private func sourceLed(
        _ pair: EntryPair, source: Entry, then: Baseline.Side, targetEdited: Bool, in context: CheckContext
    ) -> Finding {
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
        return finding
    }

    /// `direction = "both"` and only the target moved: the source is the stale side. The
    /// finding is located at the source only, where the work is; the message names the target.
    private func targetLed(_ pair: EntryPair, target: Entry, in context: CheckContext) -> Finding {
        let targetLocation = context.targetLocation(target).map { " (\($0))" } ?? ""
        let message = "the \(context.target.language) text changed since the baseline\(targetLocation); "
            + "update the \(context.source.language) text, then run `resume-sync accept \(pair.key)`"
        return Finding(rule: .stale, key: pair.key, message: message, source: context.sourceLocation(pair.source))
    }
}
