/// The one line a progress bar on standard error shows while a long run reads its files:
/// `resume-sync: reading zh  [#######-------------]  35%  700/2000 files`.
///
/// A pure function of the progress and the terminal width, so that it can be tested without a
/// terminal; the command line decides when to draw it (only on a terminal) and erases it after.
public enum RunProgressLine {
    /// The line, never wider than `width - 1` columns (so that the terminal never wraps it), with
    /// the bar left out when there is no room for it.
    public static func render(_ progress: RunProgress, width: Int) -> String {
        let label: String
        switch progress.phase {
        case .reading(let tree): label = "resume-sync: reading \(tree)"
        case .checking: label = "resume-sync: checking"
        }
        let count = SyncProgress(done: progress.filesRead, total: progress.totalFiles)
        let percent = String(count.percent)
        let figure = String(repeating: " ", count: max(3 - percent.count, 0)) + percent + "%"
        let tail = "  \(figure)  \(progress.filesRead)/\(progress.totalFiles) files"
        let room = width - 1 - DisplayWidth.of(label) - DisplayWidth.of(tail) - 4
        let cells = min(room, 30)
        let line = cells >= 5
            ? "\(label)  [\(ProgressBar.ascii.render(count, cells: cells))]\(tail)"
            : label + tail
        return truncated(line, to: width - 1)
    }

    static func truncated(_ line: String, to width: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        var result = ""
        var used = 0
        for character in line {
            let next = DisplayWidth.of(String(character))
            if used + next > max(width, 0) { break }
            result.append(character)
            used += next
        }
        return result
    }
}
