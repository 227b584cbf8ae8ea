import Foundation
import Testing
@testable import ResumeSyncCore

/// DocBook, Android resources and XHTML as profiles over the one extractor.
@Suite struct FormatProfileTests {
    func reconcile(_ profile: FormatProfile, zh: String, en: String, file: String = "f.xml", baseline: Baseline? = nil) -> Reconciliation {
        Reconciler().reconcile(
            source: Trees.load([file: zh], root: "zh", side: .source, profile: profile),
            target: Trees.load([file: en], root: "en", side: .target, profile: profile),
            baseline: baseline)
    }

    /// An Android pair: English `values/` is the source, `values-zh-rCN/` the target.
    func reconcileAndroid(values: String, valuesZH: String) -> Reconciliation {
        func load(_ text: String, _ spec: TreeSpec, _ side: TreeSide) -> LoadedTree {
            let file = RelativePath("strings.xml")
            let loader = TreeLoader(profile: .android)
            var documents: [RelativePath: ParsedDocument] = [:]
            var failures: [RelativePath: [Finding]] = [:]
            switch loader.parse(Array(text.utf8), file: file, displayPath: spec.displayPath(file), side: side) {
            case .success(let document): documents[file] = document
            case .failure(let problem): failures[file] = problem.findings
            }
            return LoadedTree(spec: spec, side: side, files: [file], documents: documents, failures: failures)
        }
        return Reconciler().reconcile(
            source: load(values, TreeSpec(root: "values", language: Language("en")), .source),
            target: load(valuesZH, TreeSpec(root: "values-zh-rCN", language: Language("zh-CN")), .target),
            baseline: nil)
    }

    func entry(_ profile: FormatProfile, _ text: String, _ id: String) throws -> Entry {
        try #require(try Trees.document(text, profile: profile).entry(EntryID(id)))
    }

    // MARK: - DocBook

