import Foundation
import Testing

/// The fixture trees of each format, checked end to end: every finding, by rule, key and the
/// line a person is sent to (the target's, or the source's when the entry is not in the target).
@Suite struct FormatFixtureTests {
    /// `check --format json`, reduced to `rule key path:line` per finding.
    static func findings(_ fixture: String, arguments: [String] = []) throws -> (status: Int32, lines: [String]) {
        let folder = try Sandbox.fixture(fixture)
        let result = try ResumeSyncCommand.run(["check", "--format", "json"] + arguments, in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]], "\(result.stdout)\(result.stderr)")
        let lines = findings.map { finding -> String in
            let location = (finding["target"] ?? finding["source"]) as? [String: Any]
            let place = location.map { "\($0["path"] ?? "?"):\($0["line"] ?? "?")" } ?? "-"
            return "\(finding["rule"] ?? "?") \(finding["key"] ?? "?") \(place)"
        }
        return (result.status, lines)
    }

    @Test func docbookManual() throws {
        let (status, lines) = try Self.findings("docbook-manual")
        #expect(status == 1)
        #expect(lines == [
            "missing book/faq.xml zh/book/faq.xml:1",
            "mismatch-neutral book/intro.xml#intro.install en/book/intro.xml:8",
            "missing book/intro.xml#intro.license zh/book/intro.xml:12",
            "stale reference/strlen.xml#function.strlen.returns en/reference/strlen.xml:10",
            "mismatch-entity reference/strlen.xml#function.strlen.seealso en/reference/strlen.xml:13",
            "mismatch-neutral reference/strlen.xml#function.strlen.seealso.list en/reference/strlen.xml:15",
            "orphan reference/strlen.xml#function.strlen.example en/reference/strlen.xml:11",
        ])
    }

    @Test func docbookMessagesNameTheTokens() throws {
        let folder = try Sandbox.fixture("docbook-manual")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.stdout.contains(
            "en/reference/strlen.xml:13:3: error: entity references differ: &reftitle.seealso; in zh, &reftitle.notes; in en [mismatch-entity]"))
        #expect(result.stdout.contains(
            "en/book/intro.xml:8:3: error: neutral text <para[1]/command[2]> differs: 'make install' in zh, 'make' in en [mismatch-neutral]"))
        #expect(result.stdout.contains("zh/book/intro.xml:12:3: error: book/intro.xml#intro.license is missing from en, with 1 nested entry [missing]"))
    }

    @Test func androidStrings() throws {
        let (status, lines) = try Self.findings("android-strings")
        #expect(status == 1)
        #expect(lines == [
            "mismatch-neutral strings.xml#welcome res/values-zh-rCN/strings.xml:3",
            "stale strings.xml#jobs_title res/values-zh-rCN/strings.xml:4",
            "mismatch-structure strings.xml#jobs_running res/values-zh-rCN/strings.xml:5",
            "mismatch-structure strings.xml#jobs_running res/values-zh-rCN/strings.xml:5",
            "mismatch-structure strings.xml#refresh_periods res/values-zh-rCN/strings.xml:8",
            "missing strings.xml#settings_title res/values/strings.xml:15",
            "mismatch-attribute strings.xml#open_docs res/values-zh-rCN/strings.xml:13",
            "orphan strings.xml#old_banner res/values-zh-rCN/strings.xml:14",
        ], "app_name is translatable=\"false\" and absent from the translation: no finding; colors.xml is not content")
    }

    @Test func androidPluralsFollowTheLanguageAndTranslatableFalseIsCompared() throws {
        let folder = try Sandbox.fixture("android-strings")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.stdout.contains(
            "res/values-zh-rCN/strings.xml:5:5: error: <item> fields of strings.xml#jobs_running: 1 in res/values, 0 in res/values-zh-rCN [mismatch-structure]"),
            "the translation's plural has no `other`")
        // A translatable="false" string copied into the translation is compared as neutral.
        try folder.edit("res/values-zh-rCN/strings.xml", replacing: "<string name=\"welcome\">",
                        with: "<string name=\"app_name\" translatable=\"false\">Kubeflow 控制台</string>\n    <string name=\"welcome\">")
        let copied = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(copied.stdout.contains(
            "res/values-zh-rCN/strings.xml:3:5: error: neutral text <.> differs: 'Kubeflow Console' in res/values, 'Kubeflow 控制台' in res/values-zh-rCN [mismatch-neutral]"))
        #expect(!copied.stdout.contains("[untranslated]"), "translatable=\"false\" is not subject to translation rules")
    }

    @Test func xhtmlSite() throws {
        let (status, lines) = try Self.findings("xhtml-site")
        #expect(status == 1)
        #expect(lines == [
            "stale guide/katib.xhtml#guide-intro en/guide/katib.xhtml:11",
            "mismatch-neutral guide/katib.xhtml#install-step en/guide/katib.xhtml:13",
            "mismatch-attribute guide/katib.xhtml#arch en/guide/katib.xhtml:15",
            "missing guide/katib.xhtml#step-review zh/guide/katib.xhtml:18",
            "orphan guide/katib.xhtml#install-note en/guide/katib.xhtml:14",
        ])
    }

    @Test func htmlSite() throws {
        let (status, lines) = try Self.findings("html-site")
        #expect(status == 1)
        #expect(lines == [
            "stale about.htm#about-story en/about.htm:5",
            "mismatch-attribute about.htm#about-links en/about.htm:8",
            "orphan about.htm#about-hiring en/about.htm:7",
            "mismatch-attribute index.html#nav-talks en/index.html:19",
            "mismatch-neutral index.html#since en/index.html:25",
            "missing index.html#svc-training zh/index.html:36",
        ])
    }

    @Test func htmlTextIsUTF8WithAndWithoutMetaCharset() throws {
        let folder = try Sandbox.fixture("html-site")
        let diff = try ResumeSyncCommand.run(["diff", "--color", "never"], in: folder)
        // about.htm has no <meta charset>: its Chinese reads right, and the change is a character diff.
        #expect(diff.stdout.contains("墨排成立于 2016 年，由三位字体设计师创办。"), "\(diff.stdout)")
        #expect(diff.stdout.contains("{+字体+}"))
        #expect(diff.stdout.contains("index.html#svc-training"))
        #expect(diff.stdout.contains("排版培训"))
    }

    @Test func brokenHTMLIsAParseErrorWithItsLine() throws {
        let folder = try Sandbox.fixture("html-site")
        try folder.edit("en/about.htm", replacing: "<ul id=\"about-links\">", with: "<!-- links\n<ul id=\"about-links\">")
        let result = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdout.contains("en/about.htm:8:1: error: the comment is never closed with '-->' [parse-error]"), "\(result.stdout)")
        try folder.write("en/index.html", "<meta charset=\"big5\"><p id=\"intro\">x</p>\n")
        let charset = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(charset.stdout.contains("en/index.html:1:1: error: the page declares charset 'big5'; resume-sync reads UTF-8 files only [parse-error]"))
    }
}
