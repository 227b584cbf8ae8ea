/// Plans the insertion of the source entries a target file lacks: each one as its own source
/// bytes, marked as needing translation, re-indented like its new siblings, in the target's line
/// endings, at the place matching the source. Only the outermost missing entry of a subtree is
/// inserted; the entries nested in it come along inside it.
struct InsertionPlanner {
    let pair: MergeFile
    let marker: AttributeMarker
    let selection: MergeSelection

    struct Plan {
        var replacements: [ByteReplacement] = []
        var inserted: [EntryKey: Int] = [:]
        var leftAlone: [MergeOutcome.LeftAlone] = []
    }

    /// Where an entry goes, relative to the target's elements.
    private enum Anchor {
        case after(Int)
        case before(Int)
        case afterLastField
        case firstChild
    }

    /// The shape of the text at one insertion point, which decides what goes around each block.
    private enum Shape: Hashable {
        /// At the start of a line: each block is a whole line of its own.
        case lines
        /// Right after an element that does not end its line; `trail` closes the last block.
        case afterInline(trail: [UInt8])
        /// Right before an element that does not start its line.
        case beforeInline
        /// Into a self-closing parent, which gets an end tag.
        case expand(name: String, closingIndent: [UInt8])
    }

    private struct Slot: Hashable {
        var range: Range<Int>
        var shape: Shape
    }

    private struct Block {
        var sourceOffset: Int
        var indent: [UInt8]
        var bytes: [UInt8]
    }

    func plan() throws(InvocationError) -> Plan {
        var result = Plan()
        var slots: [Slot: [Block]] = [:]
        var slotOrder: [Slot] = []
        let source = pair.source
        let target = pair.target
        for entry in source.alignableEntries where target.entry(entry.id) == nil && !entry.mayBeAbsentFromTarget {
            if let parent = entry.parent, target.entry(parent) == nil {
                if selection.names(entry.key), let parentEntry = source.entry(parent),
                   !selection.includes(parentEntry, in: source) {
                    throw InvocationError(
                        "\(entry.key) is nested in \(parentEntry.key), which \(target.displayPath) lacks too; merge \(parentEntry.key)")
                }
                continue
            }
            guard selection.includes(entry, in: source) else { continue }
            switch try placement(of: entry) {
            case .failure(let refusal):
                result.leftAlone.append(MergeOutcome.LeftAlone(key: entry.key, reason: refusal.reason))
            case .success(let (slot, block)):
                if slots[slot] == nil { slotOrder.append(slot) }
                slots[slot, default: []].append(block)
                result.inserted[entry.key] = nestedEntries(of: entry).count
            }
        }
        for slot in slotOrder {
            let blocks = (slots[slot] ?? []).sorted { $0.sourceOffset < $1.sourceOffset }
            result.replacements.append(replacement(for: slot, blocks: blocks))
        }
        return result
    }

    private struct Refusal: Error {
        var reason: String
    }

    private func placement(of entry: Entry) throws(InvocationError) -> Swift.Result<(Slot, Block), Refusal> {
        let sourceMap = pair.sourceMap
        let targetMap = pair.targetMap
        let target = pair.target.displayPath
        guard let node = sourceMap.node(of: entry.id), sourceMap.spansHold(node) else {
            throw InvocationError("\(pair.source.displayPath): the recorded position of \(entry.key) does not match the file; nothing was written")
        }
        guard let parentNode = sourceMap.nodes[node].parent else {
            return .failure(Refusal(reason: "it is the root element of \(pair.source.displayPath), and \(target) has another root; copy the file by hand"))
        }
        guard let locator = sourceMap.locator(of: parentNode), let targetParent = targetMap.resolve(locator) else {
            let name = sourceMap.element(parentNode).name.qualified
            return .failure(Refusal(reason: "the element it is in (<\(name)>) has no counterpart in \(target)"))
        }
        for nested in nestedEntries(of: entry) {
            if let existing = pair.target.entry(nested.id) {
                let line = pair.target.location(of: existing).line
                return .failure(Refusal(reason: "it holds \(nested.key), which \(target) already has elsewhere (line \(line)); move that entry first"))
            }
        }
        guard targetMap.spansHold(targetParent) else {
            throw InvocationError("\(target): the recorded position of an element does not match the file; nothing was written")
        }
        let anchor = self.anchor(for: node, parent: parentNode, targetParent: targetParent)
        let indent = childIndent(of: targetParent, anchor: anchor, sourceNode: node, sourceParent: parentNode)
        let (slot, blockIndent) = self.slot(for: anchor, targetParent: targetParent, indent: indent)
        let sourceIndent = pair.sourceLayout.lineIndent(of: entry.span.start)
        let targetParentIndent = pair.targetLayout.lineIndent(of: targetMap.element(targetParent).span.start)
        let marked: [UInt8]
        do {
            marked = try EntryMarking.marked(
                [entry] + nestedEntries(of: entry), in: pair.source.bytes, range: entry.span.range, marker: marker)
        } catch {
            throw InvocationError("\(pair.source.displayPath): \(error.description); nothing was written")
        }
        let reindentation = Reindentation(
            from: sourceIndent, to: blockIndent,
            unitFrom: sourceIndent.indentStep(beyond: pair.sourceLayout.lineIndent(of: sourceMap.element(parentNode).span.start)),
            unitTo: blockIndent.indentStep(beyond: targetParentIndent),
            lineEnding: pair.targetLayout.lineEnding)
        return .success((slot, Block(sourceOffset: entry.span.start, indent: blockIndent, bytes: reindentation.apply(to: marked))))
    }

