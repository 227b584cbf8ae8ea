import Foundation
import PropertyBased
import Testing
@testable import ResumeSyncCore

/// Merge over generated tree pairs (DESIGN §7): it is idempotent, changes no byte outside the
/// entries it inserts or updates, and after a merge of trees whose prose did not change,
/// nothing is missing.
@Suite struct PropertyMergeTests {
    /// Genes of up to twelve entries; the library shrinks a failure by dropping genes.
    static let genes = Gen.int(in: 0...99_999).array(of: 1...12)

    @Test func mergeIsIdempotent() async {
        await propertyCheck(count: 100, input: Self.genes) { genes in
            let pair = GeneratedPair(genes: genes)
            guard let project = try? pair.project(), let plan = try? project.plan() else {
                Issue.record("merge refused generated trees: \(genes)")
                return
            }
            #expect((try? MergeCommitter.commit(plan)) != nil)
            let second = try? project.plan()
            #expect(second?.changes.isEmpty == true, "a second merge changes \(second?.changes.map(\.displayPath) ?? [])")
        }
    }

    @Test func mergeChangesNoByteOutsideTheEntriesItTouches() async {
        await propertyCheck(count: 100, input: Self.genes) { genes in
            let pair = GeneratedPair(genes: genes)
            guard let project = try? pair.project(), let plan = try? project.plan() else {
                Issue.record("merge refused generated trees: \(genes)")
                return
            }
            let updated = Set(plan.outcome.updated.map(\.key))
            let inserted = Set(plan.outcome.inserted.map(\.key))
            for change in plan.changes where change.kind == .update {
                guard let file = change.file else { continue }
                let old = try? Trees.document(String(decoding: change.oldBytes, as: UTF8.self), file: file.rawValue)
                let new = try? Trees.document(String(decoding: change.newBytes, as: UTF8.self), file: file.rawValue)
                guard let old, let new else {
                    Issue.record("\(file) does not parse before or after the merge")
                    continue
                }
                let kept = ByteMask.masking(updated: updated, inserted: [], in: old)
                let merged = ByteMask.masking(updated: updated, inserted: inserted, in: new)
                #expect(kept == merged, "\(file): bytes outside the touched entries changed")
            }
        }
    }

    @Test func afterMergingUnchangedProseNothingIsMissing() async {
        await propertyCheck(count: 100, input: Self.genes) { genes in
            let pair = GeneratedPair(genes: genes)
            guard let project = try? pair.project(), let plan = try? project.plan() else {
                Issue.record("merge refused generated trees: \(genes)")
                return
            }
            #expect((try? MergeCommitter.commit(plan)) != nil)
            let after = try? project.workspace.reconcile()
            let missing = after?.findings.filter { $0.rule == .missing } ?? []
            #expect(after != nil && missing.isEmpty, "still missing after merge: \(missing.map(\.key))")
        }
    }
}

extension PropertyMergeTests {
    /// The properties are only as good as the trees: these genes give merge every kind of work.
    @Test func theGeneratorGivesMergeWorkOfEveryKind() throws {
        // Changes 0, 1 (missing), 2 (zh period moved), 4 (nested bullet missing), 5 (orphan).
        let pair = GeneratedPair(genes: [0, 120, 240, 480, 600])
        let plan = try pair.project().plan()
        #expect(Set(plan.outcome.inserted.map(\.key.description)) == ["a.xml#e1", "a.xml#e3-item"])
        #expect(plan.outcome.updated.map(\.key.description) == ["a.xml#e2"])
        let change = try #require(plan.changes.first { $0.file?.rawValue == "a.xml" })
        let old = try Trees.document(String(decoding: change.oldBytes, as: UTF8.self), file: "a.xml")
        let new = try Trees.document(String(decoding: change.newBytes, as: UTF8.self), file: "a.xml")
        let updated = Set(plan.outcome.updated.map(\.key))
        let inserted = Set(plan.outcome.inserted.map(\.key))
        #expect(ByteMask.masking(updated: updated, inserted: [], in: old) == ByteMask.masking(updated: updated, inserted: inserted, in: new))
        // The mask does see a byte changed elsewhere.
        let edited = try Trees.document(
            String(decoding: change.newBytes, as: UTF8.self).replacingOccurrences(of: "<title>Experience</title>", with: "<title>Experiences</title>"),
            file: "a.xml")
        #expect(ByteMask.masking(updated: updated, inserted: [], in: old) != ByteMask.masking(updated: updated, inserted: inserted, in: edited))
    }
}

