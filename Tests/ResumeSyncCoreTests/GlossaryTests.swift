import Foundation
import Testing
@testable import ResumeSyncCore

/// The glossary: how terms are found, the `glossary` rule, and the Han it lets stay in English.
@Suite struct GlossaryTests {
    let terms = [
        GlossaryTerm(source: "才云科技", target: "Caicloud"),
        GlossaryTerm(source: "上海交通大学", target: "Shanghai Jiao Tong University"),
        GlossaryTerm(source: "上海交通大学东岳网络工作室", target: "Dongyue Web Studio, Shanghai Jiao Tong University"),
        GlossaryTerm(source: "高策", target: "Ce Gao (高策)"),
    ]

    @Test func longerTermsWinAndTermsDoNotOverlap() {
        let found = GlossaryMatcher(terms).sourceTerms(in: "上海交通大学东岳网络工作室与上海交通大学")
        #expect(found.map(\.term.source) == ["上海交通大学东岳网络工作室", "上海交通大学"])
        #expect(found.map(\.range) == [0..<13, 14..<20])
    }

    /// A term is found wherever its scalars are: at either end, after a false start of its
    /// first bytes, once for each time it occurs; a term whose bytes the text lacks is not.
    @Test func termsAreFoundAtEveryPlace() {
        let matcher = GlossaryMatcher([
            GlossaryTerm(source: "阿里巴巴", target: "Alibaba"), GlossaryTerm(source: "aab", target: "AAB"),
            GlossaryTerm(source: "不在", target: "absent"),
        ])
        let text = "阿里阿里巴巴与 aab，阿里巴巴"
        let found = matcher.sourceTerms(in: text)
        #expect(found.map(\.term.target) == ["Alibaba", "AAB", "Alibaba"])
        #expect(found.map(\.range) == [2..<6, 8..<11, 12..<16])
        #expect(matcher.sourceTerms(in: "阿里巴").isEmpty)
        #expect(matcher.sourceTerms(in: "aab").map(\.range) == [0..<3])
        // Inside a longer Latin word a Latin term is no term.
        #expect(matcher.sourceTerms(in: "aaab").isEmpty)
    }

    @Test func targetTermsAreWholeWordsWithTheirCase() {
        #expect(GlossaryMatcher.contains("Caicloud", in: "Tech Lead at Caicloud"))
        #expect(GlossaryMatcher.contains("Caicloud", in: "Caicloud's model registry"))
        #expect(GlossaryMatcher.contains("Caicloud", in: "two Caiclouds"))
        #expect(!GlossaryMatcher.contains("Caicloud", in: "CaiCloud"))
        #expect(!GlossaryMatcher.contains("Caicloud", in: "Caicloudy"))
        #expect(!GlossaryMatcher.contains("Caicloud", in: "XCaicloud"))
        #expect(GlossaryMatcher.contains("Ce Gao (高策)", in: "by Ce Gao (高策)."))
    }

    func reconcile(zh: String, en: String) -> Reconciliation {
        Trees.reconcile(
            zh: ["p.xml": "<section id=\"p\"><org id=\"o\">\(zh)</org></section>"],
            en: ["p.xml": "<section id=\"p\"><org id=\"o\">\(en)</org></section>"],
            configuration: Configuration(glossary: terms))
    }

    @Test func aTargetWithoutTheTermIsReported() throws {
        let result = reconcile(zh: "才云科技", en: "Caiyun Technology")
        let finding = try #require(result.findings.first)
        #expect(result.summaries == [Summary("glossary", "p.xml#o", 1)])
        #expect(finding.message == "the text of en lacks the glossary's translation: 才云科技 → 'Caicloud'")
        #expect(finding.sourceValue == "才云科技")
        #expect(finding.targetValue == "Caiyun Technology")
    }

    @Test func aTargetWithTheTermPasses() {
        #expect(reconcile(zh: "才云科技", en: "Caicloud").findings.isEmpty)
        #expect(reconcile(zh: "上海交通大学东岳网络工作室", en: "Dongyue Web Studio, Shanghai Jiao Tong University").findings.isEmpty)
    }

    @Test func noGlossaryNoFinding() {
        let result = Trees.reconcile(
            zh: ["p.xml": "<section id=\"p\"><org id=\"o\">才云科技</org></section>"],
            en: ["p.xml": "<section id=\"p\"><org id=\"o\">Caiyun</org></section>"])
        #expect(result.findings.isEmpty)
    }

    @Test func hanThatTheGlossaryKeepsIsNotUntranslated() {
        #expect(reconcile(zh: "高策", en: "Ce Gao (高策)").findings.isEmpty)
        let leftover = reconcile(zh: "高策", en: "Ce Gao (高策) 简历")
        #expect(leftover.findings.map(\.rule.id) == ["untranslated"])
        #expect(leftover.findings.first?.message.contains("简历") == true)
        let withoutGlossary = Trees.reconcile(
            zh: ["p.xml": "<section id=\"p\"><org id=\"o\">高策</org></section>"],
            en: ["p.xml": "<section id=\"p\"><org id=\"o\">Ce Gao (高策)</org></section>"])
        #expect(withoutGlossary.findings.map(\.rule.id) == ["untranslated"])
    }

    /// The repository's own config ships a glossary for its resume, and every term is used.
    @Test func theRepositoryGlossaryIsUsedByTheResume() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try ConfigurationLoader.discover(root: root.path, explicitPath: nil)
        let glossary = loaded.configuration.glossary
        #expect(glossary.count >= 10)
        #expect(glossary.contains(GlossaryTerm(source: "才云科技", target: "Caicloud")))
        #expect(glossary.contains(GlossaryTerm(source: "上海交通大学", target: "Shanghai Jiao Tong University")))
        #expect(glossary.contains(GlossaryTerm(source: "摩根士丹利", target: "Morgan Stanley")))
        func text(of side: String) throws -> String {
            let folder = root.appendingPathComponent(side)
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
                try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
            }.joined()
        }
        let zhText = try text(of: "zh")
        let enText = try text(of: "en")
        for term in glossary {
            #expect(zhText.contains(term.source), "\(term.source) is used in zh/")
            #expect(enText.contains(term.target), "\(term.target) is used in en/")
        }
    }
}
