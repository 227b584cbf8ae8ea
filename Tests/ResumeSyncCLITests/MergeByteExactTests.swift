import Foundation
import Testing

/// DESIGN §7 on a fixture made to be hard to edit: a DOCTYPE with an entity, comments inside and
/// around entries and at the end, CRLF line endings, no final newline, four-space and tab
/// indentation (the source has two), single and double quotes, declared and undeclared entity
/// references. The expected bytes are built here from the old bytes and hand-written blocks,
/// never by the merge code.
@Suite struct MergeByteExactTests {
    static let fixture = "merge-bytes"

    /// Turns the LF text of a test literal into the target's CRLF.
    static func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    static let firstJob = crlf("""
            <entry id="first-job" state="needs-translation">
                <org>&company;</org>
                <period from="2012-01" to="2013-06"/>
                <!-- 第一份工作 -->
                <item id="first-job-a" state="needs-translation">写了 <code>hello-world</code> 程序</item>
            </entry>

        """)
    static let alphaB = crlf("""
                <item id="alpha-b" title='“乙”项目' state="needs-translation">做了乙，见 &reftitle;</item>

        """)
    static let middleJob = crlf("""
            <entry id="middle-job" state="needs-translation">
                <org>中间公司</org>
                <period from='2015-07' to='2015-12'/>
                <item id="middle-job-a" state="needs-translation">过渡期的工作</item>
            </entry>

        """)
    static let lastJob = crlf("""
            <entry id="last-job" state="needs-translation">
                <org>最后的公司</org>
                <period from="2018-01" to="present"/>
                <item id="last-job-a" state="needs-translation">现在的工作</item>
            </entry>

        """)
    static let orphan = crlf("""
            <entry id='orphan-job'>
                <org>Gone Corp</org>
                <item id='orphan-job-a'>Nobody remembers this</item>
            </entry>

        """)

    /// The old text with `insertion` placed right after the one occurrence of `anchor`.
    static func inserting(_ insertion: String, after anchor: String, in text: String) throws -> String {
        let parts = text.components(separatedBy: anchor)
        guard parts.count == 2 else { throw EditError(message: "'\(anchor)' occurs \(parts.count - 1) times") }
        return parts[0] + anchor + insertion + parts[1]
    }

    static func replacingOnce(_ old: String, with new: String, in text: String) throws -> String {
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else { throw EditError(message: "'\(old)' occurs \(parts.count - 1) times") }
        return parts[0] + new + parts[1]
    }

    /// The English file as the merge must leave it: the old bytes, four blocks inserted at the
    /// start, middle and end of the section and inside an entry, two neutral values replaced, and
    /// with `prune` the orphan's lines gone.
    static func expectedEnglish(from old: String, prune: Bool) throws -> String {
        var text = old
        if prune { text = try replacingOnce(orphan, with: "", in: text) }
        text = try inserting(firstJob, after: crlf("    <!-- the oldest job first -->\n"), in: text)
        text = try inserting(alphaB, after: crlf("        <item id='alpha-a'>Did A</item>\n"), in: text)
        text = try replacingOnce("<code>tool-v1</code>", with: "<code>tool-v2</code>", in: text)
        text = try inserting(middleJob, after: crlf("using <code>tool-v2</code></item>\n    </entry>\n"), in: text)
        text = try replacingOnce("<period from=\"2016-01\"  to=\"2017-12\" />", with: "<period from=\"2016-01\"  to=\"2018-03\" />", in: text)
        text = try inserting(lastJob, after: crlf("\t<item id='beta-a'>Did D</item>\n    </entry>\n"), in: text)
        return text
    }

