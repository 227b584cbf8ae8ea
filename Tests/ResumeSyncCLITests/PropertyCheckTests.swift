import Foundation
import PropertyBased
import Testing

/// `check` over generated tree pairs, run as the user runs it: it never crashes (a signal, or
/// an exit status outside 0…2), and its exit status is what its findings say: 2 when one of them
/// is broken input, else 1 when one is an error, else 0; JSON and text agree.
@Suite struct PropertyCheckTests {
    static let brokenRules: Set<String> = ["parse-error", "lock-error", "duplicate-id", "config-error"]

    @Test func checkNeverCrashesAndItsExitStatusMatchesItsFindings() async {
        await propertyCheck(count: 25, input: Gen.int(in: 0...99_999).array(of: 1...10)) { genes in
            do {
                let folder = try CheckedPair(genes: genes).write()
                let json = try Hostile.run(["check", "--format", "json"], in: folder)
                let text = try Hostile.run(["check"], in: folder)
                #expect((0...2).contains(json.status) && json.status == text.status, "\(json.status) \(text.status): \(text.stderr)")
                let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
                let findings = object?["findings"] as? [[String: Any]] ?? []
                let rules = Set(findings.compactMap { $0["rule"] as? String })
                let errors = findings.contains { $0["severity"] as? String == "error" }
                let expected: Int32 = !rules.isDisjoint(with: Self.brokenRules) ? 2 : errors ? 1 : 0
                #expect(json.status == expected, "exit \(json.status) for rules \(rules.sorted())")
                let summary = object?["summary"] as? [String: Any]
                #expect(summary?["exitStatus"] as? Int == Int(json.status))
                let diagnostics = text.stdoutLines.filter { $0.contains(": error: ") || $0.contains(": warning: ") }
                #expect(diagnostics.count == findings.count, "text shows \(diagnostics.count) findings, JSON \(findings.count)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}

/// A zh/en project from genes, one entry a gene, with what happened to it since the baseline:
/// nothing; missing in en; orphan in en; its zh prose reworded; its zh period moved; its en
/// period different; its bullet untranslated; a duplicate ID; a truncated file. (The merge
/// properties' generator, in ResumeSyncCoreTests, is the same idea without broken input.)
struct CheckedPair {
    static let zhTexts = ["调研与设计产品新功能", "跟踪工业界趋势", "实现超参数搜索", "维护 Kubeflow 社区项目"]
    static let enTexts = ["Research and design new features", "Track industry trends", "Implement hyperparameter search", "Maintain Kubeflow projects"]

    var genes: [Int]

    func write() throws -> URL {
        let folder = try Sandbox.emptyFolder()
        var now: [String: [String]] = [:]
        var before: [String: [String]] = [:]
        var broken: Set<String> = []
        for (index, gene) in genes.enumerated() {
            let text = gene % Self.zhTexts.count
            let year = 2010 + (gene / 4) % 10
            let change = (gene / 40) % 10
            let id = "e\(index)"
            func entry(_ language: String, year: Int, words: String? = nil, id: String = id) -> String {
                let text = words ?? (language == "zh" ? Self.zhTexts[text] : Self.enTexts[text])
                return "  <entry id=\"\(id)\">\n    <period from=\"\(year)-04\"/>\n    <item id=\"\(id)-item\">\(text)</item>\n  </entry>\n"
            }
            before["zh", default: []].append(entry("zh", year: year))
            before["en", default: []].append(entry("en", year: year))
            switch change {
            case 1: now["zh", default: []].append(entry("zh", year: year))
            case 2: now["zh", default: []].append(entry("zh", year: year)); now["en", default: []].append(entry("en", year: year) + entry("en", year: year, id: id + "-orphan"))
            case 3: now["zh", default: []].append(entry("zh", year: year, words: Self.zhTexts[text] + "与推广")); now["en", default: []].append(entry("en", year: year))
            case 4: now["zh", default: []].append(entry("zh", year: year + 1)); now["en", default: []].append(entry("en", year: year))
            case 5: now["zh", default: []].append(entry("zh", year: year)); now["en", default: []].append(entry("en", year: year, words: Self.zhTexts[text]))
            case 6: now["zh", default: []].append(entry("zh", year: year) + entry("zh", year: year, id: "e0")); now["en", default: []].append(entry("en", year: year))
            case 7 where gene % 3 == 0: broken.insert(gene % 2 == 0 ? "zh" : "en"); fallthrough
            default: now["zh", default: []].append(entry("zh", year: year)); now["en", default: []].append(entry("en", year: year))
            }
        }
        func document(_ entries: [String]) -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<section id=\"work\">\n" + entries.joined() + "</section>\n"
        }
        for side in ["zh", "en"] { try folder.write("\(side)/work.xml", document(before[side] ?? [])) }
        let accept = try Hostile.run(["accept", "--all"], in: folder)
        guard accept.status == 0 else { throw EditError(message: "accept --all failed: \(accept.stderr)") }
        for side in ["zh", "en"] {
            var text = document(now[side] ?? [])
            if broken.contains(side) { text = String(text.prefix(text.count / 2)) }
            try folder.write("\(side)/work.xml", text)
        }
        return folder
    }
}
