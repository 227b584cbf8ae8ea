import Foundation
import Testing

/// `resume-sync.toml` from the command line: discovery, `--config`, errors, `init`.
@Suite struct ConfigCommandTests {
    @Test func aConfigErrorIsADiagnosticWithItsLineAndExitStatus2() throws {
        let folder = try Sandbox.resume()
        try folder.write("resume-sync.toml", "# the project's config\n[source]\nroot = \"zh\"\nlanguge = \"zh\"\n")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdoutLines == [
            "resume-sync.toml:4:1: error: unknown key 'languge' in [source]; did you mean 'language'? (known keys: root, language) [config-error]",
        ])
        #expect(result.stderr == "resume-sync: error: the config cannot be used; nothing was read or written\n")
        // Every command reads the config, and none writes when it is broken.
        let lock = try folder.read("resume-sync.lock")
        let accept = try ResumeSyncCommand.run(["accept", "--all"], in: folder)
        #expect(accept.status == 2)
        #expect(try folder.read("resume-sync.lock") == lock)
    }

    /// A script that asked for JSON (or SARIF, or annotations) gets the config error in that
    /// format, as it gets a file that cannot be parsed, not a line it cannot read.
    @Test func aConfigErrorComesInTheFormatAskedFor() throws {
        let folder = try Sandbox.resume()
        try folder.write("resume-sync.toml", "[source]\nroot = \"zh\"\nlanguge = \"zh\"\n")
        let message = "unknown key 'languge' in [source]; did you mean 'language'? (known keys: root, language)"

        let json = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        #expect(json.status == 2)
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["source"] == nil && document["target"] == nil)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["exitStatus"] as? Int == 2 && summary["errors"] as? Int == 1)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["rule"] as? String == "config-error")
        #expect(findings.first?["message"] as? String == message)
        let location = try #require(findings.first?["source"] as? [String: Any])
        #expect(location["path"] as? String == "resume-sync.toml")
        #expect(location["line"] as? Int == 3 && location["column"] as? Int == 1)
        #expect(json.stderr == "resume-sync: error: the config cannot be used; nothing was read or written\n")

        let sarif = try ResumeSyncCommand.run(["check", "--format", "sarif"], in: folder)
        #expect(sarif.status == 2)
        let log = try #require(JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["config-error"])

        let github = try ResumeSyncCommand.run(["check", "--format", "github"], in: folder)
        #expect(github.status == 2)
        #expect(github.stdoutLines.count == 1)
        #expect(github.stdoutLines.first?.hasPrefix("::error file=resume-sync.toml,line=3,col=1") == true)

        let diff = try ResumeSyncCommand.run(["diff", "--format", "json"], in: folder)
        #expect(diff.status == 2)
        let blocks = try #require(JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [[String: Any]])
        #expect(blocks.count == 1)
        #expect(blocks.first?["rules"] as? [String] == ["config-error"])
        #expect(blocks.first?["messages"] as? [String] == [message])

        // Text stays the gcc-style line.
        let text = try ResumeSyncCommand.run(["diff"], in: folder)
        #expect(text.stdoutLines == ["resume-sync.toml:3:1: error: \(message) [config-error]"])
    }

    @Test func aMissingTreeIsReportedAtTheLineOfItsRoot() throws {
        let folder = try Sandbox.resume()
        try folder.write("resume-sync.toml", "[source]\nroot = \"zh\"\n\n[target]\nroot = \"english\"\n")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdoutLines == ["resume-sync.toml:5:8: error: the target tree 'english' does not exist [config-error]"])
    }

    @Test func theConfigsRulesApplyAndConfigOverridesDiscovery() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "<period from=\"2020-02\" to=\"present\"/>", with: "<period from=\"2020-03\" to=\"present\"/>")
        let plain = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(plain.status == 1)
        #expect(plain.stdoutLines.first?.hasSuffix("[mismatch-attribute]") == true)
        try folder.write("resume-sync.toml", "[rules]\nmismatch-attribute = \"warning\"\n")
        let lowered = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(lowered.status == 0)
        #expect(lowered.stdoutLines.first?.contains(": warning: ") == true)
        try folder.write("strict.toml", "[rules]\nmismatch-attribute = \"error\"\n")
        let explicit = try ResumeSyncCommand.run(["check", "--config", "strict.toml"], in: folder)
        #expect(explicit.status == 1)
        let missing = try ResumeSyncCommand.run(["check", "--config", "none.toml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr == "resume-sync: error: the config file 'none.toml' does not exist; nothing was read or written\n")
    }

    @Test func theConfigNamesTheTreesAndTheirLanguages() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.moveItem(at: folder.appendingPathComponent("zh"), to: folder.appendingPathComponent("chinese"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("en"), to: folder.appendingPathComponent("english"))
        try folder.write("resume-sync.toml", """
            [source]
            root = "chinese"
            language = "zh"

            [target]
            root = "english"
            language = "en"
            """)
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("entry pairs in sync"))
    }

    @Test func initWritesACommentedConfigAndTheFirstBaseline() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("resume-sync.lock"))
        let result = try ResumeSyncCommand.run(["init"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let config = try folder.read("resume-sync.toml")
        #expect(config.contains("\n# format = \"auto\"\n"))
        #expect(config.contains("\n[rules]\n# missing = \"error\"\n"))
        #expect(result.stderr.contains("resume-sync: recorded 83 entry pairs in resume-sync.lock"))
        let lock = try folder.read("resume-sync.lock")
        // The repository's lock was accepted under its own configuration (its glossary), so its
        // pairs' `verified` hashes differ from these; all else is the same baseline.
        func withoutVerified(_ lock: String) -> String {
            lock.replacingOccurrences(of: #","verified":"[0-9a-f]{16}""#, with: "", options: .regularExpression)
        }
        #expect(lock.contains(#","verified":""#))
        #expect(withoutVerified(lock) == withoutVerified(try Sandbox.resume().read("resume-sync.lock")),
                "the same baseline as `accept --all` on trees in sync")
        let accepted = try ResumeSyncCommand.run(["accept", "--all"], in: folder)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try folder.read("resume-sync.lock") == lock, "`accept --all` under the written configuration writes it again")
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(check.status == 0)
        #expect(!check.stderr.contains("there is no baseline"))

        // A second init changes nothing.
        try folder.write("resume-sync.toml", config + "# edited by hand\n")
        let again = try ResumeSyncCommand.run(["init"], in: folder)
        #expect(again.status == 2)
        #expect(again.stderr == "resume-sync: error: resume-sync.toml already exists; edit it, or remove it to start over. Nothing was written\n")
        #expect(try folder.read("resume-sync.toml") == config + "# edited by hand\n")
    }

    @Test func initWithChoicesWritesThemLiveAndKeepsAnExistingLock() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.moveItem(at: folder.appendingPathComponent("en"), to: folder.appendingPathComponent("english"))
        let lock = try folder.read("resume-sync.lock")
        let result = try ResumeSyncCommand.run(["init", "--format", "xml", "--target", "english", "--target-language", "en"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kept the existing resume-sync.lock"))
        #expect(try folder.read("resume-sync.lock") == lock)
        let config = try folder.read("resume-sync.toml")
        #expect(config.contains("\nformat = \"xml\"\n"))
        #expect(config.contains("\n[target]\nroot = \"english\"\nlanguage = \"en\"\n"))
        #expect(try ResumeSyncCommand.run(["check"], in: folder).status == 0)
    }

    @Test func initWritesNothingWhenATreeIsMissingOrBroken() throws {
        let folder = try Sandbox.resume()
        let missing = try ResumeSyncCommand.run(["init", "--target", "english"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the tree 'english' does not exist"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.toml").path))

        try FileManager.default.removeItem(at: folder.appendingPathComponent("resume-sync.lock"))
        try folder.edit("en/work.xml", replacing: "</section>", with: "</sectio>")
        let broken = try ResumeSyncCommand.run(["init"], in: folder)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("[parse-error]"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.toml").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.lock").path))

        let badFormat = try ResumeSyncCommand.run(["init", "--format", "yaml"], in: folder)
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("--format must be one of auto, xml, docbook, android, html"))
    }
}
