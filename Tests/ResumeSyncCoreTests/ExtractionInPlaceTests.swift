import Foundation
import Testing
@testable import ResumeSyncCore
import ResumeSyncXML

/// `check` and `diff` read entries from a document recorded from libxml2's events, without
/// libxml2's tree (`XMLElementView`), and `merge` and `todo` from the Swift tree they also edit
/// by. Both must find the same entries, the same duplicate IDs and the same root, and refuse
/// the same documents the same way; and an entry whose content `check` reads only when asked
/// for (`ContentDeferral`) must read as the one built as the entries are found.
@Suite struct ExtractionInPlaceTests {
    /// Parses `bytes` both ways with `profile` and compares everything a reader of entries sees.
    static func expectSameReading(
        _ bytes: [UInt8], file: String = "f.xml", profile: FormatProfile, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var withTree = TreeLoader(profile: profile)
        withTree.keepsTrees = true
        var inPlace = TreeLoader(profile: profile)
        inPlace.keepsTrees = false
        let path = RelativePath(file)
        let tree = withTree.parse(bytes, file: path, displayPath: "zh/\(file)", side: .source)
        let view = inPlace.parse(bytes, file: path, displayPath: "zh/\(file)", side: .source)
        // In place with every entry's content read only when asked for, after the parse.
        let deferred = inPlace.parse(bytes, file: path, displayPath: "zh/\(file)", side: .source, deferring: .all)
        switch (tree, view) {
        case (.success(let tree), .success(let view)):
            #expect(view.entries.count == tree.entries.count, "entries of \(file)", sourceLocation: sourceLocation)
            for (left, right) in zip(tree.entries, view.entries) {
                #expect(describe(left) == describe(right), "an entry of \(file)", sourceLocation: sourceLocation)
            }
            if let deferred = try? deferred.get() {
                #expect(deferred.entries.count == view.entries.count, "deferred entries of \(file)", sourceLocation: sourceLocation)
                for (built, waiting) in zip(view.entries, deferred.entries) {
                    #expect(!waiting.contentHasBeenRead, sourceLocation: sourceLocation)
                    #expect(waiting.exactHash == built.exactHash, "the exact hash of \(built.key)", sourceLocation: sourceLocation)
                    #expect(describe(waiting) == describe(built), "a deferred entry of \(file)", sourceLocation: sourceLocation)
                    #expect(waiting.contentHasBeenRead, sourceLocation: sourceLocation)
                }
                #expect(deferred.duplicateIDs == view.duplicateIDs, sourceLocation: sourceLocation)
            } else {
                Issue.record("\(file) was refused when its content was deferred", sourceLocation: sourceLocation)
            }
            #expect(view.duplicateIDs == tree.duplicateIDs, sourceLocation: sourceLocation)
            let bare = tree.tree.rootAlone
            #expect(view.tree.root == bare.root, sourceLocation: sourceLocation)
            #expect(view.tree.undeclaredEntities == bare.undeclaredEntities, sourceLocation: sourceLocation)
            #expect(view.tree.spansAreExact == bare.spansAreExact, sourceLocation: sourceLocation)
        case (.failure(let tree), .failure(let view)):
            #expect(view.findings == tree.findings, "why \(file) is refused", sourceLocation: sourceLocation)
            if case .failure(let deferred) = deferred {
                #expect(deferred.findings == view.findings, sourceLocation: sourceLocation)
            } else {
                Issue.record("\(file) was read when its content was deferred", sourceLocation: sourceLocation)
            }
        default:
            Issue.record("\(file) parsed one way and not the other", sourceLocation: sourceLocation)
        }
    }

    /// Every field of an entry, as text to compare and to show when they differ.
    static func describe(_ entry: Entry) -> String {
        let content = entry.content
        return """
            \(entry.key) <\(entry.elementName)> \(entry.span) \(entry.startTag) \(String(describing: entry.endTag)) \
            parent \(String(describing: entry.parent)) children \(entry.children) \
            needsTranslation \(entry.needsTranslation) mayBeAbsent \(entry.mayBeAbsentFromTarget)
            text \(content.text.debugDescription)
            segments \(content.segments.map { "\($0.path)=\($0.text.debugDescription)" })
            neutral \(content.neutralValues.map { "\($0.path)=\($0.value.debugDescription) \($0.kind)" })
            entities \(content.entityReferences) fields \(content.fields) fingerprint \(content.proseFingerprint)
            """
    }

