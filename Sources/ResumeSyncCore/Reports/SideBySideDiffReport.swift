/// `diff --side-by-side`: the two languages in two columns that line up on a terminal.
///
/// Widths are display widths (a Chinese character takes two columns), text wraps inside its
/// column and nothing is cut off, so no line is wider than `width`. The gutter is ASCII (` | `):
/// box-drawing characters are of ambiguous width and take two columns in some Chinese terminals.
/// Below `minimumTwoColumnWidth` the sides are stacked instead, each wrapped to the full width.
public struct SideBySideDiffReport: Sendable {
    public var style: TerminalStyle
    /// The terminal width in columns; taken as at least `minimumWidth`.
    public var width: Int
    public var includeInSync: Bool

    public static let minimumWidth = 10
    public static let minimumTwoColumnWidth = 30
    static let gutter = " | "

    public init(style: TerminalStyle = .plain, width: Int, includeInSync: Bool = false) {
        self.style = style
        self.width = max(width, Self.minimumWidth)
        self.includeInSync = includeInSync
    }

    /// How a piece of text is styled once wrapped.
    enum Tone: Hashable, Sendable {
        case plain, bold, dim, cyan, green, red, removed, added
    }

    typealias Run = TextWrapper.Run<Tone>

    var leftWidth: Int { (width - Self.gutter.count) / 2 }
    var rightWidth: Int { width - Self.gutter.count - leftWidth }

    public func render(_ result: Reconciliation) -> String {
        render(DiffContent(result, includeInSync: includeInSync))
    }

    public func render(_ content: DiffContent) -> String {
        let blocks = content.blocks
        if blocks.isEmpty { return "" }
        let source = content.source.language.code
        let target = content.target.language.code
        return blocks.map { render($0, source: source, target: target).joined(separator: "\n") }
            .joined(separator: "\n\n") + "\n"
    }

    func render(_ block: DiffReport.Block, source: String, target: String) -> [String] {
        var lines: [String] = []
        let rules = block.findings.map(\.rule.id)
        var head: [Run] = [Run(block.key.description, tag: .bold), Run("  ", tag: .plain)]
        if rules.isEmpty {
            head.append(Run("in sync", tag: .green))
        } else {
            for (index, rule) in rules.enumerated() {
                if index > 0 { head.append(Run(", ", tag: .plain)) }
                head.append(Run(rule, tag: .red))
            }
        }
        lines += wrapped(head, width: width)
        for finding in block.findings where finding.rule != .stale || block.source == nil {
            lines += wrapped([Run(finding.message, tag: .dim)], width: width - 2).map { "  " + $0 }
        }
        guard block.source != nil || block.target != nil else { return lines }
        let left = column(block.source, language: source, change: block.sourceChange, edited: nil)
        let edited = block.findings.contains { $0.rule == .stale && $0.targetEditedSinceBaseline }
        let right = column(block.target, language: target, change: nil, edited: edited && block.sourceChange != nil ? target : nil)
        if width < Self.minimumTwoColumnWidth {
            for runs in left + right { lines += wrapped(runs, width: width) }
            return lines
        }
        let leftLines = left.flatMap { TextWrapper.wrap($0, width: leftWidth) }
        let rightLines = right.flatMap { TextWrapper.wrap($0, width: rightWidth) }
        for row in 0..<max(leftLines.count, rightLines.count) {
            let leftLine = row < leftLines.count ? leftLines[row] : []
            let rightLine = row < rightLines.count ? rightLines[row] : []
            let padding = String(repeating: " ", count: max(leftWidth - TextWrapper.width(of: leftLine), 0))
            let line = styled(leftLine) + padding + style.dim(Self.gutter) + styled(rightLine)
            lines.append(trimmingTrailingSpaces(line))
        }
        return lines
    }

    /// One side's paragraphs: its heading, its text, and for the source of a stale entry the
    /// change since the baseline.
    func column(_ side: DiffReport.Block.Side?, language: String, change: [WordDiff.Piece]?, edited: String?) -> [[Run]] {
        var paragraphs: [[Run]] = []
        guard let side else {
            paragraphs.append([Run(language, tag: .bold), Run("  ", tag: .plain), Run("(absent)", tag: .dim)])
            return paragraphs
        }
        paragraphs.append([Run(language, tag: .bold), Run("  ", tag: .plain), Run(side.location.description, tag: .dim)])
        paragraphs.append(side.text.isEmpty ? [Run("(no text)", tag: .dim)] : [Run(side.text, tag: .plain)])
        if let change {
            paragraphs.append([])
            paragraphs.append([Run("\(language) since the baseline:", tag: .cyan)])
            paragraphs.append(change.map { piece in
                switch piece {
                case .same(let text): return Run(text, tag: .plain)
                case .removed(let text): return Run(style.enabled ? text : "[-\(text)-]", tag: .removed)
                case .added(let text): return Run(style.enabled ? text : "{+\(text)+}", tag: .added)
                }
            })
        } else if let edited {
            paragraphs.append([])
            paragraphs.append([Run("(\(edited) was edited since the baseline too)", tag: .dim)])
        }
        return paragraphs
    }

    func wrapped(_ runs: [Run], width: Int) -> [String] {
        TextWrapper.wrap(runs, width: width).map { trimmingTrailingSpaces(styled($0)) }
    }

    func styled(_ line: [Run]) -> String {
        line.map { run in
            switch run.tag {
            case .plain: return run.text
            case .bold: return style.bold(run.text)
            case .dim: return style.dim(run.text)
            case .cyan: return style.cyan(run.text)
            case .green: return style.green(run.text)
            case .red: return style.red(run.text)
            case .removed: return style.enabled ? style.removed(run.text) : run.text
            case .added: return style.enabled ? style.added(run.text) : run.text
            }
        }.joined()
    }

    func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
