import ArgumentParser
import ResumeSyncCore

extension ResumeSync {
    struct Todo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the translation TODO report: progress, then a checklist of what needs work.",
            discussion: """
                Progress overall and per file (entries in sync out of all entries), counts by \
                rule, then one item per entry that needs work, in document order: its key and \
                location, its rules, the source text, for a stale entry what changed in the \
                source since the baseline, the current target text, and what `merge` would do \
                by itself. Markdown (a `- [ ]` checklist to paste into an issue or a pull \
                request) by default; `--format html` is one self-contained page with a filter by \
                status; `--format json` is for scripts (fields in the README).

                With `--output FILE` the report is written to FILE atomically and nothing is \
                printed on standard output. Exit status 0 when the report was made, whatever it \
                lists; 2 when a file or the lock cannot be read (nothing is written then).
                """)

        @OptionGroup var trees: TreeOptions

        @Option(name: .long, help: "Report format: markdown, html or json.")
        var format: TodoFormat = .markdown

        @Option(name: [.short, .long], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            let workspace = try trees.workspace
            let report = try workspace.todoReportShowingProgress()
            guard report.brokenInput.isEmpty else {
                Terminal.standardError(DiagnosticsReport().render(report.brokenInput))
                Terminal.standardError("resume-sync: error: the input cannot be read, so no report was made\(output.map { " (\($0) was not written)" } ?? "")\n")
                throw ExitCode(2)
            }
            let text: String
            switch format {
            case .markdown: text = TodoMarkdownReport(version: ResumeSyncVersion.current).render(report)
            case .html: text = TodoHTMLReport(version: ResumeSyncVersion.current).render(report)
            case .json: text = TodoJSONReport(version: ResumeSyncVersion.current).render(report)
            }
            guard let output else {
                Terminal.standardOutput(text)
                return
            }
            do {
                try AtomicFile.write(Array(text.utf8), to: output)
            } catch {
                Terminal.standardError("resume-sync: error: \(error.description)\n")
                throw ExitCode(2)
            }
            let items = report.items.count
            Terminal.standardError("resume-sync: wrote \(output): \(report.overall.done) of \(report.overall.total) entries in sync "
                + "(\(report.overall.percent)%), \(items == 1 ? "1 item needs" : "\(items) items need") work\n")
        }
    }
}

enum TodoFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown
    case html
    case json
}
