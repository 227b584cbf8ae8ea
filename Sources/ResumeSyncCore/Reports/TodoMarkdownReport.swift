/// `todo` in GitHub-flavoured Markdown: progress, then a `- [ ]` checklist that works pasted
/// into an issue or a pull request, one item per entry that needs work.
public struct TodoMarkdownReport: Sendable {
    /// The tool's version, for the closing line: injected so that the output is a pure function.
    public var version: String

    public init(version: String) {
        self.version = version
    }

    static let barCells = 20

    public func render(_ report: TodoReport) -> String {
        var lines: [String] = []
        let source = report.sourceLanguage.code
        let target = report.targetLanguage.code
        lines.append("# Translation TODO: \(MarkdownText.escape(source)) → \(MarkdownText.escape(target))")
        lines.append("")
        lines.append("**\(Self.inSync(report.overall))** \(Self.bar(report.overall))")
        lines.append("")
        if !report.hasBaseline {
            lines.append("> There is no baseline (`resume-sync.lock`), so staleness is not checked. "
                + "Once the trees are in sync, `resume-sync accept --all` creates it.")
            lines.append("")
        }
        lines.append("| File | In sync | Progress | Needs work |")
        lines.append("| --- | ---: | --- | --- |")
        for file in report.files {
            lines.append("| \(MarkdownText.code(file.file.rawValue)) | \(file.progress.done) / \(file.progress.total) | "
                + "\(Self.bar(file.progress)) | \(Self.counts(file.ruleCounts, none: "—")) |")
        }
        lines.append("")
        if report.items.isEmpty {
            lines.append("Nothing to do: every entry is in sync.")
        } else {
            let count = report.items.count
            lines.append("**\(count == 1 ? "1 item needs" : "\(count) items need") work:** \(Self.counts(report.ruleCounts, none: ""))")
            let itemsByFile = report.itemsByFile
            for file in report.files {
                guard let items = itemsByFile[file.file], !items.isEmpty else { continue }
                lines.append("")
                lines.append("## \(MarkdownText.code(file.file.rawValue))")
                lines.append("")
                for item in items { lines += self.item(item, source: source, target: target) }
            }
        }
        lines.append("")
        lines.append("<sub>Made by resume-sync \(MarkdownText.escape(version)): `resume-sync todo`.</sub>")
        return lines.joined(separator: "\n") + "\n"
    }

    func item(_ item: TodoItem, source: String, target: String) -> [String] {
        var head = "- [ ] **\(MarkdownText.code(item.key.description))** · "
            + item.rules.map(\.id).joined(separator: ", ")
        let locations = [item.source?.location, item.target?.location].compactMap { $0 }
            .map { MarkdownText.code($0.description) }
        if item.source == nil && item.target == nil, let location = item.findings.first?.primaryLocation {
            head += " · " + MarkdownText.code(location.description)
        } else if !locations.isEmpty {
            head += " · " + locations.joined(separator: " → ")
        }
        var lines = [head]
        for finding in item.findings where finding.rule != .stale || item.source == nil {
            lines.append("  - " + MarkdownText.message(finding.message))
        }
        if item.source != nil || item.target != nil {
            lines.append("  - **\(MarkdownText.escape(source)):** " + Self.text(item.source))
            if let change = item.sourceChange {
                let edited = item.targetEditedSinceBaseline ? " (\(MarkdownText.escape(target)) was edited since too)" : ""
                lines.append("  - **\(MarkdownText.escape(source)) since the baseline\(edited):** " + MarkdownText.change(change))
            }
            lines.append("  - **\(MarkdownText.escape(target)):** " + Self.text(item.target))
        }
        if !item.nested.isEmpty {
            lines.append("  - **Nested entries:**")
            for nested in item.nested {
                lines.append("    - \(MarkdownText.code(nested.key.description)): \(MarkdownText.escape(nested.text))")
            }
        }
        for action in item.mergeActions {
            lines.append("  - _\(MarkdownText.message(action.description))_")
        }
        return lines
    }

    static func text(_ side: DiffReport.Block.Side?) -> String {
        guard let side else { return "_(absent)_" }
        return side.text.isEmpty ? "_(no text)_" : MarkdownText.escape(side.text)
    }

    static func inSync(_ progress: SyncProgress) -> String {
        "\(progress.done) of \(progress.total) \(progress.total == 1 ? "entry" : "entries") in sync (\(progress.percent)%)"
    }

    static func bar(_ progress: SyncProgress) -> String {
        "`\(ProgressBar.blocks.render(progress, cells: barCells))` \(progress.percent)%"
    }

    static func counts(_ counts: [TodoReport.RuleCount], none: String) -> String {
        counts.isEmpty ? none : counts.map { "\($0.count) \($0.rule.id)" }.joined(separator: " · ")
    }
}
