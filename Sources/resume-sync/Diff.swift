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

                `--side-by-side` lays the two languages in two columns as wide as the terminal \
                (`--width`, else COLUMNS, else the terminal's width, else 80), a Chinese \
                character counting two columns; long text wraps inside its column and nothing \
                is cut off. `--format markdown` gives the diff for pasting into a review, \
                `--format json` for scripts.
                """)

        @OptionGroup var trees: TreeOptions

        @Option(name: .long, help: "Output format: text, markdown or json.")
        var format: DiffFormat = .text

        @Option(name: .long, help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.")
        var color: ColorChoice = .auto

        @Flag(name: .long, help: "Show entries that are in sync too.")
        var all = false

        @Flag(name: .long, help: "Lay the two languages side by side in two columns.")
        var sideBySide = false

        @Option(name: .long, help: ArgumentHelp("The width of the side-by-side layout in columns.", valueName: "n"))
        var width: Int?

        func validate() throws {
            if sideBySide && format != .text {
                throw ValidationError("--side-by-side is a text layout; leave out --format \(format.rawValue)")
            }
            if let width, width < SideBySideDiffReport.minimumWidth {
                throw ValidationError("--width must be at least \(SideBySideDiffReport.minimumWidth) columns")
            }
        }

        func run() throws {
            let (content, result) = try trees.workspace.diffShowingProgress(includeInSync: all)
            switch format {
            case .json:
                Terminal.standardOutput(DiffJSONReport().render(content.blocks))
            case .markdown:
                Terminal.standardOutput(MarkdownDiffReport(includeInSync: all).render(content))
            case .text:
                let text: String
                if sideBySide {
                    let columns = max(TerminalSize.outputColumns(explicit: width), SideBySideDiffReport.minimumWidth)
                    text = SideBySideDiffReport(style: color.style, width: columns, includeInSync: all).render(content)
                } else {
                    text = DiffReport(style: color.style, includeInSync: all).render(content)
                }
                Terminal.standardOutput(text.isEmpty ? "resume-sync: the trees are in sync\n" : text)
            }
            Terminal.exit(result.exitStatus, keeping: (content, result))
        }
    }
}

extension ResumeSync.Diff: ReportsConfigurationErrors {
    func report(of error: ConfigurationError) -> String? {
        format == .json ? DiffJSONReport().render(error) : nil
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case markdown
    case json
}