    static let profiles: [FormatProfile] = [.xml, .docbook, .android]

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.xml` file under `folder` of the package, by its path there.
    static func xmlFiles(under folder: String) throws -> [(path: String, bytes: [UInt8])] {
        let base = packageRoot.appendingPathComponent(folder)
        let paths = try #require(FileManager.default.subpathsOfDirectory(atPath: base.path) as [String]?)
        return try paths.filter { $0.hasSuffix(".xml") }.sorted().map { path in
            (path, [UInt8](try Data(contentsOf: base.appendingPathComponent(path))))
        }
    }

    @Test func theResumeReadsTheSameBothWays() throws {
        let files = try Self.xmlFiles(under: "zh") + Self.xmlFiles(under: "en")
        #expect(files.count >= 16)
        for file in files {
            Self.expectSameReading(file.bytes, file: file.path, profile: .xml)
        }
    }

    @Test func everyFixtureAndFuzzInputReadsTheSameBothWaysInEveryFormat() throws {
        var inputs = try Self.xmlFiles(under: "Tests")
        let corpus = Self.packageRoot.appendingPathComponent("Tests/FuzzCorpus")
        for path in try FileManager.default.subpathsOfDirectory(atPath: corpus.path).sorted() where !path.hasSuffix(".md") {
            var isFolder: ObjCBool = false
            let url = corpus.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            // A fuzz input holds both sides, split at the first NUL.
            let bytes = [UInt8](try Data(contentsOf: url))
            inputs.append((path, Array(bytes.prefix { $0 != 0 })))
        }
        #expect(inputs.count >= 20)
        for input in inputs {
            for profile in Self.profiles {
                Self.expectSameReading(input.bytes, file: input.path, profile: profile)
            }
        }
    }

    /// What the readers treat differently, in one document: prefixes, namespaces, entity
    /// references in text and in attributes (declared and not), CDATA, comments, processing
    /// instructions, neutral and ignored elements, keyed fields, nested and duplicate entries.
    static let awkward = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE book [ <!ENTITY declared "值"> ]>
        <book xmlns="http://docbook.org/ns/docbook" xmlns:x="urn:x" xml:id="b" x:note="top">
          <?pi data?>
          <!-- a comment -->
          <chapter xml:id="c1" title="标题 &declared; &product.name;" x:title="x">
            <title>第二章 <emphasis>重点</emphasis> &undeclared;</title>
            <para xml:id="p1">文本<![CDATA[ <不是标签> & ]]>继续 <code>a &lt; b</code> 结束</para>
            <para xml:id="p2" translate="no">Kubeflow 1.2</para>
            <para xml:id="p1">重复</para>
            <remark>略去</remark>
            <plurals name="n"><item quantity="one">一个</item><item quantity="other">多个 &declared;</item></plurals>
            <section xml:id="s1"><para xml:id="s1-p">嵌套<phrase role="x">短语</phrase></para></section>
            <empty/>
            <para xml:id="   "/>
          </chapter>
          <string name="app">应用 &amp; 名称</string>
          <item id="i1" href="https://example.com/a?b=1&amp;c=2" needs-translation="yes">链接</item>
          <item id="i2" title="&#38;&#x4E2D;&lt;&#60;&quot;x&apos; &declared;" alt="a	b
        c">&#38;&#x4E2D;&lt;<!-- split -->文本&amp;</item>
        </book>
        """

    @Test func anAwkwardDocumentReadsTheSameBothWaysInEveryFormat() throws {
        for profile in Self.profiles {
            Self.expectSameReading(Array(Self.awkward.utf8), file: "awkward.xml", profile: profile)
        }
        // The document is not one the readers skip: entries and references are found.
        let document = try Trees.document(Self.awkward, profile: .docbook)
        #expect(document.entries.count >= 5)
        #expect(!document.tree.undeclaredEntities.isEmpty)
    }

    /// What the recording leaves to libxml2's tree (attributes the DTD defaults, texts that
    /// reach libxml2's limit only together), and names whose prefix is not declared, read as
    /// the tree reads them.
    @Test func documentsTheRecordingLeavesToTheTreeReadTheSame() throws {
        let documents = [
            #"<r xml:id="r"><p:t xml:id="t" q:a="1">未声明的前缀</p:t></r>"#,
            #"<p:r xml:id="r" xmlns:q="urn:q"><q:t xml:id="t">根的前缀未声明</q:t></p:r>"#,
            #"<!DOCTYPE r [ <!ATTLIST t role CDATA "dflt" xml:lang CDATA "zh"> ]><r xml:id="r"><t xml:id="t">默认属性</t></r>"#,
            // Two texts under the limit each, over it together: the tree keeps them apart.
            "<r xml:id=\"r\"><t xml:id=\"t\">" + String(repeating: "a", count: XMLDiagnostic.maximumTextLength / 2 + 1)
                + "<!-- between -->" + String(repeating: "b", count: XMLDiagnostic.maximumTextLength / 2 + 1) + "</t></r>",
        ]
        for document in documents {
            for profile in [FormatProfile.xml, .docbook] {
                Self.expectSameReading(Array(document.utf8), profile: profile)
            }
        }
        // Read, not refused.
        var inPlace = TreeLoader(profile: .xml)
        inPlace.keepsTrees = false
        let long = try inPlace.parse(Array(documents[3].utf8), file: RelativePath("f.xml"), displayPath: "zh/f.xml", side: .source).get()
        #expect(long.entries.map(\.key.id?.rawValue) == ["r", "t"])
    }

    @Test func brokenDocumentsAreRefusedTheSameBothWays() throws {
        let broken = [
            "", "<a>", "<a></b>", "<a x='1' x='2'/>", "\u{FEFF}<a/>", "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>",
            "<a>&#0;</a>", "<a><b></a>", "text", "<a/><b/>",
        ]
        for text in broken {
            Self.expectSameReading(Array(text.utf8), profile: .xml)
        }
        // A text over libxml2's limit: the same failure, at the same place, both ways.
        let long = "<s id=\"s\"><t>" + String(repeating: "a", count: XMLDiagnostic.maximumTextLength + 1) + "</t></s>"
        Self.expectSameReading(Array(long.utf8), profile: .xml)
        var inPlace = TreeLoader(profile: .xml)
        inPlace.keepsTrees = false
        guard case .failure(let problem) = inPlace.parse(Array(long.utf8), file: RelativePath("f.xml"), displayPath: "zh/f.xml", side: .source) else {
            Issue.record("a text over the limit was read")
            return
        }
        #expect(problem.findings.first?.message.contains("<t>") == true)
    }
}
