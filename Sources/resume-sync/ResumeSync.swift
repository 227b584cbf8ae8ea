import ArgumentParser
import Foundation
import ResumeSyncCore

@main
struct ResumeSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume-sync",
        abstract: "Keep a Chinese and an English content tree in sync.",
        discussion: """
            Both trees (zh/ and en/ by default) are parsed into entries: elements with an ID. \
            Entries are aligned by file path and ID, and the tool reports what is missing, stale \
            (the source changed since the pair was last confirmed in sync) or mismatched \
            (dates, links, structure). The baseline for staleness is resume-sync.lock, written \
            by `accept`.

            Exit status: 0 nothing at error severity, 1 findings at error severity, \
            2 the input or the invocation is broken.
            """,
        version: ResumeSyncVersion.current,
        subcommands: [Check.self, Diff.self, Accept.self, Todo.self, Status.self, Init.self, Merge.self, InstallHook.self],
        defaultSubcommand: nil)

    /// Runs the command line with DESIGN §6's exit statuses: a broken invocation is 2, not 64.
    static func main() {
        XMLParserSetup.prepare()
        // The command as parsed, for the format a config error is reported in.
        var parsed: ParsableCommand?
        do {
            if let staged = plainCheck() {
                try Check.runPlain(staged: staged)
                return
            }
            var command = try parsedCheck() ?? parseAsRoot()
            parsed = command
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as ConfigurationError {
            // A diagnostic like any other (standard output, in the format asked for), then why
            // nothing else happened.
            if let report = (parsed as? ReportsConfigurationErrors)?.report(of: error) {
                Terminal.standardOutput(report)
            } else if error.location != nil {
                Terminal.standardOutput("\(error)\n")
            }
            Terminal.standardError("resume-sync: error: "
                + (error.location == nil ? error.message : "the config cannot be used") + "; nothing was read or written\n")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.standardError("resume-sync: error: " + fullMessage(for: error) + "\n")
            Foundation.exit(2)
        }
    }
}

/// A command whose findings can come in a format for machines: a config that cannot be used is
/// reported in that format too, so that a script reading `--format json` gets JSON.
protocol ReportsConfigurationErrors {
    /// The error as the command's `--format` writes a finding; `nil` for the gcc-style line.
    func report(of error: ConfigurationError) -> String?
}

extension ResumeSync {
    /// `resume-sync check` or `resume-sync check --staged` with nothing else (what a hook runs):
    /// whether it is staged; `nil` for any other command line. See `Check.runPlain`.
    static func plainCheck() -> Bool? {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments == ["check"] || arguments == ["check", "--staged"] else { return nil }
        return arguments.count == 2
    }

    /// `resume-sync check …` read by `Check` alone: a pre-commit hook runs it on every commit,
    /// and parsing it through the root reads every command's options first (about a fifth of
    /// the hook's time on the resume). The root has no options of its own, so a successful
    /// parse is the same command; anything else (help, a mistake, another command) gives `nil`
    /// and goes through `parseAsRoot`, which says what ArgumentParser always says.
    static func parsedCheck() -> ParsableCommand? {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.first == "check" else { return nil }
        return try? Check.parse(Array(arguments.dropFirst()))
    }
}

/// Where the project is: its root, its config and its baseline file, shared by every command.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project root, where the trees, resume-sync.toml and resume-sync.lock are.", valueName: "dir"))
    var root: String = ProjectOptions.defaultRoot

    static let defaultRoot = "."

    @Option(name: .long, help: ArgumentHelp("The config file (default: ROOT/resume-sync.toml when it exists).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The baseline file (default: ROOT/resume-sync.lock).", valueName: "file"))
    var lock: String?

    /// The workspace the config describes; explicit trees win over the config's.
    ///
    /// - Throws: `ConfigurationError`, which `main` prints as a diagnostic with exit status 2.
    func workspace(source: String?, target: String?) throws -> Workspace {
        var workspace = try Workspace.load(root: root, configPath: config, sourcePath: source, targetPath: target)
        if let lock { workspace.lockPath = lock }
        return workspace
    }
}

/// The two trees as positional arguments, for `check` and `diff`.
struct TreeOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The source tree folder (default: ROOT/zh).", valueName: "source"))
    var source: String?

    @Argument(help: ArgumentHelp("The target tree folder (default: ROOT/en).", valueName: "target"))
    var target: String?

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        if (source == nil) != (target == nil) {
            throw ValidationError("give both trees (SOURCE TARGET), or neither for ROOT/zh and ROOT/en")
        }
    }

    var workspace: Workspace {
        get throws { try project.workspace(source: source, target: target) }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case github
    case sarif
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
}

struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text (gcc-style), json, github (Actions annotations) or sarif.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Colour: auto (only on a terminal, never with NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    var style: TerminalStyle { color.style }
}

extension Workspace {
    /// Reconciles, turning an invocation error into exit status 2 with a message.
    func reconcileOrExit() throws -> Reconciliation {
        try Terminal.exitingOnInvocationError { () throws(InvocationError) in try reconcile() }
    }
}
