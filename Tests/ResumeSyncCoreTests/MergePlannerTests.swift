import Foundation
import Testing
@testable import ResumeSyncCore

/// Where inserted entries go, what neutral updates touch, what the merge leaves alone and what
/// it refuses. Expected files are written out in full, from the old text by hand.
@Suite struct MergePlannerTests {
    static let mark = "state=\"needs-translation\""

    @Test func anEntryWithoutSiblingEntriesGoesAfterTheLastFieldOfItsParent() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s>\n  <entry id=\"a\">\n    <org>甲</org>\n    <period from=\"2020\"/>\n    <item id=\"a-1\">一</item>\n  </entry>\n</s>\n"],
            en: ["w.xml": "<s>\n  <entry id=\"a\">\n    <org>A</org>\n    <period from=\"2020\"/>\n  </entry>\n</s>\n"])
        let plan = try project.plan()
        #expect(MergeProject.newText(plan, "en/w.xml")
            == "<s>\n  <entry id=\"a\">\n    <org>A</org>\n    <period from=\"2020\"/>\n    <item id=\"a-1\" \(Self.mark)>一</item>\n  </entry>\n</s>\n")
        #expect(plan.outcome.inserted.map(\.key.description) == ["w.xml#a-1"])
        #expect(plan.outcome.inserted.first?.line == 5)
    }

    @Test func aFirstEntryGoesBeforeTheCounterpartOfItsFollowingSibling() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s>\n  <item id=\"one\">一</item>\n  <item id=\"two\">二</item>\n</s>\n"],
            en: ["w.xml": "<s>\n  <!-- two -->\n  <item id=\"two\">Two</item>\n</s>\n"])
        #expect(MergeProject.newText(try project.plan(), "en/w.xml")
            == "<s>\n  <!-- two -->\n  <item id=\"one\" \(Self.mark)>一</item>\n  <item id=\"two\">Two</item>\n</s>\n")
    }

    @Test func consecutiveMissingEntriesKeepTheSourceOrder() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s>\n  <item id=\"a\">甲</item>\n  <item id=\"b\">乙</item>\n  <item id=\"c\">丙</item>\n  <item id=\"d\">丁</item>\n</s>\n"],
            en: ["w.xml": "<s>\n  <item id=\"a\">A</item>\n  <item id=\"d\">D</item>\n</s>\n"])
        #expect(MergeProject.newText(try project.plan(), "en/w.xml")
            == "<s>\n  <item id=\"a\">A</item>\n  <item id=\"b\" \(Self.mark)>乙</item>\n  <item id=\"c\" \(Self.mark)>丙</item>\n  <item id=\"d\">D</item>\n</s>\n")
    }

    @Test func anEmptyOrSelfClosingParentReceivesItsFirstChild() throws {
        let zh = "<s>\n  <list id=\"l\">\n    <item id=\"i\">一</item>\n  </list>\n</s>\n"
        let empty = try MergeProject(zh: ["w.xml": zh], en: ["w.xml": "<s>\n  <list id=\"l\"></list>\n</s>\n"])
        #expect(MergeProject.newText(try empty.plan(), "en/w.xml")
            == "<s>\n  <list id=\"l\">\n    <item id=\"i\" \(Self.mark)>一</item>\n  </list>\n</s>\n")
        let selfClosing = try MergeProject(zh: ["w.xml": zh], en: ["w.xml": "<s>\n  <list id=\"l\" />\n</s>\n"])
        #expect(MergeProject.newText(try selfClosing.plan(), "en/w.xml")
            == "<s>\n  <list id=\"l\">\n    <item id=\"i\" \(Self.mark)>一</item>\n  </list>\n</s>\n")
    }

    @Test func anEntryOnTheSameLineAsItsSiblingGoesRightAfterIt() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s><item id=\"a\">甲</item><item id=\"b\">乙</item></s>"],
            en: ["w.xml": "<s><item id=\"a\">A</item></s>"])
        #expect(MergeProject.newText(try project.plan(), "en/w.xml")
            == "<s><item id=\"a\">A</item>\n  <item id=\"b\" \(Self.mark)>乙</item></s>")
    }

    @Test func aMarkWithAnotherValueIsReplacedAndAnExistingMarkKept() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s>\n  <entry id='a' state='final'>\n    <item id='a-1' state='needs-translation'>一</item>\n  </entry>\n</s>\n"],
            en: ["w.xml": "<s>\n</s>\n"])
        #expect(MergeProject.newText(try project.plan(), "en/w.xml")
            == "<s>\n  <entry id='a' state='needs-translation'>\n    <item id='a-1' state='needs-translation'>一</item>\n  </entry>\n</s>\n")
    }

    @Test func aMissingFileIsCreatedWithEveryEntryMarked() throws {
        let zh = "<?xml version=\"1.0\"?>\r\n<!-- 演讲 -->\r\n<talks id=\"talks\">\r\n  <talk id=\"t1\" date=\"2018-11\">讲了一次</talk>\r\n  <talk id='t2'/>\r\n</talks>"
        let project = try MergeProject(zh: ["w.xml": "<s/>", "docs/talks.xml": zh], en: ["w.xml": "<s/>"])
        let plan = try project.plan()
        let change = try #require(plan.changes.first { $0.displayPath == "en/docs/talks.xml" })
        #expect(change.kind == .create)
        #expect(String(decoding: change.newBytes, as: UTF8.self)
            == "<?xml version=\"1.0\"?>\r\n<!-- 演讲 -->\r\n<talks id=\"talks\" \(Self.mark)>\r\n  <talk id=\"t1\" date=\"2018-11\" \(Self.mark)>讲了一次</talk>\r\n  <talk id='t2' state='needs-translation'/>\r\n</talks>")
        #expect(plan.outcome.createdFiles == [MergeOutcome.CreatedFile(file: RelativePath("docs/talks.xml"), entryCount: 3)])
        try MergeCommitter.commit(plan)
        #expect(try project.read("en/docs/talks.xml") == String(decoding: change.newBytes, as: UTF8.self))
    }

    @Test func neutralAttributesAreReplacedAddedAndRemovedInTheTargetsQuotes() throws {
        let before = "<s>\n  <entry id=\"a\">\n    <period from=\"2019\" to=\"2020\"/>\n    <link href='x'/>\n  </entry>\n</s>\n"
        let zhNow = "<s>\n  <entry id=\"a\">\n    <period from=\"2019-04\"/>\n    <link href=\"x\" rel=\"me\"/>\n  </entry>\n</s>\n"
        let en = "<s>\n  <entry id='a'>\n    <period from='2019' to='2020' />\n    <link href='x'/>\n  </entry>\n</s>\n"
        let project = try MergeProject(zh: ["w.xml": zhNow], en: ["w.xml": en], baselineFrom: (["w.xml": before], ["w.xml": en]))
        let plan = try project.plan()
        #expect(MergeProject.newText(plan, "en/w.xml")
            == "<s>\n  <entry id='a'>\n    <period from='2019-04' />\n    <link href='x' rel='me'/>\n  </entry>\n</s>\n")
        #expect(plan.outcome.updated == [MergeOutcome.Update(key: EntryKey(parsing: "w.xml#a")!, paths: ["link[1]@rel", "period[1]@from", "period[1]@to"])])
        #expect(plan.outcome.confirmed.map(\.description) == ["w.xml#a"])
        #expect(plan.changes.map(\.kind) == [.update, .update])
        #expect(plan.result.findings.isEmpty)
    }

    @Test func neutralChangesOnBothSidesAreLeftForAPerson() throws {
        let before = "<s><entry id=\"a\"><period from=\"2019\"/></entry></s>"
        let project = try MergeProject(
            zh: ["w.xml": "<s><entry id=\"a\"><period from=\"2020\"/></entry></s>"],
            en: ["w.xml": "<s><entry id=\"a\"><period from=\"2021\"/></entry></s>"],
            baselineFrom: (["w.xml": before], ["w.xml": before]))
        let plan = try project.plan()
        #expect(plan.changes.isEmpty)
        #expect(plan.outcome.leftAlone.map(\.key.description) == ["w.xml#a"])
        #expect(plan.outcome.leftAlone.first?.reason.contains("changed on both sides since the baseline") == true)
        let targetOnly = try MergeProject(
            zh: ["w.xml": before], en: ["w.xml": "<s><entry id=\"a\"><period from=\"2021\"/></entry></s>"],
            baselineFrom: (["w.xml": before], ["w.xml": before]))
        let kept = try targetOnly.plan()
        #expect(kept.changes.isEmpty)
        #expect(kept.outcome.leftAlone.first?.reason.contains("was changed in en/w.xml only") == true)
    }

    @Test func aNeutralElementGetsTheSourceText() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s><item id=\"a\">用 <code>kubeflow/katib</code> 做</item></s>"],
            en: ["w.xml": "<s><item id=\"a\">Used <code>katib</code></item></s>"])
        let plan = try project.plan()
        #expect(MergeProject.newText(plan, "en/w.xml") == "<s><item id=\"a\">Used <code>kubeflow/katib</code></item></s>")
        // No baseline, so nothing is recorded; the pair is in sync all the same.
        #expect(plan.outcome.confirmed.isEmpty)
        #expect(plan.result.findings.isEmpty)
    }

    @Test func aProseChangeIsLeftStaleWhileItsNeutralChangeIsCopied() throws {
        let before = "<s><item id=\"a\" from=\"1\">旧的</item></s>"
        let en = "<s><item id=\"a\" from=\"1\">Old</item></s>"
        let project = try MergeProject(
            zh: ["w.xml": "<s><item id=\"a\" from=\"2\">新的</item></s>"], en: ["w.xml": en],
            baselineFrom: (["w.xml": before], ["w.xml": en]))
        let plan = try project.plan()
        #expect(MergeProject.newText(plan, "en/w.xml") == "<s><item id=\"a\" from=\"2\">Old</item></s>")
        #expect(plan.outcome.confirmed.isEmpty)
        #expect(plan.result.findings.map(\.rule) == [.stale])
        #expect(plan.outcome.leftAlone.map(\.key.description) == ["w.xml#a"])
        #expect(plan.changes.count == 1)
    }

    @Test func theResultAfterTheMergeKeepsTheFindingsOfFilesItDoesNotTouch() throws {
        let before = ["a.xml": "<s><item id=\"x\">旧</item></s>", "b.xml": "<s><item id=\"y\">乙</item></s>"]
        let en = ["a.xml": "<s><item id=\"x\">Old</item></s>", "b.xml": "<s></s>"]
        let project = try MergeProject(
            zh: ["a.xml": "<s><item id=\"x\">新</item></s>", "b.xml": before["b.xml"]!], en: en,
            baselineFrom: (before, en))
        let plan = try project.plan()
        #expect(plan.changes.map(\.displayPath) == ["en/b.xml"])
        #expect(plan.result.findings.map { "\($0.rule.id) \($0.key)" } == ["stale a.xml#x", "untranslated b.xml#y"])
        #expect(plan.result.pairedCount == 2 && plan.result.inSyncCount == 0)
        #expect(plan.outcome.leftAlone.map(\.key.description) == ["a.xml#x"])
    }

    @Test func pruneRemovesOrphansWithTheirLinesAndTheirBaselineRecords() throws {
        let zh = "<s>\n  <item id=\"a\">甲</item>\n</s>\n"
        let en = "<s>\n  <item id=\"a\">A</item>\n  <entry id=\"gone\">\n    <item id=\"gone-1\">G</item>\n  </entry>\n</s>\n"
        let project = try MergeProject(zh: ["w.xml": zh], en: ["w.xml": en], baselineFrom: (["w.xml": en], ["w.xml": en]))
        let kept = try project.plan()
        #expect(kept.changes.isEmpty)
        let plan = try project.plan(prune: true)
        #expect(MergeProject.newText(plan, "en/w.xml") == "<s>\n  <item id=\"a\">A</item>\n</s>\n")
        #expect(plan.outcome.pruned == [MergeOutcome.Removal(key: EntryKey(parsing: "w.xml#gone")!, nestedCount: 1)])
        let lock = try #require(MergeProject.newText(plan, project.workspace.lockDisplayPath))
        #expect(!lock.contains("w.xml#gone"))
        #expect(lock.contains("w.xml#a"))
    }

    @Test func pruneRemovesAnOrphanFile() throws {
        let project = try MergeProject(zh: ["w.xml": "<s/>"], en: ["w.xml": "<s/>", "old.xml": "<o id=\"o\"/>"])
        #expect(try project.plan().changes.isEmpty)
        let plan = try project.plan(prune: true)
        #expect(plan.changes.map(\.kind) == [.delete])
        #expect(plan.outcome.prunedFiles == [RelativePath("old.xml")])
        try MergeCommitter.commit(plan)
        #expect(!FileManager.default.fileExists(atPath: project.path("en/old.xml")))
    }

    @Test func onlyLimitsTheMergeToTheNamedEntriesAndFiles() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s>\n  <item id=\"a\">甲</item>\n  <item id=\"b\">乙</item>\n</s>\n", "x.xml": "<x id=\"x\"/>"],
            en: ["w.xml": "<s>\n</s>\n"])
        let plan = try project.plan(only: ["en/w.xml#b"])
        #expect(MergeProject.newText(plan, "en/w.xml") == "<s>\n  <item id=\"b\" \(Self.mark)>乙</item>\n</s>\n")
        #expect(plan.changes.count == 1)
        let file = try project.plan(only: ["x.xml"])
        #expect(file.changes.map(\.displayPath) == ["en/x.xml"])
        #expect(throws: InvocationError.self) { try project.plan(only: ["w.xml#nope"]) }
        #expect(throws: InvocationError.self) { try project.plan(only: ["nope.xml"]) }
    }

    @Test func onlyANestedEntryOfAMissingParentIsRefused() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s><entry id=\"a\"><item id=\"a-1\">一</item></entry></s>"], en: ["w.xml": "<s></s>"])
        let error = try #require(throws: InvocationError.self) { try project.plan(only: ["w.xml#a-1"]) }
        #expect(error.message.contains("w.xml#a-1 is nested in w.xml#a, which en/w.xml lacks too"))
        #expect(MergeProject.newText(try project.plan(only: ["w.xml#a"]), "en/w.xml") != nil)
    }

    @Test func anEntryWhoseNestedEntryExistsElsewhereIsNotInserted() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s><entry id=\"a\"><item id=\"a-1\">一</item></entry><entry id=\"b\"/></s>"],
            en: ["w.xml": "<s><entry id=\"b\"><item id=\"a-1\">One</item></entry></s>"])
        let plan = try project.plan()
        #expect(plan.changes.isEmpty)
        #expect(plan.outcome.leftAlone.first?.reason.contains("it holds w.xml#a-1, which en/w.xml already has elsewhere (line 1)") == true)
    }

    @Test func brokenInputIsRefusedWithEveryLocation() throws {
        let broken = try MergeProject(
            zh: ["w.xml": "<s>\n  <item id=\"a\">甲</item>\n  <item id=\"b\">乙\n</s>\n"],
            en: ["w.xml": "<s>\n  <item id=\"x\">X</item>\n  <item id=\"x\">Y</item>\n</s>\n"])
        let error = try #require(throws: InvocationError.self) { try broken.plan() }
        #expect(error.message.hasPrefix("the input is broken, so nothing was written"))
        #expect(error.message.contains("zh/w.xml:4:5: Opening and ending tag mismatch"))
        #expect(error.message.contains("[parse-error]"))
        #expect(error.message.contains("en/w.xml:3:3: the ID 'x' is used again here"))
        let badLock = try MergeProject(zh: ["w.xml": "<s/>"], en: ["w.xml": "<s/>"])
        try badLock.write(Baseline.fileName, "not a lock\n")
        let lockError = try #require(throws: InvocationError.self) { try badLock.plan() }
        #expect(lockError.message.contains("[lock-error]"))
    }

    @Test func theVerifierRefusesAPlanThatWouldChangeAnUntouchedEntry() throws {
        let project = try MergeProject(
            zh: ["w.xml": "<s><item id=\"a\">甲</item><item id=\"b\">乙</item></s>"],
            en: ["w.xml": "<s><item id=\"a\">A</item></s>"])
        let input = try MergeInput.load(project.workspace)
        var plan = try MergePlanner(input: input, request: MergeRequest()).plan()
        // Corrupt the planned bytes the way a wrong offset would: the untouched entry's text.
        plan.changes[0].newBytes = Array(String(decoding: plan.changes[0].newBytes, as: UTF8.self)
            .replacingOccurrences(of: ">A<", with: ">AA<").utf8)
        var expectations = MergeExpectations()
        expectations.inserted = [EntryKey(parsing: "w.xml#b")!]
        let error = try #require(throws: InvocationError.self) {
            try MergeVerifier(input: input, expectations: expectations).verify(plan.changes)
        }
        #expect(error.message.contains("w.xml#a, which the merge does not touch, would change"))
        let unparsable = plan.changes.map { change in
            var broken = change
            broken.newBytes = Array("<s><item id=\"a\">A</item>".utf8)
            return broken
        }
        let parseError = try #require(throws: InvocationError.self) {
            try MergeVerifier(input: input, expectations: expectations).verify(unparsable)
        }
        #expect(parseError.message.contains("would not parse"))
    }

    /// Files are planned and verified in parallel; when several would fail, the one reported is
    /// the first in path order, whatever finished first.
    @Test func theFirstFileThatFailsIsTheOneReported() throws {
        let zh = "<s><item id=\"a\">甲</item><item id=\"b\">乙</item></s>"
        let en = "<s><item id=\"a\">A</item></s>"
        let names = (0..<12).map { "f\($0 + 10).xml" }
        let project = try MergeProject(
            zh: Dictionary(uniqueKeysWithValues: names.map { ($0, zh) }),
            en: Dictionary(uniqueKeysWithValues: names.map { ($0, en) }))
        let input = try MergeInput.load(project.workspace)
        let plan = try MergePlanner(input: input, request: MergeRequest()).plan()
        #expect(plan.changes.compactMap(\.file).map(\.description) == names)
        var expectations = MergeExpectations()
        expectations.inserted = Set(names.map { EntryKey(parsing: "\($0)#b")! })
        for _ in 0..<5 {
            // Every file but the first three is corrupted: the fourth is the first that fails.
            let changes = plan.changes.enumerated().map { index, change in
                var corrupted = change
                if index >= 3 {
                    corrupted.newBytes = Array(String(decoding: change.newBytes, as: UTF8.self)
                        .replacingOccurrences(of: ">A<", with: ">AA<").utf8)
                }
                return corrupted
            }
            let error = try #require(throws: InvocationError.self) {
                try MergeVerifier(input: input, expectations: expectations).verify(changes)
            }
            #expect(error.message.contains("f13.xml#a, which the merge does not touch, would change"), "\(error.message)")
        }
    }
}
