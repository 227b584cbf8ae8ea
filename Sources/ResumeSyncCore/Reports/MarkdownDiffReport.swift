/// `diff --format markdown`: the diff for pasting into a review. One section per entry that is
/// not in sync, its two sides in a two-column table, and a stale entry's change since the
/// baseline with `<del>` and `<ins>`.
public struct MarkdownDiffReport: Sendable {
    public var includeInSync: Bool

    public init(includeInSync: Bool = false) {
        self.includeInSync = includeInSync
    }

    public func render(_ result: Reconciliation) -> String {
        render(DiffContent(result, includeInSync: includeInSync))
    }

    public func render(_ content: DiffContent) -> String {
        let blocks = content.blocks
        let source = MarkdownText.escape(content.source.language.code)
        let target = MarkdownText.escape(content.target.language.code)
        var lines = ["## resume-sync diff: \(source) → \(target)", ""]
        let differing = blocks.filter { !$0.findings.isEmpty }.count
        lines.append(differing == 0 ? "The trees are in sync."
            : "\(differing == 1 ? "1 entry differs" : "\(differing) entries differ"): "
                + TodoMarkdownReport.counts(TodoReport.counts(content.findings), none: ""))
        for block in blocks {
            lines.append("")
            let rules = block.findings.isEmpty ? "in sync" : block.findings.map(\.rule.id).joined(separator: ", ")
            lines.append("### \(MarkdownText.code(block.key.description)) · \(rules)")
            let messages = block.findings.filter { $0.rule != .stale || block.source == nil }
            if !messages.isEmpty {
                lines.append("")
                for finding in messages { lines.append("- " + MarkdownText.message(finding.message)) }
            }
            guard block.source != nil || block.target != nil else { continue }
            lines.append("")
            lines.append("| \(source) \(Self.location(block.source)) | \(target) \(Self.location(block.target)) |")
            lines.append("| --- | --- |")
            lines.append("| \(TodoMarkdownReport.text(block.source)) | \(TodoMarkdownReport.text(block.target)) |")
            if let change = block.sourceChange {
                let edited = block.findings.contains { $0.rule == .stale && $0.targetEditedSinceBaseline }
                lines.append("")
                lines.append("**\(source) since the baseline\(edited ? " (\(target) was edited since too)" : ""):** "
                    + MarkdownText.change(change))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func location(_ side: DiffReport.Block.Side?) -> String {
        side.map { MarkdownText.code($0.location.description) } ?? ""
    }
}
