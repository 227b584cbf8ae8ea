import Foundation
import Testing

/// `merge` on each format's fixture tree: the target's new bytes are its old bytes with exactly
/// the inserted entries added, nothing else touched, and a second merge changes nothing.
@Suite struct FormatMergeTests {
    /// Whether `new` is `old` with exactly `block` inserted at one place, every other byte kept.
    static func isInsertion(of block: String, into old: String, giving new: String) -> Bool {
        let before = Array(old.utf8)
        let after = Array(new.utf8)
        let inserted = Array(block.utf8)
        guard after.count == before.count + inserted.count else { return false }
        var prefix = 0
        while prefix < before.count, before[prefix] == after[prefix] { prefix += 1 }
        // The block may start anywhere within the run it shares with the bytes before it.
        for start in stride(from: prefix, through: max(prefix - inserted.count, 0), by: -1) {
            if Array(before[..<start]) + inserted + Array(before[start...]) == after { return true }
        }
        return false
    }

    /// Every file of a tree, by path relative to it.
    static func files(in folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(next).path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                result[next] = try folder.read(next)
            }
        }
        return result
    }

    @Test func docbookMergeInsertsTheMissingSectionAndTouchesNothingElse() throws {
        let folder = try Sandbox.fixture("docbook-manual")
        let before = try Self.files(in: folder.appendingPathComponent("en"))
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let after = try Self.files(in: folder.appendingPathComponent("en"))
        #expect(Set(after.keys) == Set(before.keys).union(["book/faq.xml"]))
        #expect(after["reference/strlen.xml"] == before["reference/strlen.xml"], "a file with only stale, orphan and mismatched entries is not touched")
        #expect(Self.isInsertion(of: """
              <section xml:id="intro.license" state="needs-translation">
                <title>许可证</title>
                <para xml:id="intro.license.text" state="needs-translation">&product.name; 以 <literal>PHP License 3.01</literal> 发布。</para>
              </section>

            """, into: before["book/intro.xml"] ?? "", giving: after["book/intro.xml"] ?? ""),
            "the source's bytes, entity reference kept, marked")
        let faq = try folder.read("zh/book/faq.xml")
        #expect(after["book/faq.xml"] == faq
            .replacingOccurrences(of: "docbook\">", with: "docbook\" state=\"needs-translation\">")
            .replacingOccurrences(of: "xml:id=\"faq.list\"", with: "xml:id=\"faq.list\" state=\"needs-translation\"")
            .replacingOccurrences(of: "xml:id=\"faq.utf8\"", with: "xml:id=\"faq.utf8\" state=\"needs-translation\""))

        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(!check.stdout.contains("[missing]"))
        #expect(check.stdout.contains("book/intro.xml#intro.license is marked as needing translation [untranslated]"))
        let again = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(again.status == 0)
        #expect(try Self.files(in: folder.appendingPathComponent("en")) == after, "a second merge changes nothing")
    }

    @Test func xhtmlMergeInsertsTheMissingListItem() throws {
        let folder = try Sandbox.fixture("xhtml-site")
        let old = try folder.read("en/guide/katib.xhtml")
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let new = try folder.read("en/guide/katib.xhtml")
        #expect(Self.isInsertion(of: "    <li id=\"step-review\" data-state=\"needs-translation\">查看结果</li>\n", into: old, giving: new))
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(!check.stdout.contains("[missing]"))
        #expect(check.stdout.contains("guide/katib.xhtml#step-review is marked as needing translation [untranslated]"))
        try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(try folder.read("en/guide/katib.xhtml") == new)
    }

    @Test func androidMergeInsertsTheMissingStringOnly() throws {
        let folder = try Sandbox.fixture("android-strings")
        let before = try Self.files(in: folder.appendingPathComponent("res/values-zh-rCN"))
        let merge = try ResumeSyncCommand.run(["merge", "res/values", "res/values-zh-rCN"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let after = try Self.files(in: folder.appendingPathComponent("res/values-zh-rCN"))
        #expect(Set(after.keys) == Set(before.keys), "colors.xml is not content")
        #expect(Self.isInsertion(
            of: "    <string name=\"settings_title\" tools:state=\"needs-translation\">Settings</string>\n",
            into: before["strings.xml"] ?? "", giving: after["strings.xml"] ?? ""),
            "app_name is translatable=\"false\": it stays in values/ only")
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(!check.stdout.contains("[missing]"))
        #expect(check.stdout.contains("strings.xml#settings_title is marked as needing translation [untranslated]"))
    }

    @Test func htmlMergeInsertsIntoAListWithImpliedEndTags() throws {
        let folder = try Sandbox.fixture("html-site")
        let before = try Self.files(in: folder.appendingPathComponent("en"))
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(merge.status == 0, "\(merge.stderr)")
        let after = try Self.files(in: folder.appendingPathComponent("en"))
        #expect(after["about.htm"] == before["about.htm"])
        #expect(Self.isInsertion(
            of: "        <li id=\"svc-training\" data-state=\"needs-translation\">排版培训\n",
            into: before["index.html"] ?? "", giving: after["index.html"] ?? ""),
            "after the previous <li>, which has no end tag; scripts, comments and &nbsp; untouched")
        let check = try ResumeSyncCommand.run(["check"], in: folder)
        #expect(!check.stdout.contains("[missing]"))
        #expect(check.stdout.contains("index.html#svc-training is marked as needing translation [untranslated]"))
        try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(try Self.files(in: folder.appendingPathComponent("en")) == after, "a second merge changes nothing")
    }
}
