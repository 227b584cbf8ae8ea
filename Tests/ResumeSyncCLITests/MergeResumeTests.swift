import Foundation
import Testing

/// Merge tried as a new user would, on copies of the repository's own resume.
@Suite struct MergeResumeTests {
    static let mark = " state=\"needs-translation\""

    /// The lines of `text` from the one starting with `first` through the next one equal to `last`.
    static func block(in text: String, from first: String, through last: String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(first) }),
              let end = lines[start...].firstIndex(of: last)
        else { throw EditError(message: "no block from '\(first)' to '\(last)'") }
        return lines[start...end].joined(separator: "\n") + "\n"
    }

    /// Marks every start tag with an ID, as a person following DESIGN §7 would by hand.
    static func marked(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"(<[A-Za-z][\w:.-]*\s[^<>]*?\bid="[^"]*"[^<>]*?)(\s*/?>)"#, with: "$1\(mark)$2", options: .regularExpression)
    }

    @Test func aRemovedJobComesBackAtItsPlaceMarkedAndTheRestIsUntouched() throws {
        let folder = try Sandbox.resume()
        let original = try folder.read("en/work.xml")
        let englishJob = try Self.block(in: original, from: "  <entry id=\"morgan-stanley-intern\">", through: "  </entry>")
        try folder.edit("en/work.xml", replacing: englishJob, with: "")
        let old = try folder.read("en/work.xml")
        let missing = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(missing.stdout.contains("work.xml#morgan-stanley-intern is missing from en, with 2 nested entries [missing]"))

        let merge = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stderr == """
            resume-sync: inserted 1 entry into en/work.xml, marked for translation: work.xml#morgan-stanley-intern at line 34 (with 2 nested entries)
            resume-sync: wrote en/work.xml

            """)

        let new = try folder.read("en/work.xml")
        let chineseJob = try Self.block(in: try folder.read("zh/work.xml"), from: "  <entry id=\"morgan-stanley-intern\">", through: "  </entry>")
        let inserted = Self.marked(chineseJob)
        #expect(inserted.components(separatedBy: Self.mark).count == 4)
        // The new file minus the inserted block is the old file, byte for byte ...
        let parts = new.components(separatedBy: inserted)
        #expect(parts.count == 2)
        #expect(parts.joined() == old)
        // ... and the block sits where the job was: after the job before it, before the one after.
        #expect(parts[0].hasSuffix("Docker-based continuous integration and continuous deployment system</item>\n  </entry>\n"))
        #expect(parts[1].hasPrefix("  <entry id=\"cootek-intern\">\n"))

        // diff(1) sees one insertion and nothing else: `33a34,41` and eight added lines.
        let diffOutput = try Self.diff(old, new)
        let diffLines = diffOutput.split(separator: "\n").map(String.init)
        #expect(diffLines.first == "33a34,41")
        #expect(diffLines.count == 9)
        #expect(diffLines.dropFirst().allSatisfy { $0.hasPrefix("> ") })

        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(check.status == 1)
        #expect(!check.stdout.contains("[missing]"))
        #expect(check.stdoutLines.filter { $0.contains(": error: ") } == [
            "en/work.xml:34:3: error: work.xml#morgan-stanley-intern is marked as needing translation [untranslated]",
            "en/work.xml:39:5: error: work.xml#morgan-stanley-intern-treadmill is marked as needing translation [untranslated]",
            "en/work.xml:40:5: error: work.xml#morgan-stanley-intern-latency is marked as needing translation [untranslated]",
        ])

        let again = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(again.stderr == "resume-sync: nothing to merge: en is up to date with zh\n")
        #expect(try folder.read("en/work.xml") == new)
    }

    @Test func gitDiffShowsOnlyTheInsertedLines() throws {
        let folder = try Sandbox.resume()
        let job = try Self.block(in: try folder.read("en/work.xml"), from: "  <entry id=\"morgan-stanley-intern\">", through: "  </entry>")
        try folder.edit("en/work.xml", replacing: job, with: "")
        for arguments in [["init", "-q"], ["add", "zh", "en", "resume-sync.lock"],
                          ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "before"]] {
            #expect(try Self.git(arguments, in: folder).status == 0)
        }
        #expect(try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder).status == 0)
        #expect(try Self.git(["diff", "--numstat"], in: folder).output == "8\t0\ten/work.xml\n")
        let patch = try Self.git(["diff", "-U0"], in: folder).output
        let changed = patch.split(separator: "\n").filter { $0.hasPrefix("+") || $0.hasPrefix("-") }.filter { !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
        #expect(changed.count == 8 && changed.allSatisfy { $0.hasPrefix("+") })
        #expect(try Self.git(["status", "--porcelain"], in: folder).output == " M en/work.xml\n")
    }

    static func git(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func anEntryWrittenInEnglishFirstIsCarriedIntoChinese() throws {
        let folder = try Sandbox.resume()
        let line = "    <item id=\"caicloud-tech-lead-trends\">跟踪工业界趋势，探索更多高级特性</item>\n"
        try folder.edit("zh/work.xml", replacing: line, with: "")
        let old = try folder.read("zh/work.xml")
        let merge = try ResumeSyncCommand.run(["merge", "en", "zh"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stderr.contains("inserted 1 entry into zh/work.xml, marked for translation: work.xml#caicloud-tech-lead-trends at line 10\n"))
        let expected = try MergeByteExactTests.inserting(
            "    <item id=\"caicloud-tech-lead-trends\"\(Self.mark)>Track industry trends and explore more advanced features</item>\n",
            after: "    <item id=\"caicloud-tech-lead-features\">调研与设计产品新功能，优化 Clever 产品架构</item>\n",
            in: old)
        #expect(try folder.read("zh/work.xml") == expected)
        let check = try ResumeSyncCommand.run(["check", "en", "zh"], in: folder)
        #expect(check.stdoutLines.filter { $0.contains(": error: ") } == [
            "zh/work.xml:10:5: error: work.xml#caicloud-tech-lead-trends is marked as needing translation [untranslated]"
        ])
        #expect(try ResumeSyncCommand.run(["merge", "en", "zh"], in: folder).stderr.contains("nothing to merge: zh is up to date with en"))
    }

    @Test func aMissingFileIsCreatedWholeWithEveryEntryMarked() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("en/talks.xml"))
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let chinese = try folder.read("zh/talks.xml")
        #expect(try folder.read("en/talks.xml") == Self.marked(chinese))
        #expect(merge.stderr.contains("created en/talks.xml from zh/talks.xml with"))
        let check = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        let findings = try MergeByteExactTests.findings(check.stdout)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.rule == "untranslated" && $0.key.hasPrefix("talks.xml") })
    }

    @Test func onlyMergesTheNamedEntry() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-trends\">Track industry trends and explore more advanced features</item>\n", with: "")
        try folder.edit("en/work.xml", replacing: "    <item id=\"cootek-intern-crawler\">Ported crawler code to a new platform and optimized and rewrote outdated crawlers</item>\n", with: "")
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en", "--only", "en/work.xml#cootek-intern-crawler"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(check.stdout.contains("work.xml#caicloud-tech-lead-trends is missing from en [missing]"))
        #expect(!check.stdout.contains("work.xml#cootek-intern-crawler is missing"))
        let typo = try ResumeSyncCommand.run(["merge", "zh", "en", "--only", "work.xml#no-such-entry"], in: folder)
        #expect(typo.status == 2)
        #expect(typo.stderr == "resume-sync: error: there is no entry work.xml#no-such-entry in zh or en\n")
    }

    static func diff(_ old: String, _ new: String) throws -> String {
        let folder = try Sandbox.emptyFolder()
        try folder.write("old", old)
        try folder.write("new", new)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["old", "new"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
