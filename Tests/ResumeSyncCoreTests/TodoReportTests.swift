import Foundation
import ResumeSyncCore
import Testing

/// Trees in memory with missing, orphan, untranslated, stale and mismatch findings, for the
/// report tests.
enum ReportSamples {
    static let zhThen = """
        <section id="work">
          <title>工作经历</title>
          <entry id="lead">
            <org>才云科技</org>
            <item id="lead-research">研究 Kubernetes 上对于机器学习基准测试的系统 kubeflow/kubebench，研究成果发表在 IEEE AI4I'18 会议</item>
            <item id="lead-trends">跟踪工业界趋势</item>
            <item id="lead-link">维护 <link href="https://example.org/a">主页</link></item>
          </entry>
        </section>
        """

    static let zhNow = """
        <section id="work">
          <title>工作经历</title>
          <entry id="lead">
            <org>才云科技</org>
            <item id="lead-research">研究 Kubernetes 上对于机器学习基准测试的系统 kubeflow/kubebench，研究成果发表在 IEEE AI4I'18 会议，并在大会上发表演讲</item>
            <item id="lead-trends">跟踪工业界趋势</item>
            <item id="lead-link">维护 <link href="https://example.org/a">主页</link></item>
          </entry>
          <entry id="intern">
            <org>摩根士丹利</org>
            <item id="intern-latency">调度延迟下降，使用 *并发* 与 &lt;script&gt; 标签 @octocat #12 | 管道</item>
          </entry>
        </section>
        """

    static let en = """
        <section id="work">
          <title>Work Experience</title>
          <entry id="lead">
            <org>Caicloud</org>
            <item id="lead-research">Researched kubeflow/kubebench, a system for benchmarking machine learning on Kubernetes; published at IEEE AI4I'18</item>
            <item id="lead-trends">跟踪工业界趋势</item>
            <item id="lead-link">Maintain the <link href="https://example.org/b">homepage</link></item>
            <item id="lead-extra">Hired engineers</item>
          </entry>
        </section>
        """

    static let profileZh = "<section id=\"profile\"><title>简介</title></section>"
    static let profileEn = "<section id=\"profile\"><title>Profile</title></section>"

    /// Every rule a content problem can have, against a baseline taken before the source moved.
    static func reconciliation(withBaseline: Bool = true) throws -> Reconciliation {
        let baseline = withBaseline
            ? try Trees.baseline(zh: ["work.xml": zhThen, "profile.xml": profileZh], en: ["work.xml": en, "profile.xml": profileEn])
            : nil
        return Trees.reconcile(
            zh: ["work.xml": zhNow, "profile.xml": profileZh, "talks.xml": "<section id=\"talks\"><talk id=\"t\">演讲</talk></section>"],
            en: ["work.xml": en, "profile.xml": profileEn],
            baseline: baseline)
    }
}

@Suite struct TodoReportTests {
    @Test func progressCountsEveryEntryOfEitherTree() throws {
        let report = TodoReport(try ReportSamples.reconciliation())
        // work.xml: work, lead, 3 items both sides; intern and its item source only; lead-extra target only.
        let work = try #require(report.files.first { $0.file.rawValue == "work.xml" })
        #expect(work.progress == SyncProgress(done: 2, total: 8))
        let profile = try #require(report.files.first { $0.file.rawValue == "profile.xml" })
        #expect(profile.progress == SyncProgress(done: 1, total: 1))
        #expect(!profile.needsWork)
        let talks = try #require(report.files.first { $0.file.rawValue == "talks.xml" })
        #expect(talks.progress == SyncProgress(done: 0, total: 2))
        #expect(talks.targetPath == nil && talks.sourcePath == "zh/talks.xml")
        #expect(report.overall == SyncProgress(done: 3, total: 11))
        #expect(report.overall.percent == 27)
    }

