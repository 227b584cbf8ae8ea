import Foundation
import Testing

/// Terminal columns as a terminal counts them: East Asian Wide and Fullwidth characters take two.
/// Written apart from the tool's own `DisplayWidth`, so that the tests do not grade it by itself.
enum Columns {
    static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: return total
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return total + 2
            default: return total + 1
            }
        }
    }
}

/// A copy of the repository's resume as a new user would leave it: an English job removed, and a
/// Chinese bullet reworded after the lock was written.
enum DriftedResume {
    static let rewordedOld = "跟踪工业界趋势，探索更多高级特性"
    static let rewordedNew = "跟踪工业界与学术界的最新趋势，探索更多高级特性"

    static func make() throws -> URL {
        let folder = try Sandbox.resume()
        let english = try folder.read("en/work.xml")
        guard let start = english.range(of: "  <entry id=\"morgan-stanley-intern\">"),
              let end = english.range(of: "</entry>\n", range: start.upperBound..<english.endIndex) else {
            throw EditError(message: "en/work.xml has no morgan-stanley-intern entry")
        }
        try folder.write("en/work.xml", english.replacingCharacters(in: start.lowerBound..<end.upperBound, with: ""))
        try folder.edit("zh/work.xml", replacing: rewordedOld, with: rewordedNew)
        return folder
    }
}

