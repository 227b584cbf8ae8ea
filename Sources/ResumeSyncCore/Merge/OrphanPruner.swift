/// Plans taking orphans (target entries without a source counterpart) out of a target file,
/// with `--prune` only. An entry alone on its lines goes with those lines, indentation and line
/// ending included, so that no blank line is left where it was.
struct OrphanPruner {
    let pair: MergeFile
    let selection: MergeSelection

    struct Plan {
        var replacements: [ByteReplacement] = []
        var removed: [MergeOutcome.Removal] = []
        /// Every key removed, nested entries included (their baseline records go too).
        var removedKeys: [EntryKey] = []
    }

    func plan() throws(InvocationError) -> Plan {
        var plan = Plan()
        let target = pair.target
        let layout = pair.targetLayout
        for entry in target.alignableEntries where pair.source.entry(entry.id) == nil {
            if let parent = entry.parent, pair.source.entry(parent) == nil { continue }
            guard selection.includes(entry, in: target) else { continue }
            guard let node = pair.targetMap.node(of: entry.id), pair.targetMap.spansHold(node) else {
                throw InvocationError("\(target.displayPath): the recorded position of \(entry.key) does not match the file; nothing was written")
            }
            let range = layout.removalRange(of: entry.span)
            plan.replacements.append(ByteReplacement(range: range, bytes: [], expected: Array(target.bytes[range])))
            let nested = target.alignableEntries.filter {
                $0.span.start > entry.span.start && $0.span.end <= entry.span.end
            }
            plan.removed.append(MergeOutcome.Removal(key: entry.key, nestedCount: nested.count))
            plan.removedKeys += [entry.key] + nested.map(\.key)
        }
        return plan
    }
}
