import Foundation
import Testing

/// Conventions of the command line: help, exit statuses, JSON, colour.
@Suite struct CommandLineTests {
    @Test(arguments: [[], ["check"], ["diff"], ["accept"]])
    func helpExplains(_ command: [String]) throws {
        let result = try ResumeSyncCommand.run(command + ["--help"], in: Sandbox.repository)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
        #expect(result.stdout.contains("OVERVIEW:"))
        if command.isEmpty {
            #expect(result.stdout.contains("Exit status: 0"))
            for subcommand in ["check", "diff", "accept"] { #expect(result.stdout.contains("  \(subcommand) ")) }
        }
    }

    @Test func brokenInvocationsExitTwo() throws {
        let folder = try Sandbox.resume()
        let oneTree = try ResumeSyncCommand.run(["check", "zh"], in: folder)
        #expect(oneTree.status == 2)
        #expect(oneTree.stderr.contains("give both trees"))
        let unknown = try ResumeSyncCommand.run(["check", "--frobnicate"], in: folder)
        #expect(unknown.status == 2)
        // `check` is parsed by its own command first (the hook's fast start); what it cannot
        // parse goes through the root, so the usage line names the whole command.
        #expect(unknown.stderr.contains("Unknown option '--frobnicate'"))
        #expect(unknown.stderr.contains("Usage: resume-sync check "))
        let help = try ResumeSyncCommand.run(["check", "--help"], in: folder)
        #expect(help.stdout.contains("USAGE: resume-sync check "))
        let noTree = try ResumeSyncCommand.run(["check", "zh", "fr"], in: folder)
        #expect(noTree.status == 2)
        #expect(noTree.stderr.contains("the fr tree 'fr' does not exist"))
        let noKeys = try ResumeSyncCommand.run(["accept"], in: folder)
        #expect(noKeys.status == 2)
    }

    /// `check` and `check --staged` alone (a pre-commit hook's call) are run without
    /// ArgumentParser reading their options; with an option that changes nothing they go
    /// through it. Both ways say the same, findings or not, broken config or not.
    @Test func aPlainCheckSaysWhatTheParsedOneSays() throws {
        let folder = try Sandbox.resume()
        func expectSame(_ label: String) throws {
            let plain = try ResumeSyncCommand.run(["check"], in: folder)
            let parsed = try ResumeSyncCommand.run(["check", "--root", "."], in: folder)
            #expect(plain.stdout == parsed.stdout && plain.stderr == parsed.stderr, "\(label)")
            #expect(plain.status == parsed.status, "\(label)")
        }
        try expectSame("clean")
        try folder.edit("zh/work.xml", replacing: "调研与设计产品新功能", with: "调研与规划产品新功能")
        try folder.edit("en/talks.xml", replacing: "2019", with: "2018")
        try expectSame("drifted")
        #expect(try ResumeSyncCommand.run(["check"], in: folder).status == 1)
        try folder.write("resume-sync.toml", "direction = \"sideways\"\n")
        try expectSame("broken config")
        #expect(try ResumeSyncCommand.run(["check"], in: folder).status == 2)

        let repository = try GitSandbox()
        try repository.folder.edit("zh/work.xml", replacing: "调研与设计", with: "调研与规划")
        try repository.git(["add", "zh/work.xml"])
        let plain = try repository.resumeSync(["check", "--staged"])
        let parsed = try repository.resumeSync(["check", "--staged", "--root", "."])
        #expect(plain.stdout == parsed.stdout && plain.stderr == parsed.stderr && plain.status == parsed.status)
        #expect(plain.status == 1 && plain.stdout.contains("[stale]"))
    }

    @Test func jsonCarriesTheSameFindings() throws {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "调研与设计产品新功能", with: "调研与规划产品新功能")
        try folder.edit("en/work.xml", replacing: "<period from=\"2019-04\"", with: "<period from=\"2019-05\"")
        let result = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        #expect(result.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = try #require(json?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["stale", "mismatch-attribute"])
        let stale = findings[0]
        #expect(stale["key"] as? String == "work.xml#caicloud-tech-lead-features")
        #expect(stale["severity"] as? String == "error")
        #expect(stale["previousSourceText"] as? String == "调研与设计产品新功能，优化 Clever 产品架构")
        #expect(stale["currentSourceText"] as? String == "调研与规划产品新功能，优化 Clever 产品架构")
        #expect((stale["source"] as? [String: Any])?["line"] as? Int == 9)
        #expect((stale["target"] as? [String: Any])?["path"] as? String == "en/work.xml")
        let mismatch = findings[1]
        #expect(mismatch["sourceValue"] as? String == "2019-04")
        #expect(mismatch["targetValue"] as? String == "2019-05")
        let summary = try #require(json?["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 2)
        #expect(summary["exitStatus"] as? Int == 1)
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "调研与设计产品新功能", with: "调研与规划产品新功能")
        let piped = try ResumeSyncCommand.run(["diff"], in: folder)
        #expect(!piped.stdout.contains("\u{1B}["))
        let forced = try ResumeSyncCommand.run(["diff", "--color", "always"], in: folder)
        #expect(forced.stdout.contains("\u{1B}[31;9m设计\u{1B}[0m"))
        #expect(forced.stdout.contains("\u{1B}[32;4m规划\u{1B}[0m"))
        let noColor = try ResumeSyncCommand.run(["check"], in: folder, environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func treesAndLockCanBeNamedExplicitly() throws {
        let folder = try Sandbox.resume()
        let elsewhere = try Sandbox.emptyFolder()
        let result = try ResumeSyncCommand.run(
            ["check", folder.appendingPathComponent("zh").path, folder.appendingPathComponent("en").path,
             "--lock", folder.appendingPathComponent("resume-sync.lock").path],
            in: elsewhere)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let rooted = try ResumeSyncCommand.run(["check", "--root", folder.path], in: elsewhere)
        #expect(rooted.status == 0, "\(rooted.stdout)\(rooted.stderr)")
    }
}
