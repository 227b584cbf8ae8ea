import Testing
@testable import ResumeSyncCore

/// The cross-language rules at the level of a reconciliation: what a finding carries, how
/// text is aligned, and that the config sets each rule's severity or switches it off.
@Suite struct NumberCheckTests {
    let zh = """
        <section id="work">
          <entry id="ms">
            <org>摩根士丹利</org>
            <role>项目实习生</role>
            <item id="ms-latency">调度延迟在 100 节点规模下下降 12%，见 https://example.org/ms，2017年2月至2017年8月</item>
          </entry>
        </section>
        """
    let en = """
        <section id="work">
          <entry id="ms">
            <org>Morgan Stanley</org>
            <role>Project Intern</role>
            <item id="ms-latency">At a scale of 100 nodes, latency fell by 12%, see https://example.org/ms, Feb 2017 – Aug 2017</item>
          </entry>
        </section>
        """

    func reconcile(zh: String? = nil, en: String? = nil, severities: [String: Severity?] = [:]) -> Reconciliation {
        Trees.reconcile(
            zh: ["work.xml": zh ?? self.zh], en: ["work.xml": en ?? self.en],
            configuration: Configuration(severities: severities))
    }

    func replacing(_ text: String, _ old: String, _ new: String) -> String {
        let parts = text.components(separatedBy: old)
        precondition(parts.count == 2, "'\(old)' must occur once")
        return parts.joined(separator: new)
    }

    @Test func theSamplePairIsInSync() {
        #expect(reconcile().findings.isEmpty)
    }

    @Test func aFindingCarriesTheValuesOfEachSide() throws {
        let result = reconcile(en: replacing(en, "by 12%", "by 13%"))
        let finding = try #require(result.findings.first)
        #expect(result.summaries == [Summary("mismatch-number", "work.xml#ms-latency", 5)])
        #expect(finding.sourceValue == "12%")
        #expect(finding.targetValue == "13%")
        #expect(finding.severity == .error)
        #expect(finding.message == "numbers in the text differ: '12%' in zh, '13%' in en")
        #expect(finding.source?.path == "zh/work.xml" && finding.target?.path == "en/work.xml")
    }

    @Test func eachRuleReportsItsOwnKind() {
        let cases: [(String, String, String)] = [
            ("100 nodes", "101 nodes", "mismatch-number"),
            ("Feb 2017 – Aug 2017", "Feb 2017 – Sep 2017", "mismatch-date"),
            ("https://example.org/ms", "https://example.org/mt", "mismatch-url"),
        ]
        for (old, new, rule) in cases {
            let result = reconcile(en: replacing(en, old, new))
            #expect(result.findings.map(\.rule.id) == [rule], "\(old) → \(new)")
        }
    }

    @Test func aFigureMovedToAnotherFieldIsReportedWhenTheFieldsAlign() {
        let movedZh = replacing(zh, "<role>项目实习生</role>", "<role>项目实习生（6 个月）</role>")
        let movedEn = replacing(en, "Feb 2017 – Aug 2017", "Feb 2017 – Aug 2017 (6 months)")
        let result = reconcile(zh: movedZh, en: movedEn)
        #expect(Set(result.findings.map(\.rule.id)) == ["mismatch-number"])
        #expect(result.findings.map(\.key.description).sorted() == ["work.xml#ms", "work.xml#ms-latency"])
    }

    @Test func entriesWhoseFieldsDifferAreComparedWhole() {
        let extraZh = replacing(zh, "<role>项目实习生</role>", "<role>项目实习生</role><note>6 个月</note>")
        let extraEn = replacing(en, "<role>Project Intern</role>", "<role>Project Intern, 6 months</role>")
        let result = reconcile(zh: extraZh, en: extraEn)
        #expect(!result.findings.contains { $0.rule == .mismatchNumber })
        #expect(result.findings.contains { $0.rule == .mismatchStructure })
    }

    @Test(arguments: ["mismatch-number", "mismatch-date", "mismatch-url", "mismatch-identifier"])
    func theConfigLowersOrSwitchesOffEachRule(rule: String) {
        let changed = replacing(replacing(replacing(replacing(en,
            "100 nodes", "101 nodes"), "Aug 2017", "Sep 2017"), "example.org/ms", "example.org/mt"), "Intern", "Intern (v1.2)")
        let normal = reconcile(en: changed)
        #expect(normal.findings.contains { $0.rule.id == rule && $0.severity == .error })
        let lowered = reconcile(en: changed, severities: [rule: .warning])
        #expect(lowered.findings.filter { $0.rule.id == rule }.allSatisfy { $0.severity == .warning })
        #expect(lowered.findings.contains { $0.rule.id == rule })
        let off = reconcile(en: changed, severities: [rule: Severity?.none])
        #expect(!off.findings.contains { $0.rule.id == rule })
        #expect(off.findings.count == normal.findings.count - normal.findings.filter { $0.rule.id == rule }.count)
    }

    @Test func aDateIsNotANumberMismatch() {
        let result = reconcile(en: replacing(en, "Feb 2017 – Aug 2017", "2017.02 - 2017.08"))
        #expect(result.findings.isEmpty)
    }

    @Test func missingEntriesAreNotComparedFactByFact() {
        let result = reconcile(en: replacing(en, "<item id=\"ms-latency\">At a scale of 100 nodes, latency fell by 12%, see https://example.org/ms, Feb 2017 – Aug 2017</item>", ""))
        #expect(result.findings.map(\.rule.id) == ["missing"])
    }
}
