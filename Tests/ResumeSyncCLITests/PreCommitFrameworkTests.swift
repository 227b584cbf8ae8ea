import Foundation
import Testing

/// The real pre-commit framework (from PyPI) running this repository's `resume-sync-check`
/// hook in a fresh repository: a clean commit passes, a drifted one is stopped and the user
/// sees the diagnostics. The hook is the one `.pre-commit-hooks.yaml` defines, run as a
/// `repo: local` hook with `language: system` on the binary under test (pre-commit would
/// otherwise clone this repository and build it in release mode).
@Suite struct PreCommitFrameworkTests {
    @Test(.enabled(
        if: PreCommitFramework.command != nil || PreCommitFramework.required,
        "pre-commit is not installed (`pip install pre-commit`, as .ci/run does); under CI=true this test runs and fails instead"))
    func theHookPassesACleanCommitAndStopsADriftedOneShowingWhy() throws {
        let framework = try #require(PreCommitFramework.command, "pre-commit is required under CI but is not installed")
        let repository = try GitSandbox()
        let hook = try PreCommitFramework.repositoryHook()
        try repository.folder.write(".pre-commit-config.yaml", hook.localConfig(executable: ResumeSyncCommand.executable.path))
        try repository.git(["add", ".pre-commit-config.yaml"])
        try repository.git(["commit", "--quiet", "--no-verify", "-m", "pre-commit config"])
        let cache = try Sandbox.emptyFolder()
        let environment = ["PRE_COMMIT_HOME": cache.path, "PRE_COMMIT_COLOR": "never"]
        let install = try GitSandbox.run(framework + ["install"], in: repository.folder, environment: environment)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")

        // Clean: a translation updated with its source, and the pair accepted.
        try repository.folder.edit("zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        try repository.folder.edit("en/work.xml", replacing: "Research and design new product", with: "Research and plan new product")
        #expect(try repository.resumeSync(["accept", "work.xml#caicloud-tech-lead-features"]).status == 0)
        try repository.git(["add", "zh", "en", "resume-sync.lock"])
        let clean = try repository.git(["commit", "-m", "reword a bullet"], environment: environment, allowFailure: true)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect((clean.stdout + clean.stderr).contains("resume-sync check"))
        #expect((clean.stdout + clean.stderr).contains("Passed"))

        // Drifted: the source moves alone; the commit is refused with the diagnostics.
        let head = try repository.git(["rev-parse", "HEAD"]).stdout
        try repository.folder.edit("zh/work.xml", replacing: "跟踪工业界趋势", with: "跟踪业界趋势")
        try repository.git(["add", "zh/work.xml"])
        let drift = try repository.git(["commit", "-m", "drift"], environment: environment, allowFailure: true)
        let output = drift.stdout + drift.stderr
        #expect(drift.status != 0, "\(output)")
        #expect(output.contains("Failed"))
        #expect(output.contains("en/work.xml:10:5: error: the zh text changed since the baseline; update the en text, then run `resume-sync accept work.xml#caicloud-tech-lead-trends` [stale]"), "\(output)")
        #expect(output.contains("zh/work.xml:10:5: note: work.xml#caicloud-tech-lead-trends in the source tree"))
        #expect(try repository.git(["rev-parse", "HEAD"]).stdout == head)
    }
}

/// Finding pre-commit, and this repository's hook definition.
enum PreCommitFramework {
    /// Under CI the test must run, so that a missing install fails rather than skips.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// How to run pre-commit: `pre-commit` on the PATH, else `python3 -m pre_commit`.
    static let command: [String]? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/pre-commit"
            if FileManager.default.isExecutableFile(atPath: candidate) { return [candidate] }
        }
        let probe = try? GitSandbox.run(["/usr/bin/env", "python3", "-c", "import pre_commit"], in: Sandbox.repository)
        return probe?.status == 0 ? ["/usr/bin/env", "python3", "-m", "pre_commit"] : nil
    }()

    /// The `resume-sync-check` hook of the repository's `.pre-commit-hooks.yaml`: its flat
    /// `key: value` settings, read without a YAML library (the file is a plain list of maps).
    struct Hook {
        var settings: [String: String]

        /// The hook as a `repo: local` hook of `language: system`, its entry's command
        /// replaced by the binary under test and its other settings kept.
        func localConfig(executable: String) -> String {
            var entry = settings["entry"] ?? "resume-sync check"
            if entry.hasPrefix("resume-sync") { entry = executable + entry.dropFirst("resume-sync".count) }
            var lines = ["repos:", "  - repo: local", "    hooks:", "      - id: \(settings["id"] ?? "resume-sync-check")"]
            for key in ["name", "files", "pass_filenames", "require_serial", "always_run", "types", "exclude"] {
                if let value = settings[key] { lines.append("        \(key): \(value)") }
            }
            lines.append("        entry: \(entry)")
            lines.append("        language: system")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func repositoryHook() throws -> Hook {
        let text = try Sandbox.repository.read(".pre-commit-hooks.yaml")
        var current: [String: String]?
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.isEmpty { continue }
            var body = Substring(line)
            if body.hasPrefix("- ") {
                if let current, current["id"] == "resume-sync-check" { return Hook(settings: current) }
                current = [:]
                body = body.dropFirst(2)
            }
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = body[..<colon].trimmingCharacters(in: .whitespaces)
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            current?[key] = value
        }
        guard let current, current["id"] == "resume-sync-check" else {
            throw EditError(message: ".pre-commit-hooks.yaml defines no resume-sync-check hook")
        }
        return Hook(settings: current)
    }
}
