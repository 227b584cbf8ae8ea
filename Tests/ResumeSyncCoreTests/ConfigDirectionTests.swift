import Foundation
import Testing
@testable import ResumeSyncCore

/// `direction = "both"` (DESIGN §5): either side may lead, and the side that did not move since
/// the baseline is the stale one.
@Suite struct ConfigDirectionTests {
    let zh = "<s id=\"s\">\n  <item id=\"a\">调研与设计产品新功能</item>\n</s>\n"
    let en = "<s id=\"s\">\n  <item id=\"a\">Research and design new features</item>\n</s>\n"

    func reconcile(zh: String, en: String, direction: SyncDirection) throws -> Reconciliation {
        let baseline = try Trees.baseline(zh: ["f.xml": self.zh], en: ["f.xml": self.en])
        var configuration = Configuration()
        configuration.direction = direction
        return Trees.reconcile(zh: ["f.xml": zh], en: ["f.xml": en], baseline: baseline, configuration: configuration)
    }

    @Test func byDefaultAnEditOfTheTargetAloneIsNotStale() throws {
        let result = try reconcile(zh: zh, en: en.replacingOccurrences(of: "new features", with: "new product features"), direction: .sourceToTarget)
        #expect(result.findings.isEmpty)
    }

    @Test func withBothTheSourceIsStaleWhenOnlyTheTargetMoved() throws {
        let result = try reconcile(zh: zh, en: en.replacingOccurrences(of: "new features", with: "new product features"), direction: .both)
        #expect(result.summaries == [Summary("stale", "f.xml#a", 2)])
        let finding = try #require(result.findings.first)
        #expect(finding.source?.path == "zh/f.xml", "located at the side to update")
        #expect(finding.target == nil)
        #expect(finding.message == "the en text changed since the baseline (en/f.xml:2:3); update the zh text, then run `resume-sync accept f.xml#a`")
    }

    @Test func withBothTheTargetIsStaleWhenOnlyTheSourceMoved() throws {
        let result = try reconcile(zh: zh.replacingOccurrences(of: "设计", with: "规划"), en: en, direction: .both)
        #expect(result.summaries == [Summary("stale", "f.xml#a", 2)])
        let finding = try #require(result.findings.first)
        #expect(finding.target?.path == "en/f.xml")
        #expect(finding.message.hasPrefix("the zh text changed since the baseline; update the en text"))
        #expect(finding.previousSourceText == "调研与设计产品新功能")
    }

    @Test func withBothAnEditOfBothSidesAsksForConfirmation() throws {
        let result = try reconcile(
            zh: zh.replacingOccurrences(of: "设计", with: "规划"),
            en: en.replacingOccurrences(of: "design", with: "plan"), direction: .both)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.targetEditedSinceBaseline)
        #expect(finding.message.contains("the en text was edited since too"))
    }

    @Test func withBothNothingMovedIsInSync() throws {
        #expect(try reconcile(zh: zh, en: en, direction: .both).findings.isEmpty)
    }
}
