import Testing
@testable import ResumeSyncCore

/// Each rule of the core: a case that must be found and a near-miss that must not.
@Suite struct CheckTests {
    let zhWork = """
        <section id="work">
          <title>工作经历</title>
          <entry id="job">
            <org>才云科技</org>
            <role>Technical Lead</role>
            <period from="2020-02" to="present"/>
            <item id="job-a">调研与设计产品新功能</item>
            <item id="job-b">继续维护 Kubeflow 社区项目</item>
          </entry>
        </section>
        """
    let enWork = """
        <section id="work">
          <title>Work Experience</title>
          <entry id="job">
            <org>Caicloud</org>
            <role>Technical Lead</role>
            <period from="2020-02" to="present"/>
            <item id="job-a">Research and design new product features</item>
            <item id="job-b">Continue to maintain the Kubeflow community projects</item>
          </entry>
        </section>
        """

    func reconcile(zh: String? = nil, en: String? = nil, baseline: Baseline? = nil) -> Reconciliation {
        Trees.reconcile(zh: ["work.xml": zh ?? zhWork], en: ["work.xml": en ?? enWork], baseline: baseline)
    }

    func replacing(_ text: String, _ old: String, _ new: String) -> String {
        let parts = text.components(separatedBy: old)
        precondition(parts.count == 2, "'\(old)' must occur once")
        return parts.joined(separator: new)
    }

    @Test func inSyncTreesHaveNoFindings() {
        let result = reconcile()
        #expect(result.findings.isEmpty)
        #expect(result.exitStatus == 0)
        #expect(result.inSyncCount == 4)
    }

    @Test func missingBulletIsReportedAtTheSourceLine() {
        let en = replacing(enWork, "    <item id=\"job-b\">Continue to maintain the Kubeflow community projects</item>\n", "")
        let result = reconcile(en: en)
        #expect(result.summaries == [Summary("missing", "work.xml#job-b", 8)])
        #expect(result.findings[0].source?.path == "zh/work.xml")
        #expect(result.findings[0].target == nil)
        #expect(result.exitStatus == 1)
    }

    @Test func missingJobIsOneFindingCountingItsItems() {
        let start = enWork.range(of: "  <entry id=\"job\">")!.lowerBound
        let end = enWork.range(of: "</entry>\n")!.upperBound
        var en = enWork
        en.removeSubrange(start..<end)
        let result = reconcile(en: en)
        #expect(result.summaries == [Summary("missing", "work.xml#job", 3)])
        #expect(result.findings[0].message.contains("with 2 nested entries"))
    }

    @Test func orphanIsAWarning() {
        let en = replacing(enWork, "</entry>", "  <item id=\"job-c\">Extra</item>\n  </entry>")
        let result = reconcile(en: en)
        #expect(result.summaries == [Summary("orphan", "work.xml#job-c", 9)])
        #expect(result.findings[0].severity == .warning)
        #expect(result.exitStatus == 0)
    }

    @Test func wholeFilesMissingAndOrphaned() {
        let result = Trees.reconcile(zh: ["work.xml": zhWork, "a.xml": "<s id=\"a\"/>"], en: ["work.xml": enWork, "b.xml": "<s id=\"b\"/>"])
        #expect(result.summaries == [Summary("missing", "a.xml", 1), Summary("orphan", "b.xml", 1)])
    }

    @Test func copiedChineseTextIsUntranslatedButCopiedLatinIsNot() {
        let en = replacing(enWork, "Research and design new product features", "调研与设计产品新功能")
        #expect(reconcile(en: en).summaries == [Summary("untranslated", "work.xml#job-a", 7)])
        // "Technical Lead" is the same on both sides, rightly.
        #expect(reconcile().findings.isEmpty)
    }

    @Test func hanLeftInEnglishIsUntranslated() {
        let en = replacing(enWork, "<org>Caicloud</org>", "<org>Caicloud 科技</org>")
        let result = reconcile(en: en)
        #expect(result.summaries == [Summary("untranslated", "work.xml#job", 3)])
        #expect(result.findings[0].message.contains("科技"))
    }

    @Test func markedEntryIsUntranslated() {
        let en = replacing(enWork, "<item id=\"job-a\">", "<item id=\"job-a\" state=\"needs-translation\">")
        #expect(reconcile(en: en).summaries == [Summary("untranslated", "work.xml#job-a", 7)])
    }

    @Test func rewordedSourceIsStaleWithOldAndNewText() throws {
        let baseline = try Trees.baseline(zh: ["work.xml": zhWork], en: ["work.xml": enWork])
        let zh = replacing(zhWork, "调研与设计产品新功能", "调研与规划产品新功能")
        let result = reconcile(zh: zh, baseline: baseline)
        #expect(result.summaries == [Summary("stale", "work.xml#job-a", 7)])
        let stale = result.findings[0]
        #expect(stale.previousSourceText == "调研与设计产品新功能")
        #expect(stale.currentSourceText == "调研与规划产品新功能")
        #expect(!stale.targetEditedSinceBaseline)
    }

    @Test func bothSidesMovedIsStaleAndSaysSo() throws {
        let baseline = try Trees.baseline(zh: ["work.xml": zhWork], en: ["work.xml": enWork])
        let zh = replacing(zhWork, "调研与设计产品新功能", "调研与规划产品新功能")
        let en = replacing(enWork, "Research and design", "Research and plan")
        let result = reconcile(zh: zh, en: en, baseline: baseline)
        #expect(result.summaries == [Summary("stale", "work.xml#job-a", 7)])
        #expect(result.findings[0].targetEditedSinceBaseline)
        #expect(result.findings[0].message.contains("edited since too"))
    }