    /// The entries nested in `entry` (at any depth), from the source document.
    private func nestedEntries(of entry: Entry) -> [Entry] {
        pair.source.alignableEntries.filter {
            $0.span.start > entry.span.start && $0.span.end <= entry.span.end
        }
    }

    /// After the counterpart of the nearest preceding sibling entry; else before the
    /// counterpart of the nearest following one; else after the parent's last field, or first.
    private func anchor(for node: Int, parent: Int, targetParent: Int) -> Anchor {
        let sourceMap = pair.sourceMap
        let targetMap = pair.targetMap
        let siblings = sourceMap.nodes[parent].children
        guard let position = siblings.firstIndex(of: node) else { return .firstChild }
        func counterpart(_ sibling: Int) -> Int? {
            guard let id = sourceMap.nodes[sibling].entryID, let match = targetMap.node(of: id),
                  targetMap.nodes[match].parent == targetParent, targetMap.spansHold(match)
            else { return nil }
            return match
        }
        for sibling in siblings[..<position].reversed() {
            if let match = counterpart(sibling) { return .after(match) }
        }
        for sibling in siblings[(position + 1)...] {
            if let match = counterpart(sibling) { return .before(match) }
        }
        return position > 0 ? .afterLastField : .firstChild
    }

    /// The indentation of the target parent's children: the anchor's, another child's, or the
    /// parent's own plus the step the source uses.
    private func childIndent(of targetParent: Int, anchor: Anchor, sourceNode: Int, sourceParent: Int) -> [UInt8] {
        let layout = pair.targetLayout
        let targetMap = pair.targetMap
        switch anchor {
        case .after(let node), .before(let node):
            let start = targetMap.element(node).span.start
            if layout.startsLine(start) { return layout.lineIndent(of: start) }
        case .afterLastField, .firstChild:
            break
        }
        for child in targetMap.nodes[targetParent].children {
            let start = targetMap.element(child).span.start
            if layout.startsLine(start) { return layout.lineIndent(of: start) }
        }
        let sourceLayout = pair.sourceLayout
        let step = sourceLayout.lineIndent(of: pair.sourceMap.element(sourceNode).span.start)
            .indentStep(beyond: sourceLayout.lineIndent(of: pair.sourceMap.element(sourceParent).span.start))
            ?? Array("  ".utf8)
        return layout.lineIndent(of: targetMap.element(targetParent).span.start) + step
    }

    private func slot(for anchor: Anchor, targetParent: Int, indent: [UInt8]) -> (Slot, [UInt8]) {
        let layout = pair.targetLayout
        let targetMap = pair.targetMap
        func after(_ offset: Int) -> Slot {
            if let next = layout.nextLineStart(ifBlankAfter: offset) {
                return Slot(range: next..<next, shape: .lines)
            }
            return Slot(range: offset..<offset, shape: .afterInline(trail: []))
        }
        let parent = targetMap.element(targetParent)
        switch anchor {
        case .after(let node):
            return (after(targetMap.element(node).span.end), indent)
        case .before(let node):
            let start = targetMap.element(node).span.start
            if layout.startsLine(start) {
                let lineStart = layout.lineStart(of: start)
                return (Slot(range: lineStart..<lineStart, shape: .lines), indent)
            }
            return (Slot(range: start..<start, shape: .beforeInline), indent)
        case .afterLastField:
            if let last = targetMap.fields(of: targetParent).last {
                return (after(targetMap.element(last).span.end), indent)
            }
            return slot(for: .firstChild, targetParent: targetParent, indent: indent)
        case .firstChild:
            let parentIndent = layout.lineIndent(of: parent.span.start)
            guard let endTag = parent.endTag else {
                let tag = ScannedStartTag(bytes: pair.target.bytes, span: parent.startTag)
                let from = tag?.insertionPoint ?? (parent.startTag.end - 2)
                return (Slot(range: from..<parent.startTag.end,
                             shape: .expand(name: parent.name.qualified, closingIndent: parentIndent)), indent)
            }
            if let next = layout.nextLineStart(ifBlankAfter: parent.startTag.end), next <= endTag.start {
                return (Slot(range: next..<next, shape: .lines), indent)
            }
            let content = pair.target.bytes[parent.startTag.end..<endTag.start]
            let trail = content.allSatisfy(LineLayout.isBlank) ? layout.lineEnding + parentIndent : []
            let at = parent.startTag.end
            return (Slot(range: at..<at, shape: .afterInline(trail: trail)), indent)
        }
    }

    private func replacement(for slot: Slot, blocks: [Block]) -> ByteReplacement {
        let lineEnding = pair.targetLayout.lineEnding
        var text: [UInt8] = []
        switch slot.shape {
        case .lines:
            for block in blocks { text += block.indent + block.bytes + lineEnding }
        case .afterInline(let trail):
            for block in blocks { text += lineEnding + block.indent + block.bytes }
            text += trail
        case .beforeInline:
            for block in blocks { text += block.bytes + lineEnding + block.indent }
        case .expand(let name, let closingIndent):
            text = [UInt8(ascii: ">")]
            for block in blocks { text += lineEnding + block.indent + block.bytes }
            text += lineEnding + closingIndent + Array("</\(name)>".utf8)
        }
        return ByteReplacement(range: slot.range, bytes: text, expected: Array(pair.target.bytes[slot.range]))
    }
}
