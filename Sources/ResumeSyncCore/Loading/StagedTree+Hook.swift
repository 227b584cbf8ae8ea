import Foundation

/// The plain git pre-commit hook that `resume-sync install-hook` writes, for projects that do
/// not use the pre-commit framework: a shell script that runs `check --staged`.
///
/// The hook is recognised as resume-sync's by its marker line, so that `install-hook` can
/// update its own hook and refuses to replace anyone else's (a hook of the pre-commit
/// framework, or one written by hand, may do things a person relies on).
public enum PreCommitHook {
    public static let marker = "# Written by `resume-sync install-hook`."

    /// What was done: where the hook is, and whether an older hook of resume-sync was replaced.
    public struct Installation: Sendable {
        public var path: String
        public var replacedOwnHook: Bool
    }

    /// The hook's text: `command` (a shell word or words) run as `check --staged` with
    /// `arguments` (already relative to the repository's top level, where git runs hooks).
    public static func script(command: String, arguments: [String]) -> String {
        let words = ([command, "check", "--staged"] + arguments.map(shellQuoted)).joined(separator: " ")
        return """
            #!/bin/sh
            \(marker)
            # Checks the staged trees (what this commit records) with resume-sync before each commit.
            # Run `resume-sync install-hook` again to update it; delete this file to remove it.
            exec \(words)

            """
    }

    public static func isOurs(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes.prefix(4096), as: UTF8.self).contains(marker)
    }

    /// Writes the hook into the repository that holds `directory`, in the folder git runs hooks
    /// from (`git rev-parse --git-path hooks`, which honours `core.hooksPath` and worktrees).
    ///
    /// `root`, `config` and `lock` are the project's paths as the user gave them (relative to
    /// `directory`); the hook passes them on relative to the top level.
    public static func install(
        command: String, root: String, config: String?, lock: String?, in directory: String = "."
    ) throws(InvocationError) -> Installation {
        let git = GitRunner(directory: directory)
        let topLevel = try git.text(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .newlines)
        var hooks = try git.text(["rev-parse", "--git-path", "hooks"]).trimmingCharacters(in: .newlines)
        if !hooks.hasPrefix("/"), directory != "." { hooks = (directory as NSString).appendingPathComponent(hooks) }
        var arguments: [String] = []
        for (option, path) in [("--root", Optional(root)), ("--config", config), ("--lock", lock)] {
            guard let path else { continue }
            let relative = StagedTree.repositoryPath(path, from: directory, topLevel: topLevel)
            if option == "--root" && relative.isEmpty { continue }
            arguments += [option, relative.isEmpty ? "." : relative]
        }
        let path = (hooks as NSString).appendingPathComponent("pre-commit")
        var replaced = false
        if let existing = FileManager.default.contents(atPath: path) {
            guard isOurs([UInt8](existing)) else {
                throw InvocationError(
                    "\(path) already exists and was not written by resume-sync; nothing was written. Add "
                    + "`resume-sync check --staged` to that hook yourself, or move it away and run install-hook again")
            }
            replaced = true
        } else if FileManager.default.fileExists(atPath: path) {
            throw InvocationError("\(path) exists but cannot be read; nothing was written")
        }
        do {
            try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
            try AtomicFile.write(Array(script(command: command, arguments: arguments).utf8), to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        } catch {
            throw InvocationError("cannot write \(path): \(error)")
        }
        return Installation(path: path, replacedOwnHook: replaced)
    }

    /// `text` as one shell word.
    public static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=:@%+".unicodeScalars.contains($0) }
        if safe, !text.isEmpty { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
