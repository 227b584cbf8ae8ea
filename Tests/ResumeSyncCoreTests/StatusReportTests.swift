import Foundation
import ResumeSyncCore
import Testing

/// `status`: the summary and, above all, the next command it suggests.
@Suite struct StatusReportTests {
    static let zh = "<section id=\"s\"><title>标题</title><item id=\"a\">甲</item><item id=\"b\">乙</item></section>"
    static let en = "<section id=\"s\"><title>Title</title><item id=\"a\">A</item><item id=\"b\">B</item></section>"

    @Test func missingEntriesPointToMergeFirst() throws {
        let report = TodoReport(try ReportSamples.reconciliation())
        let steps = StatusReport().nextSteps(report)
        #expect(steps.map(\.command) == [
            "resume-sync merge zh en", "resume-sync diff",
            "resume-sync todo --format html --output todo.html", "resume-sync merge zh en --prune",
        ])
        #expect(steps[0].reason == "inserts 1 missing entry and 1 missing file, marked for translation, copies 1 neutral value")
        #expect(steps[1].reason.hasPrefix("shows 1 stale entry"))
    }

    @Test func staleEntriesAloneSuggestDiff() throws {
        let baseline = try Trees.baseline(zh: ["f.xml": Self.zh], en: ["f.xml": Self.en])
        let reworded = Self.zh.replacingOccurrences(of: "甲", with: "甲丙")
        let report = TodoReport(Trees.reconcile(zh: ["f.xml": reworded], en: ["f.xml": Self.en], baseline: baseline))
        #expect(StatusReport().nextSteps(report).map(\.command) == ["resume-sync diff"])
    }

    @Test func noBaselineSuggestsAcceptAll() {
        let report = TodoReport(Trees.reconcile(zh: ["f.xml": Self.zh], en: ["f.xml": Self.en]))
        let steps = StatusReport().nextSteps(report)
        #expect(steps.map(\.command) == ["resume-sync accept --all"])
        let text = StatusReport().render(report)
        #expect(text.contains("baseline: none"))
        #expect(text.contains("3 of 3 entries in sync (100%)"))
    }

    @Test func inSyncTreesHaveNothingToDo() throws {
        let baseline = try Trees.baseline(zh: ["f.xml": Self.zh], en: ["f.xml": Self.en])
        let report = TodoReport(Trees.reconcile(zh: ["f.xml": Self.zh], en: ["f.xml": Self.en], baseline: baseline))
        #expect(StatusReport().nextSteps(report) == [StatusReport.NextStep(command: "nothing to do", reason: "the trees are in sync")])
    }

    @Test func commandsNameTheTreesAndRootTheUserGave() throws {
        let report = TodoReport(try ReportSamples.reconciliation(withBaseline: false))
        let status = StatusReport(invocation: .init(explicitTrees: true, projectArguments: ["--root", "my site"]))
        let commands = status.nextSteps(report).map(\.command)
        #expect(commands.first == "resume-sync merge zh en --root 'my site'")
        #expect(commands.contains("resume-sync todo zh en --format html --output todo.html --root 'my site'"))
        #expect(commands.last == "resume-sync accept --all --source zh --target en --root 'my site'")
    }

    @Test func brokenInputSaysSoAndPointsToCheck() {
        let report = TodoReport(Trees.reconcile(zh: ["f.xml": "<section id=\"s\"><oops></section>"], en: ["f.xml": Self.en]))
        #expect(!report.brokenInput.isEmpty)
        let text = StatusReport().render(report)
        #expect(text.contains("cannot be read:\n  zh/f.xml:1:"))
        #expect(StatusReport().nextSteps(report).map(\.command) == ["resume-sync check"])
    }

    @Test func filesAreListedWithTheirFiguresAndCounts() throws {
        let text = StatusReport().render(TodoReport(try ReportSamples.reconciliation()))
        #expect(text.contains("  work.xml     2/8  [#####---------------]  25%  missing 1, orphan 1, untranslated 1, stale 1, mismatch-attribute 1\n"))
        #expect(text.contains("  profile.xml  1/1  [####################] 100%  in sync\n"))
        #expect(text.contains("  talks.xml    0/2  [--------------------]   0%  missing 1 (only in zh)\n"))
        #expect(text.hasPrefix("resume-sync status: zh → en\n3 of 11 entries in sync (27%)"))
    }
}