    @Test func itemsAreInDocumentOrderWithTheirRulesAndCounts() throws {
        let report = TodoReport(try ReportSamples.reconciliation())
        #expect(report.items.map(\.key.description) == [
            "talks.xml", "work.xml#lead-research", "work.xml#lead-trends", "work.xml#lead-link",
            "work.xml#intern", "work.xml#lead-extra",
        ])
        #expect(report.items.map { $0.rules.map(\.id) } == [
            ["missing"], ["stale"], ["untranslated"], ["mismatch-attribute"], ["missing"], ["orphan"],
        ])
        #expect(report.ruleCounts.map(\.rule.id) == ["missing", "orphan", "untranslated", "stale", "mismatch-attribute"])
        #expect(report.count(of: .missing) == 2)
        #expect(report.brokenInput.isEmpty)
    }

    @Test func eachItemSaysWhatMergeWouldDo() throws {
        let report = TodoReport(try ReportSamples.reconciliation())
        let actions = Dictionary(uniqueKeysWithValues: report.items.map { ($0.key.description, $0.mergeActions) })
        #expect(actions["talks.xml"] == [MergeAction(kind: .createFile, description: "merge creates en/talks.xml with its 2 entries, marked for translation")])
        #expect(actions["work.xml#intern"] == [MergeAction(kind: .insert, description: "merge inserts it with its 1 nested entry, marked for translation")])
        #expect(actions["work.xml#lead-link"] == [MergeAction(kind: .copyNeutral, description: "merge copies 'https://example.org/a'")])
        #expect(actions["work.xml#lead-research"]?.map(\.kind) == [.needsPerson])
        #expect(actions["work.xml#lead-research"]?.first?.description.hasPrefix("needs a person") == true)
        #expect(actions["work.xml#lead-trends"]?.map(\.kind) == [.needsPerson])
        #expect(actions["work.xml#lead-extra"]?.map(\.kind) == [.leftAlone])
    }

    @Test func aStaleItemCarriesTheSourceChangeAndAMissingOneItsNestedEntries() throws {
        let report = TodoReport(try ReportSamples.reconciliation())
        let stale = try #require(report.items.first { $0.key.description == "work.xml#lead-research" })
        let change = try #require(stale.sourceChange)
        #expect(change.contains(.added("，并在大会上发表演讲")), "\(change)")
        #expect(stale.target?.text.hasPrefix("Researched") == true)
        let missing = try #require(report.items.first { $0.key.description == "work.xml#intern" })
        #expect(missing.nested.map(\.key.description) == ["work.xml#intern-latency"])
        #expect(missing.nested.first?.text.hasPrefix("调度延迟下降") == true)
        #expect(missing.target == nil)
    }

    @Test func markdownIsAChecklistWithUserTextEscaped() throws {
        let text = TodoMarkdownReport(version: "9.9.9").render(TodoReport(try ReportSamples.reconciliation()))
        let items = text.split(separator: "\n").filter { $0.hasPrefix("- [ ] ") }
        #expect(items.count == 6)
        #expect(text.contains("**3 of 11 entries in sync (27%)**"))
        #expect(text.contains("\\*并发\\* 与 \\<script\\> 标签 `@octocat` `#12` \\| 管道"))
        #expect(!text.contains("<script>"))
        #expect(text.contains("<ins>"))
        #expect(text.contains("_merge copies 'https://example.org/a'_"))
        #expect(text.contains("`resume-sync accept work.xml#lead-research`"))
        #expect(text.contains("resume-sync 9.9.9"))
    }

    @Test func htmlIsOnePageWithNothingFetched() throws {
        let html = TodoHTMLReport(version: "9.9.9").render(TodoReport(try ReportSamples.reconciliation()))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the report's own script")
        for external in ["src=", "<link", "@import", "url(", "http://", "//fonts"] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.components(separatedBy: "<li class=\"item ").count - 1 == 6)
        #expect(html.contains("data-rules=\"stale\""))
        #expect(html.contains("<p class=\"text\" lang=\"zh\">"))
        #expect(html.contains("style=\"width: 27%\""))
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let text = TodoJSONReport(version: "9.9.9").render(TodoReport(try ReportSamples.reconciliation()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["tool", "report", "version", "source", "target", "hasBaseline", "progress", "counts", "files", "items"])
        #expect(object["version"] as? String == "9.9.9")
        let progress = try #require(object["progress"] as? [String: Int])
        #expect(progress == ["inSync": 3, "total": 11, "percent": 27])
        #expect((object["counts"] as? [String: Int])?["missing"] == 2)
        let items = try #require(object["items"] as? [[String: Any]])
        let stale = try #require(items.first { $0["key"] as? String == "work.xml#lead-research" })
        #expect(stale["previousSourceText"] as? String != nil)
        #expect((stale["sourceChange"] as? [[String: String]])?.contains { $0["kind"] == "added" } == true)
        #expect((stale["target"] as? [String: Any])?["line"] as? Int == 5)
        let missing = try #require(items.first { $0["key"] as? String == "work.xml#intern" })
        #expect((missing["merge"] as? [[String: String]])?.first?["action"] == "insert")
        #expect(missing["target"] == nil)
        let file = try #require(items.first { $0["key"] as? String == "talks.xml" })
        #expect(file["fileEntries"] as? Int == 2)
        #expect(file["id"] == nil)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let first = TodoReport(try ReportSamples.reconciliation())
        let second = TodoReport(try ReportSamples.reconciliation())
        #expect(TodoHTMLReport(version: "1").render(first) == TodoHTMLReport(version: "1").render(second))
        #expect(TodoJSONReport(version: "1").render(first) == TodoJSONReport(version: "1").render(second))
        #expect(TodoMarkdownReport(version: "1").render(first) == TodoMarkdownReport(version: "1").render(second))
    }
}
