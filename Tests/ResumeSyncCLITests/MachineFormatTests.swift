import Foundation
import Testing

/// `check --format github` and `--format sarif`: the findings for CI systems.
@Suite struct MachineFormatTests {
    func driftedResume() throws -> URL {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "调研与设计产品新功能", with: "调研与规划产品新功能")
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-trends\">Track industry trends and explore more advanced features</item>\n", with: "")
        return folder
    }

    @Test func githubAnnotationsNameFileLineAndColumn() throws {
        let result = try ResumeSyncCommand.run(["check", "--format", "github"], in: try driftedResume())
        #expect(result.status == 1)
        #expect(result.stdoutLines == [
            "::error file=en/work.xml,line=9,col=5,title=stale work.xml#caicloud-tech-lead-features::the zh text changed since the baseline; update the en text, then run `resume-sync accept work.xml#caicloud-tech-lead-features`",
            "::error file=zh/work.xml,line=10,col=5,title=missing work.xml#caicloud-tech-lead-trends::work.xml#caicloud-tech-lead-trends is missing from en",
        ])
    }

    @Test func sarifHasCodePointColumnsAndRelatedLocations() throws {
        let folder = try driftedResume()
        // A Chinese character before the element makes display and code-point columns differ.
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-features\">", with: "   <!--中--><item id=\"caicloud-tech-lead-features\">")
        let result = try ResumeSyncCommand.run(["check", "--format", "sarif"], in: folder)
        #expect(result.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["stale", "missing"])
        let region = { (location: [String: Any]?) -> [String: Any]? in
            ((location?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any]
        }
        let stale = results[0]
        let primary = region((stale["locations"] as? [[String: Any]])?.first)
        #expect(primary?["startLine"] as? Int == 9)
        // "   <!--中-->" is 11 code points and 12 display columns: the element starts at code point 12, display column 13.
        #expect(primary?["startColumn"] as? Int == 12)
        let related = region((stale["relatedLocations"] as? [[String: Any]])?.first)
        #expect(related?["startColumn"] as? Int == 5)
        let driver = ((run["tool"] as? [String: Any])?["driver"]) as? [String: Any]
        let ruleIDs = (driver?["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ruleIDs.contains("stale") && ruleIDs.contains("missing"))
    }

    @Test func textColumnsCountChineseAsTwo() throws {
        let folder = try driftedResume()
        try folder.edit("en/work.xml", replacing: "    <item id=\"caicloud-tech-lead-features\">", with: "   <!--中--><item id=\"caicloud-tech-lead-features\">")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.stdoutLines.first?.hasPrefix("en/work.xml:9:13: error:") == true)
    }
}
