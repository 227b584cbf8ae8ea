import Foundation
import Testing

/// The cross-language checks end to end: findings on the repository's resume, the values in
/// JSON, the config switching a rule, and silencing with `accept --rule … --reason`.
@Suite struct FactsCommandTests {
    @Test func theRepositoryPassesWithItsGlossaryAndNothingSilenced() throws {
        let result = try ResumeSyncCommand.run(["check"], in: Sandbox.repository)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("silenced"))
        #expect(!FileManager.default.fileExists(atPath: Sandbox.repository.appendingPathComponent("resume-sync.silence").path))
    }

    @Test func aChangedFigureIsReportedWithBothValues() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/activities.xml", replacing: "it earned 114 stars", with: "it earned 115 stars")
        let text = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(text.status == 1)
        #expect(text.stdoutLines == [
            "en/activities.xml:23:5: error: numbers in the text differ: '114' in zh, '115' in en [mismatch-number]",
            "zh/activities.xml:23:5: note: activities.xml#gsoc-2017-student-processing-r in the source tree",
        ])
        let json = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = try #require(document?["findings"] as? [[String: Any]])
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding["rule"] as? String == "mismatch-number")
        #expect(finding["sourceValue"] as? String == "114")
        #expect(finding["targetValue"] as? String == "115")
    }

    @Test func everyKindOfFactIsReportedUnderItsRule() throws {
        let folder = try Sandbox.resume()
        try folder.write("resume-sync.toml", try Sandbox.repository.read("resume-sync.toml"))
        try folder.edit("en/profile.xml", replacing: ">(+86) 1592-1592-066<", with: ">(+86) 1592-1592-067<")
        try folder.edit("en/profile.xml", replacing: ">ce.gao@outlook.com<", with: ">ce.gao@outlook.org<")
        try folder.edit("en/profile.xml", replacing: "gaocegege.com (200k reads", with: "gaocegege.org (200k reads")
        try folder.edit("en/work.xml", replacing: "kubeflow/tf-operator", with: "kubeflow/tf-operater")
        try folder.edit("zh/talks.xml", replacing: "第十届", with: "第九届")
        try folder.edit("en/profile.xml", replacing: "Tech Lead at Caicloud", with: "Tech Lead at CaiCloud")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 1)
        let rules = result.stdoutLines.filter { $0.contains(": error: ") }.compactMap { $0.split(separator: "[").last.map { String($0.dropLast()) } }
        // The Chinese edit also makes its entry stale against the baseline; English edits do not.
        #expect(Set(rules) == ["mismatch-phone", "mismatch-email", "mismatch-url", "mismatch-identifier", "mismatch-number", "glossary", "stale"])
        #expect(result.stdoutLines.contains { $0.contains("'第九' in zh, '10th' in en [mismatch-number]") })
        #expect(rules.filter { $0 == "stale" }.count == 1)
    }

    @Test func theConfigSwitchesARuleOffOrToAWarning() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/activities.xml", replacing: "it earned 114 stars", with: "it earned 115 stars")
        try folder.write("resume-sync.toml", "[rules]\nmismatch-number = \"warning\"\n")
        let warned = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(warned.status == 0)
        #expect(warned.stdout.contains(": warning: numbers in the text differ"))
        try folder.write("resume-sync.toml", "[rules]\nmismatch-number = \"off\"\n")
        let off = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(off.status == 0)
        #expect(off.stdout.isEmpty)
    }

    @Test func aSilenceNeedsAReasonAndIsCountedInTheSummary() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/activities.xml", replacing: "it earned 114 stars", with: "it earned 115 stars")
        let key = "activities.xml#gsoc-2017-student-processing-r"
        let refused = try ResumeSyncCommand.run(["accept", "--rule", "mismatch-number", key], in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("a silence needs a reason"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.silence").path))
        let lockBefore = try folder.read("resume-sync.lock")

        let silenced = try ResumeSyncCommand.run(
            ["accept", "--rule", "mismatch-number", "en/\(key)", "--reason", "the English has the newer GitHub count"], in: folder)
        #expect(silenced.status == 0, "\(silenced.stderr)")
        #expect(silenced.stderr == "resume-sync: silenced 1 finding [mismatch-number] in resume-sync.silence\n")
        #expect(try folder.read("resume-sync.silence") == """
            {"format":"resume-sync.silence","version":1}
            {"key":"\(key)","reason":"the English has the newer GitHub count","rule":"mismatch-number","sourceValue":"114","targetValue":"115"}

            """)
        #expect(try folder.read("resume-sync.lock") == lockBefore, "silencing does not touch the baseline")

        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout.isEmpty)
        #expect(check.stderr.contains("(1 finding silenced in resume-sync.silence)"))
        let json = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        #expect(json.stdout.contains("\"silenced\" : 1"))

        // The silence is tied to 114/115: another figure brings the finding back.
        try folder.edit("en/activities.xml", replacing: "it earned 115 stars", with: "it earned 116 stars")
        let lapsed = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(lapsed.status == 1)
        #expect(lapsed.stdout.contains("'114' in zh, '116' in en"))
        #expect(lapsed.stderr.contains("the silence of \(key) [mismatch-number] in resume-sync.silence no longer matches a finding"))
    }

    @Test func silencingRefusesWhatItCannotDo() throws {
        let folder = try Sandbox.resume()
        let cases: [([String], String)] = [
            (["accept", "--rule", "mismatch-number", "activities.xml#gci-2017-mentor", "--reason", "r"], "there is no mismatch-number finding"),
            (["accept", "--rule", "no-such-rule", "activities.xml#gci-2017-mentor", "--reason", "r"], "there is no rule 'no-such-rule'"),
            (["accept", "--rule", "stale", "activities.xml#gci-2017-mentor", "--reason", "r"], "not silenced"),
            (["accept", "--rule", "mismatch-number", "--all", "--reason", "r"], "does not go with --all"),
            (["accept", "activities.xml#gci-2017-mentor", "--reason", "r"], "--reason goes with --rule"),
            (["accept", "--rule", "mismatch-number", "activities.xml#gci-2017-mentor", "--reason", " "], "needs a reason"),
        ]
        for (arguments, message) in cases {
            let result = try ResumeSyncCommand.run(arguments, in: folder)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.silence").path))
    }

    @Test func aStagedCheckReadsTheStagedSilences() throws {
        let repository = try GitSandbox()
        try repository.folder.edit("en/activities.xml", replacing: "it earned 114 stars", with: "it earned 115 stars")
        try repository.git(["add", "en/activities.xml"])
        #expect(try repository.resumeSync(["check", "--staged"]).status == 1)
        let key = "activities.xml#gsoc-2017-student-processing-r"
        #expect(try repository.resumeSync(["accept", "--rule", "mismatch-number", key, "--reason", "newer count"]).status == 0)
        // Written but not staged: the commit would not carry the silence.
        #expect(try repository.resumeSync(["check", "--staged"]).status == 1)
        try repository.git(["add", "resume-sync.silence"])
        let staged = try repository.resumeSync(["check", "--staged"])
        #expect(staged.status == 0, "\(staged.stdout)")
        #expect(staged.stderr.contains("(1 finding silenced in resume-sync.silence)"))
    }

    @Test func aBrokenSilenceFileStopsTheRunWithItsLine() throws {
        let folder = try Sandbox.resume()
        try folder.write("resume-sync.silence", "{\"format\":\"resume-sync.silence\",\"version\":1}\nnot json\n")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("resume-sync.silence:2:1: not a silence"))
    }
}