    @Test func whitespaceAndPunctuationWidthNeverMakeStale() throws {
        let baseline = try Trees.baseline(zh: ["work.xml": zhWork], en: ["work.xml": enWork])
        let zh = replacing(zhWork, "继续维护 Kubeflow 社区项目", "继续维护Kubeflow\n      社区项目")
        #expect(reconcile(zh: zh, baseline: baseline).findings.isEmpty)
    }

    @Test func targetOnlyEditIsATranslationImprovement() throws {
        let baseline = try Trees.baseline(zh: ["work.xml": zhWork], en: ["work.xml": enWork])
        let en = replacing(enWork, "Research and design", "Research and plan")
        #expect(reconcile(en: en, baseline: baseline).findings.isEmpty)
    }

    @Test func neutralAttributeChangeIsAMismatchNotStale() throws {
        let baseline = try Trees.baseline(zh: ["work.xml": zhWork], en: ["work.xml": enWork])
        let zh = replacing(zhWork, "from=\"2020-02\"", "from=\"2020-03\"")
        let result = reconcile(zh: zh, baseline: baseline)
        #expect(result.summaries == [Summary("mismatch-attribute", "work.xml#job", 3)])
        #expect(result.findings[0].sourceValue == "2020-03")
        #expect(result.findings[0].targetValue == "2020-02")
    }

    @Test func fieldCountsDifferIsAStructureMismatch() {
        let en = replacing(enWork, "<org>Caicloud</org>", "<org>Caicloud</org>\n    <org>Again</org>")
        let result = reconcile(en: en)
        #expect(result.summaries == [Summary("mismatch-structure", "work.xml#job", 3)])
        #expect(result.findings[0].message.contains("<org> fields"))
    }

    @Test func entryNestedElsewhereIsAStructureMismatch() {
        let en = replacing(replacing(enWork, "    <item id=\"job-b\">Continue to maintain the Kubeflow community projects</item>\n", ""),
                           "</section>", "  <item id=\"job-b\">Continue to maintain the Kubeflow community projects</item>\n</section>")
        let result = reconcile(en: en)
        #expect(result.summaries == [Summary("mismatch-structure", "work.xml#job-b", 9)])
    }

    @Test func differentEntitiesAreAMismatch() {
        let zh = replacing(zhWork, "继续维护 Kubeflow 社区项目", "继续维护 &product; 社区项目")
        let en = replacing(enWork, "the Kubeflow community", "the &other; community")
        let result = reconcile(zh: zh, en: en)
        #expect(result.summaries == [Summary("mismatch-entity", "work.xml#job-b", 8)])
        #expect(result.findings[0].sourceValue == "&product;")
        #expect(result.findings[0].targetValue == "&other;")
        // The same reference on both sides agrees.
        let same = reconcile(zh: zh, en: replacing(enWork, "the Kubeflow community", "the &product; community"))
        #expect(same.findings.isEmpty)
    }

    @Test func neutralCodeTextMustAgree() {
        let zh = replacing(zhWork, "继续维护 Kubeflow 社区项目", "继续维护 <code>kubeflow/katib</code>")
        let en = replacing(enWork, "Continue to maintain the Kubeflow community projects", "Maintain <code>kubeflow/kfp</code>")
        #expect(reconcile(zh: zh, en: en).summaries == [Summary("mismatch-neutral", "work.xml#job-b", 8)])
    }

    @Test func duplicateIDIsBrokenInput() {
        let en = replacing(enWork, "<item id=\"job-b\">", "<item id=\"job-a\">")
        let result = reconcile(en: en)
        #expect(result.summaries.contains(Summary("duplicate-id", "work.xml#job-a", 8)))
        let message = result.findings.first { $0.rule == .duplicateID }?.message ?? ""
        #expect(message.contains("(first at line 7)"), "\(message)")
        #expect(result.exitStatus == 2)
    }

    /// An ID that is duplicated on either side is not aligned at all: the other side's entry of
    /// that ID is neither missing nor an orphan, only the duplicate is reported.
    @Test func anIDDuplicatedOnOneSideIsNotPairedOnTheOther() {
        let twice = { (text: String) in self.replacing(text, "<item id=\"job-b\">", "<item id=\"job-a\">") }
        for (zh, en) in [(zhWork, twice(enWork)), (twice(zhWork), enWork)] {
            let result = reconcile(zh: zh, en: en)
            #expect(result.findings.filter { $0.key.description == "work.xml#job-a" }.map(\.rule.id) == ["duplicate-id"])
            #expect(result.findings.filter { $0.key.description == "work.xml#job-b" }.map(\.rule.id) == [zh == zhWork ? "missing" : "orphan"])
        }
    }

    @Test func parseErrorIsBrokenInputWithItsLine() {
        let result = reconcile(en: String(enWork.prefix(120)))
        #expect(result.summaries.map(\.rule) == ["parse-error"])
        #expect(result.findings[0].target?.path == "en/work.xml")
        #expect(result.exitStatus == 2)
    }

    @Test func configuredSeveritiesApplyAndOffDropsTheRule() {
        let en = replacing(enWork, "</entry>", "  <item id=\"job-c\">Extra</item>\n  </entry>")
        var configuration = Configuration()
        configuration.severities["orphan"] = .some(.error)
        let raised = Trees.reconcile(zh: ["work.xml": zhWork], en: ["work.xml": en], configuration: configuration)
        #expect(raised.exitStatus == 1)
        configuration.severities["orphan"] = .some(nil)
        let off = Trees.reconcile(zh: ["work.xml": zhWork], en: ["work.xml": en], configuration: configuration)
        #expect(off.findings.isEmpty)
    }
}
