import Foundation
import Testing
@testable import ResumeSyncCore
import ResumeSyncXML

/// Merge follows each file's format profile: its mark, its namespace, its fields, what may stay
/// in the source only, and HTML's looser tags.
@Suite struct MergeFormatsTests {
    static let android = Configuration(profile: .android, format: .android)

    @Test func androidStringsGetTheToolsMarkAndItsNamespaceButNotUntranslatableOnes() throws {
        let zh = """
            <resources xmlns:tools="http://schemas.android.com/tools">
                <string name="app_name" translatable="false">Resume</string>
                <string name="hello">你好</string>
                <string name="bye">再见</string>
            </resources>

            """
        let en = "<resources>\n    <string name=\"hello\">Hello</string>\n</resources>\n"
        let project = try MergeProject(zh: ["strings.xml": zh], en: ["strings.xml": en], configuration: Self.android)
        let plan = try project.plan()
        #expect(MergeProject.newText(plan, "en/strings.xml") == """
            <resources xmlns:tools="http://schemas.android.com/tools">
                <string name="hello">Hello</string>
                <string name="bye" tools:state="needs-translation">再见</string>
            </resources>

            """)
        #expect(plan.outcome.inserted.map(\.key.description) == ["strings.xml#bye"])
        #expect(plan.result.findings.map(\.rule) == [.untranslated])
    }

    @Test func aNewAndroidFileLeavesOutTheStringsThatStayInTheSource() throws {
        let zh = "<resources>\n    <string name=\"app_name\" translatable=\"false\">Resume</string>\n    <string name=\"hello\">你好</string>\n</resources>"
        let project = try MergeProject(zh: ["strings.xml": zh], en: [:], configuration: Self.android)
        try FileManager.default.createDirectory(atPath: project.path("en"), withIntermediateDirectories: true)
        let plan = try project.plan()
        #expect(MergeProject.newText(plan, "en/strings.xml")
            == "<resources xmlns:tools=\"http://schemas.android.com/tools\">\n    <string name=\"hello\" tools:state=\"needs-translation\">你好</string>\n</resources>")
        #expect(plan.outcome.createdFiles.map(\.entryCount) == [1])
    }

    @Test func keyedPluralItemsAreFoundByTheirQuantity() throws {
        let before = "<resources><plurals name=\"jobs\"><item quantity=\"other\">%d 份工作</item></plurals></resources>"
        let zhNow = "<resources><plurals name=\"jobs\"><item quantity=\"other\" tools:ignore=\"x\" format=\"b\">%d 份工作</item></plurals></resources>"
            .replacingOccurrences(of: " tools:ignore=\"x\"", with: "")
        let en = "<resources><plurals name=\"jobs\"><item quantity=\"one\">one job</item><item quantity=\"other\">%d jobs</item></plurals></resources>"
        let project = try MergeProject(
            zh: ["strings.xml": zhNow], en: ["strings.xml": en], baselineFrom: (["strings.xml": before], ["strings.xml": en]), configuration: Self.android)
        let plan = try project.plan()
        #expect(plan.outcome.updated.map(\.paths) == [["item[other]@format"]])
        #expect(MergeProject.newText(plan, "en/strings.xml")
            == "<resources><plurals name=\"jobs\"><item quantity=\"one\">one job</item><item quantity=\"other\" format=\"b\">%d jobs</item></plurals></resources>")
    }

    @Test func htmlTagsWithoutQuotesTakeTheMarkAndTheirNewSiblings() throws {
        let zh = "<!DOCTYPE html>\n<html lang=zh>\n<body>\n<section id=intro>\n  <p id=p1>你好</p>\n  <p id=p2 class=note hidden>新段落</p>\n</section>\n</body>\n</html>\n"
        let en = "<!DOCTYPE html>\n<html lang=en>\n<body>\n<SECTION id=intro>\n  <p id=p1>Hello</p>\n</SECTION>\n</body>\n</html>\n"
        let project = try MergeProject(zh: ["page.html": zh], en: ["page.html": en])
        let plan = try project.plan()
        let marker = FormatProfile.html.needsTranslation
        #expect(MergeProject.newText(plan, "en/page.html")
            == "<!DOCTYPE html>\n<html lang=en>\n<body>\n<SECTION id=intro>\n  <p id=p1>Hello</p>\n  <p id=p2 class=note hidden \(marker.attribute)=\"\(marker.value)\">新段落</p>\n</SECTION>\n</body>\n</html>\n")
    }

    @Test func htmlAttributesWithoutQuotesOrValuesAreScanned() throws {
        let bytes = Array("<p id=p2 class=note hidden data-x='1'>".utf8)
        let tag = try #require(ScannedStartTag(bytes: bytes, span: ByteSpan(start: 0, end: bytes.count)))
        #expect(tag.attributes.map(\.name) == ["id", "class", "hidden", "data-x"])
        #expect(tag.attributes.map { String(decoding: bytes[$0.value], as: UTF8.self) } == ["p2", "note", "", "1"])
        #expect(tag.quote == UInt8(ascii: "'"))
        #expect(String(decoding: ScannedStartTag.escaped(Array("a b".utf8), for: 0), as: UTF8.self) == "\"a b\"")
    }
}
