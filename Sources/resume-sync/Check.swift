import ArgumentParser
import ResumeSyncCore

extension ResumeSync {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report what is missing, stale or mismatched between the trees.",
            discussion: """
                Prints one gcc-style line per finding, `path:line:col: error: message [rule]`, \
                with a `note:` at the other side's location, and a summary on standard error. \
                Made for pre-commit hooks and CI: exit status 0 when nothing is at error \
                severity, 1 when something is, 2 when a file or the lock cannot be read.

                Rules: \(Rule.all.map(\.id).joined(separator: ", ")).
                """)

        @OptionGroup var trees: TreeOptions
        @OptionGroup var display: DisplayOptions

        @Flag(name: .long, help: "Check the trees, lock and config as staged in git's index (what `git commit` would record), not the work tree.")
        var staged = false

        func run() throws {
            let workspace = staged ? try trees.stagedWorkspace : try trees.workspace
            let result = try workspace.checkOrExit()
            switch display.format {
            case .json:
                Terminal.standardOutput(JSONReport().render(result))
            case .github:
                Terminal.standardOutput(GitHubAnnotationsReport().render(result.findings))
                Terminal.standardError(DiagnosticsReport().summary(result))
            case .sarif:
                Terminal.standardOutput(SARIFReport().render(result.findings))
            case .text:
                Terminal.standardOutput(DiagnosticsReport(style: display.style).render(result.findings))
                Terminal.standardError(DiagnosticsReport().summary(result))
            }
            Terminal.exit(result.exitStatus, keeping: result)
        }
    }
}

extension Workspace {
    /// Checks one file pair at a time, turning an invocation error into exit status 2 with a
    /// message, as `reconcileOrExit()` does.
    func checkOrExit() throws -> CheckResult {
        try Terminal.exitingOnInvocationError { () throws(InvocationError) in try check() }
    }
}