/// A document's bytes with the spans of some entries replaced by placeholders (updated entries,
/// outermost only) or removed with the white space before them (inserted entries), so that two
/// versions compare equal exactly when nothing else changed.
enum ByteMask {
    static func masking(updated: Set<EntryKey>, inserted: Set<EntryKey>, in document: ParsedDocument) -> [UInt8] {
        var cuts: [(range: Range<Int>, replacement: [UInt8])] = []
        for entry in document.entries {
            let key = EntryKey(file: document.file, id: entry.id)
            let range = entry.span.range
            guard !cuts.contains(where: { $0.range.contains(range.lowerBound) }) else { continue }
            if updated.contains(key) {
                cuts.append((range, Array("\u{1}\(key)\u{1}".utf8)))
            } else if inserted.contains(key) {
                var start = range.lowerBound
                while start > 0, [0x20, 0x09, 0x0A, 0x0D].contains(document.bytes[start - 1]) { start -= 1 }
                cuts.append((start..<range.upperBound, []))
            }
        }
        var bytes = document.bytes
        for cut in cuts.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(cut.range, with: cut.replacement)
        }
        return bytes
    }
}

/// A zh/en project built from genes, one entry a gene: which file, which bullet, which year,
/// and what happened to it since the baseline (nothing; missing in en; its zh period moved;
/// white space in en; its nested bullet missing in en; an orphan after it in en). Prose never
/// changes, so merge alone can bring the trees back in sync apart from translation.
struct GeneratedPair {
    static let zhTexts = ["调研与设计产品新功能", "跟踪工业界趋势，探索更多高级特性", "负责开源社区版的设计与推广", "实现超参数搜索", "维护 Kubeflow 社区项目", "论文发表在 arxiv 上"]
    static let enTexts = ["Research and design new features", "Track industry trends", "Lead the community edition", "Implement hyperparameter search", "Maintain Kubeflow projects", "The paper is on arxiv"]

    var zh: [String: String] = [:]
    var en: [String: String] = [:]
    var zhBefore: [String: String] = [:]
    var enBefore: [String: String] = [:]

    init(genes: [Int]) {
        var blocks: [String: (zh: [String], en: [String], zhBefore: [String], enBefore: [String])] = [:]
        for (index, gene) in genes.enumerated() {
            let file = gene % 2 == 0 ? "a.xml" : "b.xml"
            let text = (gene / 2) % Self.zhTexts.count
            let year = 2010 + (gene / 12) % 10
            let change = (gene / 120) % 8
            let id = "e\(index)"
            func entry(_ language: String, year: Int, item: Bool = true, spacing: String = "") -> String {
                let org = language == "zh" ? "才云科技" : "Caicloud"
                let words = language == "zh" ? Self.zhTexts[text] : Self.enTexts[text]
                return "  <entry id=\"\(id)\">\n    <org>\(org)</org>\n    <period from=\"\(year)-04\" to=\"\(year + 1)-01\"/>\n"
                    + (item ? "    <item id=\"\(id)-item\">\(spacing)\(words)\(spacing)</item>\n" : "") + "  </entry>\n"
            }
            let orphan = "  <entry id=\"\(id)-orphan\">\n    <org>Somewhere</org>\n  </entry>\n"
            var block = blocks[file] ?? ([], [], [], [])
            block.zhBefore.append(entry("zh", year: year))
            block.enBefore.append(entry("en", year: year))
            block.zh.append(entry("zh", year: change == 2 ? year + 1 : year))
            switch change {
            case 1: break
            case 3: block.en.append(entry("en", year: year, spacing: "  \n      "))
            case 4: block.en.append(entry("en", year: year, item: false))
            case 5: block.en.append(entry("en", year: year) + orphan)
            default: block.en.append(entry("en", year: year))
            }
            blocks[file] = block
        }
        func document(_ entries: [String], _ language: String, _ file: String) -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<section id=\"\(file.dropLast(4))\">\n  <title>\(language == "zh" ? "经历" : "Experience")</title>\n"
                + entries.joined() + "</section>\n"
        }
        for (file, block) in blocks {
            zh[file] = document(block.zh, "zh", file)
            en[file] = document(block.en, "en", file)
            zhBefore[file] = document(block.zhBefore, "zh", file)
            enBefore[file] = document(block.enBefore, "en", file)
        }
    }

    func project() throws -> MergeProject {
        try MergeProject(zh: zh, en: en, baselineFrom: (zhBefore, enBefore))
    }
}
