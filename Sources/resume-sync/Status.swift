import ArgumentParser
import ResumeSyncCore

extension ResumeSync {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarize, on one screen, how far the trees are in sync and what to run next.",
            discussion: """
                Like `git status`: overall progress, each file's entries in sync and findings by \
                rule, the baseline, and the next commands to run (`merge` for missing entries, \
                `diff` for stale ones, `todo` for what needs a translator, `accept --all` when \
                there is no baseline). Exit status 0, or 2 when a file or the lock cannot be \
                read; `check` is the command for hooks and CI.
                """)

        @OptionGroup var trees: TreeOptions

        @Option(name: .long, help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.")
        var color: ColorChoice = .auto

        func run() throws {
            let workspace = try trees.workspace
            let report = try workspace.todoReportShowingProgress()
            var projectArguments: [String] = []
            if trees.project.root != "." { projectArguments += ["--root", trees.project.root] }
            if let config = trees.project.config { projectArguments += ["--config", config] }
            if let lock = trees.project.lock { projectArguments += ["--lock", lock] }
            let invocation = StatusReport.Invocation(explicitTrees: trees.source != nil, projectArguments: projectArguments)
            Terminal.standardOutput(StatusReport(style: color.style, invocation: invocation).render(report))
            if !report.brokenInput.isEmpty { throw ExitCode(2) }
        }
    }
}

extension ColorChoice {
    /// The style this choice gives on standard output.
    var style: TerminalStyle {
        switch self {
        case .always: return TerminalStyle(enabled: true)
        case .never: return .plain
        case .auto: return TerminalStyle(enabled: Terminal.standardOutputWantsColor)
        }
    }
}
