import Foundation
import Testing

/// `check --staged` judges what a commit records (git's index, wherever `GIT_INDEX_FILE` puts
/// it), and `install-hook` writes a plain git hook that runs it, never replacing another hook.
@Suite struct PreCommitHookTests {
    @Test func stagedCheckSeesTheIndexNotTheWorkTree() throws {
        let repository = try GitSandbox()
        // Drift in the work tree only: the commit would record the clean version.
        try repository.folder.edit("zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        #expect(try repository.resumeSync(["check"]).status == 1)
        #expect(try repository.resumeSync(["check", "--staged"]).status == 0)
        // Staged, it is what the commit records; then a clean work tree does not hide it.
        try repository.git(["add", "zh/work.xml"])
        try repository.folder.edit("zh/work.xml", replacing: "调研与规划", with: "调研与设计")
        let staged = try repository.resumeSync(["check", "--staged"])
        #expect(staged.status == 1)
        #expect(staged.stdoutLines.first == "en/work.xml:9:5: error: the zh text changed since the baseline; update the en text, then run `resume-sync accept work.xml#caicloud-tech-lead-features` [stale]")
    }

    @Test func stagedCheckReadsTheLockAndRemovalsFromTheIndex() throws {
        let repository = try GitSandbox()
        // The file stays on disk but leaves the commit.
        try repository.git(["rm", "--cached", "--quiet", "en/talks.xml"])
        let check = try repository.resumeSync(["check", "--staged"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("zh/talks.xml:1:1: error: en/talks.xml does not exist"), "\(check.stdout)")
        try repository.git(["add", "en/talks.xml"])
        // A lock broken in the work tree but clean in the index: the commit's lock is fine.
        try repository.folder.write("resume-sync.lock", "<<<<<<< HEAD\n")
        #expect(try repository.resumeSync(["check"]).status == 2)
        #expect(try repository.resumeSync(["check", "--staged"]).status == 0)
    }

    @Test func stagedCheckFollowsGitIndexFile() throws {
        let repository = try GitSandbox()
        let otherIndex = repository.folder.appendingPathComponent(".git/other-index").path
        try repository.folder.edit("zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        try repository.git(["add", "zh/work.xml"], environment: ["GIT_INDEX_FILE": otherIndex])
        // The default index is clean; the other one holds the drift.
        #expect(try repository.resumeSync(["check", "--staged"]).status == 0)
        #expect(try repository.resumeSync(["check", "--staged"], environment: ["GIT_INDEX_FILE": otherIndex]).status == 1)
    }

    @Test func aMergeConflictInTheIndexIsBrokenInput() throws {
        let repository = try GitSandbox()
        try repository.git(["checkout", "--quiet", "-b", "other"])
        try repository.folder.edit("en/work.xml", replacing: "Technical Lead", with: "Tech Lead")
        try repository.git(["commit", "--quiet", "--no-verify", "-am", "other"])
        try repository.git(["checkout", "--quiet", "-"])
        try repository.folder.edit("en/work.xml", replacing: "Technical Lead", with: "Technical Leader")
        try repository.git(["commit", "--quiet", "--no-verify", "-am", "mine"])
        #expect(try repository.git(["merge", "--quiet", "other"], allowFailure: true).status != 0)
        let before = try FolderSnapshot(repository.folder)
        let check = try repository.resumeSync(["check", "--staged"])
        #expect(check.status == 2)
        #expect(check.stdout.contains("en/work.xml:1:1: error: the file has an unresolved merge conflict in git's index"), "\(check.stdout)")
        #expect(try FolderSnapshot(repository.folder) == before)
    }

    @Test func aStagedConfigWithASyntaxErrorIsRefusedAtItsLine() throws {
        let repository = try GitSandbox()
        try repository.folder.write("resume-sync.toml", "[source]\nroot = \n")
        try repository.git(["add", "resume-sync.toml"])
        try repository.folder.write("resume-sync.toml", "")
        let check = try repository.resumeSync(["check", "--staged"])
        #expect(check.status == 2)
        #expect(check.stdout.hasPrefix("resume-sync.toml:2:8: error: TOML syntax"), "\(check.stdout)\(check.stderr)")
    }

    @Test func stagedCheckOutsideAGitRepositorySaysSo() throws {
        let folder = try Sandbox.resume()
        let check = try BoundedCommand.run(["check", "--staged"], in: folder, seconds: 60, environment: GitSandbox.isolation)
        #expect(check.status == 2)
        #expect(check.stderr.contains("not a git repository"), "\(check.stderr)")
    }

    @Test func installHookWritesAnExecutableHookThatGatesCommits() throws {
        let repository = try GitSandbox()
        let install = try repository.resumeSync(["install-hook"])
        #expect(install.status == 0, "\(install.stderr)")
        let hook = repository.folder.appendingPathComponent(".git/hooks/pre-commit")
        #expect(FileManager.default.isExecutableFile(atPath: hook.path))
        #expect(try repository.folder.read(".git/hooks/pre-commit").contains("check --staged"))
        // A clean commit passes.
        try repository.folder.edit("zh/work.xml", replacing: "<role>Technical Lead</role>", with: "<role>Technical  Lead</role>")
        try repository.git(["add", "zh/work.xml"])
        #expect(try repository.git(["commit", "--quiet", "-m", "spacing"], allowFailure: true).status == 0)
        // A drifted one is stopped, with the diagnostics shown.
        let head = try repository.git(["rev-parse", "HEAD"]).stdout
        try repository.folder.edit("zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        try repository.git(["add", "zh/work.xml"])
        let drift = try repository.git(["commit", "-m", "drift"], allowFailure: true)
        #expect(drift.status != 0)
        #expect((drift.stdout + drift.stderr).contains("en/work.xml:9:5: error: the zh text changed since the baseline"))
        #expect(try repository.git(["rev-parse", "HEAD"]).stdout == head)
    }

    @Test func theHookJudgesCommitAllAndPartialCommitsByTheirOwnIndex() throws {
        // `git commit -a` and `git commit FILE` hand the hook a temporary index in
        // GIT_INDEX_FILE; reading `.git/index` would see the old, clean state.
        let repository = try GitSandbox()
        #expect(try repository.resumeSync(["install-hook"]).status == 0)
        try repository.folder.edit("zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        let all = try repository.git(["commit", "-a", "-m", "all"], allowFailure: true)
        #expect(all.status != 0, "\(all.stdout)\(all.stderr)")
        #expect((all.stdout + all.stderr).contains("[stale]"))
        let partial = try repository.git(["commit", "-m", "partial", "zh/work.xml"], allowFailure: true)
        #expect(partial.status != 0, "\(partial.stdout)\(partial.stderr)")
        // The en translation goes in the same commit: then it passes.
        try repository.folder.edit("en/work.xml", replacing: "Research and design new product", with: "Research and plan new product")
        #expect(try repository.resumeSync(["accept", "work.xml#caicloud-tech-lead-features"]).status == 0)
        #expect(try repository.git(["commit", "--quiet", "-a", "-m", "translated"], allowFailure: true).status == 0)
    }

    @Test func installHookNeverReplacesAnotherHookAndUpdatesItsOwn() throws {
        let repository = try GitSandbox()
        let hook = repository.folder.appendingPathComponent(".git/hooks/pre-commit")
        try repository.folder.write(".git/hooks/pre-commit", "#!/bin/sh\necho someone else's hook\n")
        let refused = try repository.resumeSync(["install-hook"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already exists and was not written by resume-sync; nothing was written"))
        #expect(try repository.folder.read(".git/hooks/pre-commit") == "#!/bin/sh\necho someone else's hook\n")
        try FileManager.default.removeItem(at: hook)
        #expect(try repository.resumeSync(["install-hook", "--command", "resume-sync"]).status == 0)
        let updated = try repository.resumeSync(["install-hook"])
        #expect(updated.status == 0)
        #expect(updated.stderr.contains("updated"))
        #expect(try !repository.folder.read(".git/hooks/pre-commit").contains("exec resume-sync check"))
    }

    @Test func installHookHonoursCoreHooksPathAndASubfolderRoot() throws {
        let repository = try GitSandbox(projectFolder: "docs")
        try repository.git(["config", "core.hooksPath", "githooks"])
        let install = try repository.resumeSync(["install-hook", "--root", "docs"])
        #expect(install.status == 0, "\(install.stderr)")
        let script = try repository.folder.read("githooks/pre-commit")
        #expect(script.contains("check --staged --root docs"))
        try repository.folder.edit("docs/zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        let drift = try repository.git(["commit", "-a", "-m", "drift"], allowFailure: true)
        #expect(drift.status != 0)
        #expect((drift.stdout + drift.stderr).contains("docs/en/work.xml:9:5: error:"))
    }
}

/// A temporary git repository holding a copy of the resume (optionally in a subfolder),
/// committed, with git isolated from the machine's own configuration.
struct GitSandbox {
    /// No global or system git config (a `core.hooksPath` there would change where hooks go).
    static let isolation = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]

    let folder: URL
    let project: URL

    init(projectFolder: String? = nil) throws {
        let folder = try Sandbox.emptyFolder()
        let resume = try Sandbox.resume()
        let project = projectFolder.map { folder.appendingPathComponent($0) } ?? folder
        self.folder = folder
        self.project = project
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        for item in ["zh", "en", "resume-sync.lock"] {
            try FileManager.default.moveItem(at: resume.appendingPathComponent(item), to: project.appendingPathComponent(item))
        }
        try git(["init", "--quiet", "--initial-branch=main"])
        try git(["config", "user.name", "Resume Sync Tests"])
        try git(["config", "user.email", "tests@resume-sync.invalid"])
        try git(["config", "commit.gpgsign", "false"])
        try git(["add", "."])
        try git(["commit", "--quiet", "-m", "the resume"])
    }

    @discardableResult
    func git(_ arguments: [String], environment: [String: String] = [:], allowFailure: Bool = false) throws -> CommandResult {
        let result = try Self.run(["/usr/bin/env", "git"] + arguments, in: folder, environment: environment)
        if !allowFailure, result.status != 0 {
            throw EditError(message: "git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result
    }

    func resumeSync(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try BoundedCommand.run(arguments, in: folder, seconds: 60, environment: Self.isolation.merging(environment) { $1 })
    }

    /// Runs a program (not resume-sync) with the isolation environment, capturing its output.
    static func run(_ command: [String], in folder: URL, environment: [String: String] = [:]) throws -> CommandResult {
        var overrides: [String: String?] = [:]
        for (key, value) in isolation.merging(environment, uniquingKeysWith: { $1 }) { overrides[key] = value }
        // Hooks find `resume-sync` on the PATH when a test installs the bare command.
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        overrides["PATH"] = ResumeSyncCommand.executable.deletingLastPathComponent().path + ":" + path
        return try ProcessRunner.run(command, in: folder, environment: overrides).result
    }
}
