import ArgumentParser
import ResumeSyncCore

extension ResumeSync {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show, entry by entry, how the two trees differ.",
            discussion: """
                One block per entry that is not in sync: its findings, the text on each side \
                with its location, and for a stale entry the source's change since the baseline \
                as a word diff (character by character for Chinese), marked [-removed-] and \
                {+added+} when there is no colour. Exit status as for `check`.
                """)

        @OptionGroup var trees: TreeOptions
        @OptionGroup var display: DisplayOptions

        @Flag(name: .long, help: "Show entries that are in sync too.")
        var all = false

        func run() throws {
            let result = try trees.workspace.reconcileOrExit()
            let report = DiffReport(style: display.style, includeInSync: all)
            switch display.format {
            case .json:
                Terminal.standardOutput(DiffJSONReport().render(report.blocks(result)))
            case .github, .sarif:
                throw ValidationError("diff prints text or json; `check --format \(display.format.rawValue)` gives findings as \(display.format.rawValue)")
            case .text:
                let text = report.render(result)
                Terminal.standardOutput(text.isEmpty ? "resume-sync: the trees are in sync\n" : text)
            }
            throw ExitCode(result.exitStatus)
        }
    }
}