@Suite struct ReportCommandTests {
    @Test func todoHTMLShowsANewUserBothItemsTheirSourceTextAndProgress() throws {
        let folder = try DriftedResume.make()
        let result = try ResumeSyncCommand.run(["todo", "--format", "html", "--output", "todo.html"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("wrote todo.html"))
        let html = try folder.read("todo.html")
        #expect(html.contains("data-key=\"work.xml#morgan-stanley-intern\">"))
        #expect(html.contains("data-key=\"work.xml#caicloud-tech-lead-trends\""))
        #expect(html.contains("摩根士丹利"), "the missing job's source text")
        #expect(html.contains("为开源容器调度管理框架 treadmill"), "its nested bullets' source text")
        #expect(html.contains(DriftedResume.rewordedNew), "the reworded bullet's source text")
        #expect(html.contains("<ins>"), "what changed since the baseline")
        let percent = try #require(html.firstMatch(of: /<strong>(\d+)%<\/strong> in sync/)?.1)
        #expect(Int(percent).map { $0 < 100 && $0 > 80 } == true, "\(percent)")
        #expect(html.contains("merge inserts it with its 2 nested entries, marked for translation"))
    }

    @Test func markdownRendersAsAChecklistOnGitHub() throws {
        let folder = try DriftedResume.make()
        let result = try ResumeSyncCommand.run(["todo"], in: folder)
        #expect(result.status == 0)
        let items = result.stdout.split(separator: "\n").filter { $0.hasPrefix("- [ ] ") }
        #expect(items.count == 2, "\(items)")
        #expect(items.contains { $0.contains("`work.xml#morgan-stanley-intern`") })
        // GitHub renders Markdown with cmark-gfm (raw HTML let through, then sanitised to an
        // allow-list that keeps <ins> and <del>); check with the same renderer.
        guard let cmark = Browser.find("cmark-gfm") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "cmark-gfm is missing under CI; .ci/run installs it")
            return
        }
        let html = try Browser.run(cmark, ["--unsafe", "-e", "tasklist", "-e", "table"], input: result.stdout)
        #expect(html.components(separatedBy: "<input type=\"checkbox\" disabled=\"\" />").count - 1 == 2, "\(html)")
        #expect(html.contains("<table>"))
        #expect(html.contains("<ins>"))
    }

    @Test func todoMarkdownEscapesUserTextForGitHub() throws {
        let folder = try Sandbox.fixture("reports-every-rule")
        let result = try ResumeSyncCommand.run(["todo"], in: folder)
        guard let cmark = Browser.find("cmark-gfm") else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "cmark-gfm is missing under CI; .ci/run installs it")
            return
        }
        let html = try Browser.run(cmark, ["--unsafe", "-e", "tasklist", "-e", "table"], input: result.stdout)
        #expect(html.components(separatedBy: "<input type=\"checkbox\" disabled=\"\" />").count - 1 == 11)
        #expect(html.contains("使用 C++ | Go 实现 *并发* 调度与 &lt;泛型&gt; [原型]"), "user text reads as itself: \(html)")
        #expect(!html.contains("<em>并发</em>"))
    }

    @Test func todoToStandardOutputEqualsTheWrittenFile() throws {
        let folder = try Sandbox.fixture("reports-every-rule")
        for format in ["markdown", "html", "json"] {
            let printed = try ResumeSyncCommand.run(["todo", "--format", format], in: folder)
            let written = try ResumeSyncCommand.run(["todo", "--format", format, "-o", "report.\(format)"], in: folder)
            #expect(printed.status == 0 && written.status == 0)
            #expect(written.stdout.isEmpty)
            #expect(try folder.read("report.\(format)") == printed.stdout)
        }
    }

    @Test func brokenInputWritesNothingAndExitsTwo() throws {
        let folder = try Sandbox.fixture("reports-every-rule")
        try folder.write("todo.html", "old report\n")
        try folder.edit("zh/work.xml", replacing: "<role>实习生</role>", with: "<role>实习生</rol>")
        let result = try ResumeSyncCommand.run(["todo", "--format", "html", "--output", "todo.html"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("zh/work.xml:14:"), "\(result.stderr)")
        #expect(result.stderr.contains("todo.html was not written"))
        #expect(try folder.read("todo.html") == "old report\n")
        let status = try ResumeSyncCommand.run(["status"], in: folder)
        #expect(status.status == 2)
        #expect(status.stdout.contains("cannot be read:\n  zh/work.xml:14:"), "\(status.stdout)")
    }

    @Test func anUnwritableOutputIsAnErrorNotACrash() throws {
        let folder = try Sandbox.fixture("reports-every-rule")
        let result = try ResumeSyncCommand.run(["todo", "--output", "no/such/folder/todo.md"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write no/such/folder/todo.md"), "\(result.stderr)")
    }

    @Test func statusNamesTheNextCommand() throws {
        let drifted = try DriftedResume.make()
        let result = try ResumeSyncCommand.run(["status"], in: drifted)
        #expect(result.status == 0)
        let next = try #require(result.stdout.components(separatedBy: "next:\n").last)
        #expect(next.hasPrefix("  resume-sync merge zh en"), "\(result.stdout)")
        #expect(next.contains("  resume-sync diff "))
        #expect(result.stdout.contains("work.xml"))
        #expect(result.stdout.split(separator: "\n").count < 25, "one screen")
        let clean = try ResumeSyncCommand.run(["status"], in: try Sandbox.resume())
        #expect(clean.stdout.contains("nothing to do"), "\(clean.stdout)")
        #expect(clean.stdout.contains("(100%)"))
    }

    @Test(arguments: [40, 60, 80, 123])
    func sideBySideLinesNeverExceedTheWidth(width: Int) throws {
        let folder = try DriftedResume.make()
        let result = try ResumeSyncCommand.run(["diff", "--side-by-side", "--all", "--width", String(width)], in: folder)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 300)
        #expect(lines.contains { $0.contains(" | ") && $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
        for line in lines {
            #expect(Columns.of(line) <= width, "\(Columns.of(line)) > \(width): \(line)")
        }
        #expect(lines.contains { Columns.of($0) > width - 8 }, "the width is used")
    }

    @Test func sideBySideWidthComesFromTheOptionThenColumnsThenEighty() throws {
        let folder = try DriftedResume.make()
        func widest(_ arguments: [String], _ environment: [String: String]) throws -> Int {
            let result = try ResumeSyncCommand.run(["diff", "--side-by-side", "--all"] + arguments, in: folder, environment: environment)
            return result.stdout.split(separator: "\n").map { Columns.of($0) }.max() ?? 0
        }
        #expect(try widest([], ["COLUMNS": "50"]) == 50)
        #expect(try widest(["--width", "70"], ["COLUMNS": "50"]) == 70)
        #expect(try widest([], ["COLUMNS": "not a number"]) == 80)
        #expect(try widest([], ["COLUMNS": ""]) == 80)
        let tooNarrow = try ResumeSyncCommand.run(["diff", "--side-by-side", "--width", "5"], in: folder)
        #expect(tooNarrow.status == 2)
        let notText = try ResumeSyncCommand.run(["diff", "--side-by-side", "--format", "json"], in: folder)
        #expect(notText.status == 2)
        #expect(notText.stderr.contains("--side-by-side is a text layout"))
    }

    @Test func diffMarkdownIsForAReview() throws {
        let folder = try DriftedResume.make()
        let result = try ResumeSyncCommand.run(["diff", "--format", "markdown"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("### `work.xml#caicloud-tech-lead-trends` · stale"))
        #expect(result.stdout.contains("| zh `zh/work.xml:10:5` | en `en/work.xml:10:5` |"))
        #expect(result.stdout.contains("**zh since the baseline:** 跟踪工业界<ins>与学术界的最新</ins>趋势"), "\(result.stdout)")
    }
}