    let docbookZH = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- EN-Revision: 1a2b3c Maintainer: someone Status: ready -->
        <refentry xml:id="function.strlen" xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink">
          <refnamediv>
            <refname>strlen</refname>
            <refpurpose>获取字符串长度</refpurpose>
          </refnamediv>
          <refsect1 role="description" xml:id="function.strlen.description">
            &reftitle.description;
            <para>返回给定的 <parameter>string</parameter> 的长度，参见 <link xlink:href="&url.php.strings;">字符串</link>。</para>
          </refsect1>
        </refentry>
        """

    var docbookEN: String {
        docbookZH
            .replacingAll("获取字符串长度", with: "Get string length")
            .replacingAll("返回给定的 <parameter>string</parameter> 的长度，参见 ", with: "Returns the length of the given <parameter>string</parameter>; see ")
            .replacingAll(">字符串</link>。", with: ">strings</link>.")
    }

    @Test func docbookFragmentsParseAndEntriesAreXMLIDs() throws {
        let document = try Trees.document(docbookZH, profile: .docbook)
        #expect(document.entries.map(\.id.rawValue) == ["function.strlen", "function.strlen.description"])
        #expect(document.tree.undeclaredEntities == ["reftitle.description", "url.php.strings"])
        let section = try #require(document.entry(EntryID("function.strlen.description")))
        #expect(section.content.entityReferences == ["reftitle.description"])
        #expect(section.content.neutralValues.contains(NeutralValue(path: "para[1]/parameter[1]", value: "string", kind: .element)))
        #expect(section.content.neutralValues.contains(
            NeutralValue(path: "para[1]/link[1]@xlink:href", value: "&url.php.strings;", kind: .attribute)),
            "a namespaced attribute holding an undeclared entity is a neutral token")
        #expect(reconcile(.docbook, zh: docbookZH, en: docbookEN).findings.isEmpty)
    }

    @Test func docbookEntitiesNamespacedAttributesAndCodeAreCompared() {
        let en = docbookEN
            .replacingAll("&reftitle.description;", with: "&reftitle.returnvalues;")
            .replacingAll("xlink:href=\"&url.php.strings;\"", with: "xlink:href=\"https://php.net/strings\"")
            .replacingAll("<parameter>string</parameter>; see", with: "<parameter>str</parameter>; see")
        let result = reconcile(.docbook, zh: docbookZH, en: en)
        #expect(result.summaries == [
            Summary("mismatch-attribute", "f.xml#function.strlen.description", 8),
            Summary("mismatch-entity", "f.xml#function.strlen.description", 8),
            Summary("mismatch-neutral", "f.xml#function.strlen.description", 8),
        ])
        #expect(result.findings[1].message == "entity references differ: &reftitle.description; in zh, &reftitle.returnvalues; in en")
    }

    // MARK: - Android

    let androidEN = """
        <?xml version="1.0" encoding="utf-8"?>
        <resources xmlns:tools="http://schemas.android.com/tools" xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
            <string name="app_name" translatable="false">Kubeflow Console</string>
            <string name="welcome">Welcome, <xliff:g id="user" example="Ada">%1$s</xliff:g>!</string>
            <plurals name="jobs_running">
                <item quantity="one">%d job is running</item>
                <item quantity="other">%d jobs are running</item>
            </plurals>
            <string-array name="periods">
                <item>Daily</item>
                <item>Weekly</item>
            </string-array>
            <color name="accent">#FF4081</color>
        </resources>
        """

    let androidZH = """
        <?xml version="1.0" encoding="utf-8"?>
        <resources xmlns:tools="http://schemas.android.com/tools" xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
            <string name="welcome">欢迎，<xliff:g id="user" example="小明">%1$s</xliff:g>！</string>
            <plurals name="jobs_running">
                <item quantity="other">%d 个任务正在运行</item>
            </plurals>
            <string-array name="periods">
                <item>每天</item>
                <item>每周</item>
            </string-array>
            <color name="accent">#FF4081</color>
        </resources>
        """

    @Test func androidEntriesAreNamedAndPluralsAreKeyedByQuantity() throws {
        let plurals = try entry(.android, androidEN, "jobs_running")
        #expect(plurals.content.segments.map(\.path) == ["item[one]", "item[other]"])
        #expect(plurals.content.fields == ["item[other]"], "only `other` is structure; the rest follow the language's plural rules")
        #expect(plurals.content.neutralValues.isEmpty, "the quantity is the key, not a value to compare")
        let array = try entry(.android, androidEN, "periods")
        #expect(array.content.fields == ["item[1]", "item[2]"])
        let name = try entry(.android, androidEN, "app_name")
        #expect(name.content.segments.isEmpty, "translatable=\"false\" is not prose")
        #expect(name.content.neutralValues == [
            NeutralValue(path: "@translatable", value: "false", kind: .attribute),
            NeutralValue(path: ".", value: "Kubeflow Console", kind: .element),
        ])
        #expect(name.mayBeAbsentFromTarget)
        let color = try entry(.android, androidEN, "accent")
        #expect(color.content.segments.isEmpty)
    }

    @Test func androidTranslationsWithOtherPluralRulesAndSourceOnlyStringsAreInSync() {
        // English is the source (values/), Chinese the target (values-zh-rCN/): Chinese has only
        // `other`, and translatable="false" strings are not repeated in it.
        let result = reconcileAndroid(values: androidEN, valuesZH: androidZH)
        #expect(result.findings.isEmpty, "\(result.summaries)")
    }

    @Test func androidMismatchesAreFound() {
        let zh = androidZH
            .replacingAll("<item quantity=\"other\">%d 个任务正在运行</item>", with: "<item quantity=\"few\">%d 个任务正在运行</item>")
            .replacingAll("<item>每周</item>", with: "<item>每周</item>\n            <item>每月</item>")
            .replacingAll("<xliff:g id=\"user\" example=\"小明\">%1$s</xliff:g>", with: "<xliff:g id=\"user\" example=\"小明\">%s</xliff:g>")
            .replacingAll("<color name=\"accent\">#FF4081</color>", with: "<color name=\"accent\">#FF4080</color>\n    <string name=\"app_name\" translatable=\"false\">Kubeflow</string>")
        let result = reconcileAndroid(values: androidEN, valuesZH: zh)
        #expect(result.summaries == [
            Summary("mismatch-neutral", "strings.xml#app_name", 13),
            Summary("mismatch-neutral", "strings.xml#welcome", 3),
            Summary("mismatch-structure", "strings.xml#jobs_running", 4),
            Summary("mismatch-structure", "strings.xml#periods", 7),
            Summary("mismatch-neutral", "strings.xml#accent", 12),
        ])
        #expect(result.findings[2].message == "<item> fields of strings.xml#jobs_running: 1 in values, 0 in values-zh-rCN")
    }

    @Test func androidNeedsTranslationIsAToolsAttribute() {
        let zh = androidZH.replacingAll("<string name=\"welcome\">", with: "<string name=\"welcome\" tools:state=\"needs-translation\">")
        let result = reconcileAndroid(values: androidEN, valuesZH: zh)
        #expect(result.summaries == [Summary("untranslated", "strings.xml#welcome", 3)])
        #expect(FormatProfile.android.needsTranslationNamespace?.declaration == "xmlns:tools=\"http://schemas.android.com/tools\"")
    }

    // MARK: - XHTML through the XML parser

    @Test func xhtmlSkipsScriptsAndStylesAndKeepsTranslateNoNeutral() throws {
        let page = """
            <html xmlns="http://www.w3.org/1999/xhtml" lang="zh"><head><style>p { color: red }</style></head>
            <body><p id="intro">你好<script>var s = 1 &lt; 2;</script>，世界 <span translate="no">Kubeflow</span></p></body></html>
            """
        let intro = try entry(.html, page, "intro")
        #expect(intro.content.text == "你好，世界 Kubeflow")
        #expect(intro.content.segments == [TextSegment(path: "", text: "你好，世界")])
        #expect(intro.content.neutralValues == [
            NeutralValue(path: "span[1]@translate", value: "no", kind: .attribute),
            NeutralValue(path: "span[1]", value: "Kubeflow", kind: .element),
        ])
        #expect(intro.content.fields == ["span[1]"], "a script is not a field")
    }

    // MARK: - Plain XML keeps its behaviour

    @Test func plainXMLIsUnchanged() throws {
        let work = "<section id=\"work\"><entry id=\"a\"><org>才云</org><period from=\"2020-02\"/><item id=\"b\">调研</item><item>x</item></entry></section>"
        let entry = try entry(.xml, work, "a")
        #expect(entry.content.fields == ["org[1]", "period[1]", "item[1]"])
        #expect(entry.content.neutralValues == [NeutralValue(path: "period[1]@from", value: "2020-02", kind: .attribute)])
        #expect(!entry.mayBeAbsentFromTarget)
        #expect(FormatProfile.xml.doNotTranslate == AttributeMarker(attribute: "translate", value: "no"))
    }
}

extension String {
    /// Replaces every occurrence; the tests build variants of one text.
    func replacingAll(_ old: String, with new: String) -> String {
        components(separatedBy: old).joined(separator: new)
    }
}