    static func bytes(_ folder: URL, _ path: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(path))
    }

    @Test func theFixtureIsAsHardAsItClaims() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        let english = try folder.read("en/work.xml")
        #expect(english.contains("\r\n") && !english.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!english.hasSuffix("\n"))
        #expect(english.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!DOCTYPE section ["))
        #expect(english.contains("<!--") && english.contains("&amp;") && english.contains("'") && english.contains("\t"))
        let chinese = try folder.read("zh/work.xml")
        #expect(chinese.contains("&reftitle;") && !chinese.contains("ENTITY reftitle"))
        #expect(!chinese.contains("\r"))
    }

    @Test func mergeChangesOnlyTheInsertedAndUpdatedBytes() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        let old = try folder.read("en/work.xml")
        let chineseBefore = try Self.bytes(folder, "zh/work.xml")
        let result = try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let expected = try Self.expectedEnglish(from: old, prune: true)
        #expect(try Self.bytes(folder, "en/work.xml") == Data(expected.utf8))
        #expect(try Self.bytes(folder, "zh/work.xml") == chineseBefore)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".resume-sync.merge-lock").path))

        #expect(result.stderr.contains("inserted 4 entries into en/work.xml, marked for translation: work.xml#first-job at line 9 (with 1 nested entry); work.xml#alpha-b at line 19; work.xml#middle-job at line 22 (with 1 nested entry); work.xml#last-job at line 34 (with 1 nested entry)\n"))
        #expect(result.stderr.contains("updated 2 entries in en/work.xml from zh: work.xml#alpha-c (code[1]); work.xml#beta (period[1]@to)\n"))
        #expect(result.stderr.contains("pruned en/work.xml#orphan-job (with 1 nested entry)\n"))
        #expect(result.stderr.contains("recorded 2 entry pairs as in sync: work.xml#alpha-c, work.xml#beta\n"))
        #expect(result.stderr.contains("left for a person: work.xml#beta-a: the zh text changed since the baseline"))
        #expect(result.stderr.hasSuffix("resume-sync: wrote en/work.xml, resume-sync.lock\n"))
    }

    @Test func afterTheMergeCheckReportsOnlyTheTranslationWork() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: folder)
        let check = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        #expect(check.status == 1)
        let findings = try Self.findings(check.stdout)
        // The prose change stays stale; every inserted entry is untranslated; nothing else.
        #expect(findings.filter { $0.rule == "stale" }.map(\.key) == ["work.xml#beta-a"])
        #expect(Set(findings.filter { $0.rule == "untranslated" }.map(\.key)) == [
            "work.xml#first-job", "work.xml#first-job-a", "work.xml#alpha-b", "work.xml#middle-job",
            "work.xml#middle-job-a", "work.xml#last-job", "work.xml#last-job-a",
        ])
        #expect(findings.allSatisfy { $0.rule == "stale" || $0.rule == "untranslated" })
    }

    @Test func theBaselineChangesForExactlyThePairsBroughtBackInSync() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        let before = try folder.read("resume-sync.lock").split(separator: "\n").map(String.init)
        try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: folder)
        let after = try folder.read("resume-sync.lock").split(separator: "\n").map(String.init)
        let changed = Set(after).symmetricDifference(before)
        let keys = Set(changed.compactMap { line in
            line.range(of: "\"key\":\"").flatMap { start in
                line[start.upperBound...].split(separator: "\"").first.map(String.init)
            }
        })
        #expect(keys == ["work.xml#alpha-c", "work.xml#beta"])
        #expect(after.count == before.count)
    }

    @Test func withoutPruneTheOrphanStaysAndIsMentioned() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        let old = try folder.read("en/work.xml")
        let result = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.bytes(folder, "en/work.xml") == Data(try Self.expectedEnglish(from: old, prune: false).utf8))
        #expect(result.stderr.contains("left for a person: work.xml#orphan-job: work.xml#orphan-job is in en but not in zh, with 1 nested entry; --prune removes it\n"))
        #expect(!result.stderr.contains("pruned"))
    }

    @Test func aSecondRunChangesNothingAndSaysSo() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: folder)
        let files = ["en/work.xml", "zh/work.xml", "resume-sync.lock"]
        let before = try files.map { try Self.bytes(folder, $0) }
        let again = try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: folder)
        #expect(again.status == 0)
        #expect(again.stderr.hasSuffix("resume-sync: nothing to merge: en is up to date with zh\n"), "\(again.stderr)")
        #expect(!again.stderr.contains("inserted") && !again.stderr.contains("updated") && !again.stderr.contains("wrote"))
        #expect(try files.map { try Self.bytes(folder, $0) } == before)
    }

    @Test func dryRunPrintsThePatchAndWritesNothing() throws {
        let folder = try Sandbox.fixture(Self.fixture)
        let before = try Self.snapshot(folder)
        let result = try ResumeSyncCommand.run(["merge", "zh", "en", "--prune", "--dry-run"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.snapshot(folder) == before)
        #expect(result.stdout.hasPrefix("--- en/work.xml\n+++ en/work.xml\n@@ -5,23 +5,36 @@\n"))
        #expect(result.stdout.contains("\n--- resume-sync.lock\n+++ resume-sync.lock\n"))
        #expect(result.stdout.contains("-    <entry id='orphan-job'>\r\n"))
        #expect(result.stdout.contains("+    <entry id=\"first-job\" state=\"needs-translation\">\r\n"))
        #expect(result.stdout.contains(" <!-- end of file, no final newline -->\n\\ No newline at end of file\n"))
        #expect(result.stderr.contains("would insert 4 entries into en/work.xml"))
        #expect(result.stderr.hasSuffix("dry run: would write en/work.xml, resume-sync.lock; nothing was written\n"))

        // The patch is exactly what the merge writes: applied with patch(1), it gives the same files.
        let patched = try Sandbox.fixture(Self.fixture)
        try Data(result.stdout.utf8).write(to: patched.appendingPathComponent("merge.patch"))
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
        patch.arguments = ["-p0", "--quiet", "-i", "merge.patch"]
        patch.currentDirectoryURL = patched
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0)
        let merged = try Sandbox.fixture(Self.fixture)
        try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: merged)
        for file in ["en/work.xml", "resume-sync.lock"] {
            #expect(try Self.bytes(patched, file) == Self.bytes(merged, file), "\(file)")
        }
    }

    /// Every file below `folder`, path to bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = try Data(contentsOf: url)
            }
        }
        return result
    }

    struct Found: Decodable {
        var rule: String
        var key: String
    }

    static func findings(_ json: String) throws -> [Found] {
        struct Report: Decodable { var findings: [Found] }
        return try JSONDecoder().decode(Report.self, from: Data(json.utf8)).findings
    }
}
