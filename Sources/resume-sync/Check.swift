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
            try Self.report(workspace.checkOrExit(), format: display.format, style: display.color.style)
        }

        /// `resume-sync check` or `resume-sync check --staged`, nothing else: what a pre-commit
        /// hook runs on every commit. Every option has its default, so the command is run without
        /// ArgumentParser reading its options (about a sixth of the hook's time on the resume);
        /// `CommandLineTests` holds the two ways to the same output.
        static func runPlain(staged: Bool) throws {
            let root = ProjectOptions.defaultRoot
            let workspace = staged
                ? try Workspace.staged(root: root, configPath: nil, sourcePath: nil, targetPath: nil, lockPath: nil)
                : try Workspace.load(root: root, configPath: nil, sourcePath: nil, targetPath: nil)
            try report(workspace.checkOrExit(), format: .text, style: ColorChoice.auto.style)
        }

        private static func report(_ result: CheckResult, format: OutputFormat, style: TerminalStyle) throws {
            switch format {
            case .json:
                Terminal.standardOutput(JSONReport().render(result))
            case .github:
                Terminal.standardOutput(GitHubAnnotationsReport().render(result.findings))
                Terminal.standardError(DiagnosticsReport().summary(result))
            case .sarif:
                Terminal.standardOutput(SARIFReport().render(result.findings))
            case .text:
                Terminal.standardOutput(DiagnosticsReport(style: style).render(result.findings))
                Terminal.standardError(DiagnosticsReport().summary(result))
            }
            Terminal.exit(result.exitStatus, keeping: result)
        }
    }
}

extension ResumeSync.Check: ReportsConfigurationErrors {
    func report(of error: ConfigurationError) -> String? {
        switch display.format {
        case .json: JSONReport().render(error)
        case .sarif: SARIFReport().render([error.finding])
        case .github: GitHubAnnotationsReport().render([error.finding])
        case .text: nil
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
