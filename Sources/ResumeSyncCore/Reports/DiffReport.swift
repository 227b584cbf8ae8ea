/// `diff`: one block per entry that is not in sync (every entry with `all`), the two sides'
/// text aligned under each other, and for a stale entry the source's change since the baseline
/// as a word diff.
public struct DiffReport: Sendable {
    public var style: TerminalStyle
    public var includeInSync: Bool

    public init(style: TerminalStyle = .plain, includeInSync: Bool = false) {
        self.style = style
        self.includeInSync = includeInSync
    }

    /// One block of the diff: an entry (or a whole file) and what was found about it.
    public struct Block: Sendable {
        public var key: EntryKey
        public var findings: [Finding]
        public var source: Side?
        public var target: Side?

        public struct Side: Sendable {
            public var location: SourceLocation
            public var text: String
        }

        /// The stale finding's change since the baseline, when there is one.
        public var sourceChange: [WordDiff.Piece]? {
            guard let stale = findings.first(where: { $0.rule == .stale }),
                  let old = stale.previousSourceText, let new = stale.currentSourceText else { return nil }
            return WordDiff.pieces(from: old, to: new)
        }
    }

    public func blocks(_ result: Reconciliation) -> [Block] {
        let byKey = Self.findingsByKey(result.findings)
        var blocks: [Block] = []
        var covered: Set<EntryKey> = []
        // Grouped once, so that thousands of files do not each scan every entry pair.
        var pairsByFile: [RelativePath: [EntryPair]] = [:]
        for pair in result.entryPairs { pairsByFile[pair.key.file, default: []].append(pair) }
        for filePair in result.filePairs {
            blocks += self.blocks(of: filePair, entryPairs: pairsByFile[filePair.file] ?? [], byKey: byKey, covered: &covered)
        }
        return blocks + Self.remainingBlocks(result.findings, covered: &covered)
    }

    static func findingsByKey(_ findings: [Finding]) -> [EntryKey: [Finding]] {
        var byKey: [EntryKey: [Finding]] = [:]
        for finding in findings { byKey[finding.key, default: []].append(finding) }
        return byKey
    }

    /// The blocks of one file pair: the file's own findings, then its entry pairs in order.
    /// Adds the keys it shows (and every entry pair's, shown or in sync) to `covered`.
    func blocks(
        of filePair: FilePair, entryPairs: [EntryPair], byKey: [EntryKey: [Finding]], covered: inout Set<EntryKey>
    ) -> [Block] {
        var blocks: [Block] = []
        let fileKey = EntryKey(file: filePair.file, id: nil)
        if let findings = byKey[fileKey] {
            covered.insert(fileKey)
            blocks.append(Block(key: fileKey, findings: findings, source: nil, target: nil))
        }
        for pair in entryPairs {
            let findings = byKey[pair.key] ?? []
            covered.insert(pair.key)
            guard includeInSync || !findings.isEmpty else { continue }
            blocks.append(Block(
                key: pair.key, findings: findings,
                source: side(pair.source, in: filePair.source),
                target: side(pair.target, in: filePair.target)))
        }
        return blocks
    }

    /// Findings about entries that could not be paired (duplicate IDs), or the lock file: one
    /// block for each key no file pair showed, in the order of `findings`.
    static func remainingBlocks(_ findings: [Finding], covered: inout Set<EntryKey>) -> [Block] {
        var remaining: [EntryKey: [Finding]] = [:]
        var order: [EntryKey] = []
        for finding in findings where !covered.contains(finding.key) {
            if remaining[finding.key] == nil { order.append(finding.key) }
            remaining[finding.key, default: []].append(finding)
        }
        covered.formUnion(order)
        return order.map { Block(key: $0, findings: remaining[$0] ?? [], source: nil, target: nil) }
    }

    private func side(_ entry: Entry?, in document: ParsedDocument?) -> Block.Side? {
        guard let entry, let document else { return nil }
        return Block.Side(location: document.location(of: entry), text: entry.content.text)
    }

    public func render(_ result: Reconciliation) -> String {
        render(DiffContent(result, includeInSync: includeInSync))
    }

    public func render(_ content: DiffContent) -> String {
        let blocks = content.blocks
        if blocks.isEmpty { return "" }
        let sourceName = content.source.language.code
        let targetName = content.target.language.code
        let width = max(DisplayWidth.of(sourceName), DisplayWidth.of(targetName))
        func label(_ name: String) -> String {
            name + String(repeating: " ", count: width - DisplayWidth.of(name))
        }
        var output: [String] = []
        for block in blocks {
            var lines: [String] = []
            let rules = block.findings.map(\.rule.id)
            let status = rules.isEmpty ? style.green("in sync") : rules.map { style.red($0) }.joined(separator: ", ")
            lines.append(style.bold(block.key.description) + "  " + status)
            for finding in block.findings where finding.rule != .stale || block.source == nil {
                // Broken input has no entry to show beside it: its location is the only pointer.
                let located = finding.rule.meansBrokenInput && block.source == nil && block.target == nil
                let location = located ? finding.primaryLocation.map { "\($0): " } ?? "" : ""
                lines.append("  " + style.dim(location + finding.message))
            }
            let indent = "  " + String(repeating: " ", count: width + 2)
            if block.source != nil || block.target != nil {
                for (name, side) in [(sourceName, block.source), (targetName, block.target)] {
                    if let side {
                        lines.append("  \(style.bold(label(name)))  \(style.dim(side.location.description))")
                        lines.append(indent + (side.text.isEmpty ? style.dim("(no text)") : side.text))
                    } else {
                        lines.append("  \(style.bold(label(name)))  " + style.dim("(absent)"))
                    }
                }
            }
            if let change = block.sourceChange {
                let edited = block.findings.first { $0.rule == .stale }?.targetEditedSinceBaseline ?? false
                lines.append("  " + style.cyan("\(sourceName) since the baseline:")
                    + (edited ? style.dim(" (\(targetName) was edited since too)") : ""))
                lines.append(indent + change.map { piece in
                    switch piece {
                    case .same(let text): return text
                    case .removed(let text): return style.removed(text)
                    case .added(let text): return style.added(text)
                    }
                }.joined())
            }
            output.append(lines.joined(separator: "\n"))
        }
        return output.joined(separator: "\n\n") + "\n"
    }
}
