import Foundation
import Testing
@testable import ResumeSyncCore

/// `resume-sync.silence`: the file, what a silence matches, and how it lapses.
@Suite struct SilenceTests {
    let zh = "<section id=\"s\"><item id=\"stars\">获得 114 stars</item><item id=\"notes\">记录了 100 余篇论文</item></section>"
    let en = "<section id=\"s\"><item id=\"stars\">earned 115 stars</item><item id=\"notes\">notes on over 100 papers</item></section>"

    func reconcile(en: String? = nil) -> Reconciliation {
        Trees.reconcile(zh: ["a.xml": zh], en: ["a.xml": en ?? self.en])
    }

    func silence(_ result: Reconciliation, reason: String = "the English count is newer", list: SilenceList? = nil) throws -> SilenceList {
        try SilenceRecorder.silence(rule: "mismatch-number", keys: ["a.xml#stars"], reason: reason, in: result, list: list).list
    }

    @Test func aSilenceRecordsTheFindingsValuesAndReason() throws {
        let list = try silence(reconcile())
        #expect(list.silences == [Silence(
            key: EntryKey(parsing: "a.xml#stars")!, rule: "mismatch-number",
            sourceValue: "114", targetValue: "115", reason: "the English count is newer")])
        #expect(list.serialized() == """
            {"format":"resume-sync.silence","version":1}
            {"key":"a.xml#stars","reason":"the English count is newer","rule":"mismatch-number","sourceValue":"114","targetValue":"115"}

            """)
    }

    @Test func aSilencedFindingIsCountedNotReported() throws {
        let list = try silence(reconcile())
        let result = reconcile().silenced(by: list)
        #expect(result.findings.isEmpty)
        #expect(result.exitStatus == 0)
        #expect(result.silencing.silenced.map(\.key.description) == ["a.xml#stars"])
        #expect(result.silencing.lapsed.isEmpty)
        #expect(result.inSyncCount == 3)
        #expect(DiagnosticsReport().summary(result).contains("(1 finding silenced in resume-sync.silence)"))
        #expect(JSONReport().render(result).contains("\"silenced\" : 1"))
    }

    @Test func aSilenceLapsesWhenAValueChanges() throws {
        let list = try silence(reconcile())
        let changed = reconcile(en: en.replacingOccurrences(of: "115", with: "116")).silenced(by: list)
        #expect(changed.findings.map(\.targetValue) == ["116"])
        #expect(changed.exitStatus == 1)
        #expect(changed.silencing.silenced.isEmpty)
        #expect(changed.silencing.lapsed == list.silences)
        #expect(DiagnosticsReport().summary(changed).contains("the silence of a.xml#stars [mismatch-number] in resume-sync.silence no longer matches a finding"))
        let fixed = reconcile(en: en.replacingOccurrences(of: "115", with: "114")).silenced(by: list)
        #expect(fixed.findings.isEmpty)
        #expect(fixed.silencing.lapsed.count == 1)
    }

    @Test func silencingAgainReplacesTheSilenceOfThatEntryAndRule() throws {
        let first = try silence(reconcile())
        let moved = reconcile(en: en.replacingOccurrences(of: "115", with: "116")).silenced(by: first)
        let second = try silence(moved, reason: "updated again", list: first)
        #expect(second.silences.map(\.targetValue) == ["116"])
        #expect(second.silences.map(\.reason) == ["updated again"])
    }

    @Test func whatCannotBeSilenced() throws {
        let result = reconcile()
        #expect(throws: InvocationError.self) { try silence(result, reason: "  ") }
        #expect(throws: InvocationError.self) {
            try SilenceRecorder.silence(rule: "mismatch-nubmer", keys: ["a.xml#stars"], reason: "x", in: result, list: nil)
        }
        #expect(throws: InvocationError.self) {
            try SilenceRecorder.silence(rule: "stale", keys: ["a.xml#stars"], reason: "x", in: result, list: nil)
        }
        #expect(throws: InvocationError.self) {
            try SilenceRecorder.silence(rule: "parse-error", keys: ["a.xml#stars"], reason: "x", in: result, list: nil)
        }
        // The notes agree: there is no finding to silence.
        #expect(throws: InvocationError.self) {
            try SilenceRecorder.silence(rule: "mismatch-number", keys: ["a.xml#notes"], reason: "x", in: result, list: nil)
        }
    }

    @Test func theFileIsSortedAndRoundTrips() throws {
        let silences = [
            Silence(key: EntryKey(parsing: "b.xml#x")!, rule: "mismatch-url", sourceValue: "a", targetValue: nil, reason: "r1"),
            Silence(key: EntryKey(parsing: "a.xml#y")!, rule: "glossary", sourceValue: "才云科技", targetValue: "Caiyun", reason: "原名"),
            Silence(key: EntryKey(parsing: "a.xml#y")!, rule: "mismatch-date", sourceValue: nil, targetValue: "2019", reason: "r3"),
        ]
        let list = SilenceList(silences)
        #expect(list.silences.map(\.key.description) == ["a.xml#y", "a.xml#y", "b.xml#x"])
        #expect(list.silences.map(\.rule) == ["glossary", "mismatch-date", "mismatch-url"])
        let reread = try SilenceList(parsing: list.serialized())
        #expect(reread == list)
        #expect(SilenceList(silences.reversed()).serialized() == list.serialized())
    }

    @Test(arguments: [
        ("", 1, "no header"),
        ("{\"format\":\"resume-sync.lock\",\"version\":1}\n", 1, "not a resume-sync.silence file"),
        ("{\"format\":\"resume-sync.silence\",\"version\":9}\n", 1, "newer"),
        ("{\"format\":\"resume-sync.silence\",\"version\":1}\n{\"key\":\"a.xml#x\",\"rule\":\"glossary\"}\n", 2, "not a silence"),
        ("{\"format\":\"resume-sync.silence\",\"version\":1}\n{\"key\":\"a.xml#x\",\"rule\":\"glossary\",\"reason\":\" \"}\n", 2, "no reason"),
        ("{\"format\":\"resume-sync.silence\",\"version\":1}\n\n<<<<<<< HEAD\n", 3, "merge conflict"),
        ("{\"format\":\"resume-sync.silence\",\"version\":1}\n{\"key\":\"a.xml#x\",\"rule\":\"glossary\",\"reason\":\"r\"}\n{\"key\":\"a.xml#x\",\"rule\":\"glossary\",\"reason\":\"s\"}\n", 3, "twice"),
    ])
    func brokenFilesAreRefusedWithTheirLine(text: String, line: Int, message: String) {
        do {
            _ = try SilenceList(parsing: text)
            Issue.record("parsed: \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func brokenInputIsNeverSilenced() throws {
        let broken = Trees.reconcile(zh: ["a.xml": "<section id=\"s\"><item id=\"x\">unclosed</section>"], en: ["a.xml": en])
        let silence = Silence(key: broken.findings[0].key, rule: "parse-error", sourceValue: nil, targetValue: nil, reason: "r")
        let result = broken.silenced(by: SilenceList([silence]))
        #expect(result.findings.contains { $0.rule == .parseError })
        #expect(result.exitStatus == 2)
    }
}
