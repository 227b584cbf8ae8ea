import ArgumentParser
import Foundation
import ResumeSyncCore

extension ResumeSync {
    struct InstallHook: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install-hook",
            abstract: "Write a git pre-commit hook that runs `resume-sync check --staged`.",
            discussion: """
                For repositories without the pre-commit framework. The hook goes where git \
                looks for hooks (`git rev-parse --git-path hooks`: .git/hooks, or core.hooksPath) \
                and checks what is staged, so a commit is judged by what it records, not by the \
                work tree. A hook that resume-sync did not write is never replaced (exit status 2); \
                its own older hook is updated. With the pre-commit framework, use the \
                `resume-sync-check` hook of .pre-commit-hooks.yaml instead.
                """)

        @Option(name: .long, help: ArgumentHelp(
            "The command the hook runs (default: the path of this resume-sync executable).", valueName: "command"))
        var command: String?

        @OptionGroup var project: ProjectOptions

        func run() throws {
            let executable = command ?? PreCommitHook.shellQuoted(Self.currentExecutable)
            do {
                let installation = try PreCommitHook.install(
                    command: executable, root: project.root, config: project.config, lock: project.lock)
                Terminal.standardError("resume-sync: \(installation.replacedOwnHook ? "updated" : "wrote") \(installation.path); it runs `\(executable) check --staged` before each commit\n")
            } catch {
                Terminal.standardError("resume-sync: error: \(error.message)\n")
                throw ExitCode(2)
            }
        }

        /// The absolute path of the running executable, so that the hook runs this build even
        /// when it is not on the PATH git hooks see.
        static var currentExecutable: String {
            let link = "/proc/self/exe"
            if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link) { return resolved }
            return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        }
    }
}

extension TreeOptions {
    /// The workspace of `check --staged`: trees, lock and config from git's index.
    var stagedWorkspace: Workspace {
        get throws {
            try Workspace.staged(
                root: project.root, configPath: project.config, sourcePath: source, targetPath: target,
                lockPath: project.lock)
        }
    }
}
