import Testing
@testable import ResumeSyncCore

@Suite struct EntryExtractorTests {
    let job = """
        <?xml version="1.0" encoding="UTF-8"?>
        <section id="work">
          <title>工作经历</title>
          <entry id="caicloud">
            <org>才云科技</org>
            <period from="2019-04" to="2020-01"/>
            <item id="caicloud-a" title="提示">基于 <code>caicloud/ormb</code> 开源 &product;</item>
            <item id="caicloud-b" translate="no">Kubeflow</item>
          </entry>
        </section>
        """

    @Test func entriesNestAndComeInDocumentOrder() throws {
        let document = try Trees.document(job)
        #expect(document.entries.map(\.id.rawValue) == ["work", "caicloud", "caicloud-a", "caicloud-b"])
        let caicloud = try #require(document.entry(EntryID("caicloud")))
        #expect(caicloud.parent == EntryID("work"))
        #expect(caicloud.children == [EntryID("caicloud-a"), EntryID("caicloud-b")])
        #expect(document.location(of: caicloud).line == 4)
        #expect(document.location(of: caicloud).column == 3)
    }

    @Test func fieldsAreAlignedByNameAndPosition() throws {
        let caicloud = try #require(try Trees.document(job).entry(EntryID("caicloud")))
        #expect(caicloud.content.fields == ["org[1]", "period[1]"])
        #expect(caicloud.content.segments == [TextSegment(path: "org[1]", text: "才云科技")])
        #expect(caicloud.content.neutralValues == [
            NeutralValue(path: "period[1]@from", value: "2019-04", kind: .attribute),
            NeutralValue(path: "period[1]@to", value: "2020-01", kind: .attribute),
        ])
        #expect(caicloud.content.text == "才云科技")
    }

    /// Each name counts its own fields, however names alternate and however many there are.
    @Test func fieldsAreNumberedByNamePastAnyCount() throws {
        let fields = (1...17).map { "<p>\($0)</p>" }.joined(separator: "<q>x</q>") + "<r>y</r><q>z</q>"
        let item = try #require(try Trees.document("<s id=\"s\"><i id=\"a\">\(fields)</i></s>").entry(EntryID("a")))
        var expected: [String] = []
        for position in 1...17 {
            expected.append("p[\(position)]")
            if position < 17 { expected.append("q[\(position)]") }
        }
        #expect(item.content.fields == expected + ["r[1]", "q[17]"])
    }

    @Test func codeIsNeutralAndEntitiesAreTokens() throws {
        let item = try #require(try Trees.document(job).entry(EntryID("caicloud-a")))
        #expect(item.content.text == "基于 caicloud/ormb 开源 &product;")
        #expect(item.content.segments == [
            TextSegment(path: "@title", text: "提示"),
            TextSegment(path: "", text: "基于 开源 &product;"),
        ])
        #expect(item.content.neutralValues == [NeutralValue(path: "code[1]", value: "caicloud/ormb", kind: .element)])
        #expect(item.content.entityReferences == ["product"])
    }

    @Test func translateNoMakesTheWholeEntryNeutral() throws {
        let item = try #require(try Trees.document(job).entry(EntryID("caicloud-b")))
        #expect(item.content.segments.isEmpty)
        #expect(item.content.neutralValues.contains(NeutralValue(path: ".", value: "Kubeflow", kind: .element)))
    }

    @Test func duplicateIDsAreRecordedAndNotAligned() throws {
        let document = try Trees.document("<s id=\"s\"><i id=\"a\">1</i>\n<i id=\"a\">2</i></s>")
        #expect(document.duplicateIDs[EntryID("a")]?.count == 2)
        #expect(document.entry(EntryID("a")) == nil)
        #expect(document.alignableEntries.map(\.id.rawValue) == ["s"])
    }

    @Test func needsTranslationMarkIsRecognisedAndNotNeutral() throws {
        let document = try Trees.document("<s id=\"s\"><i id=\"a\" state=\"needs-translation\">x</i></s>")
        let item = try #require(document.entry(EntryID("a")))
        #expect(item.needsTranslation)
        #expect(item.content.neutralValues.isEmpty)
    }

    @Test func whitespaceOnlyEditsKeepTheFingerprints() throws {
        let a = try #require(try Trees.document("<s id=\"s\"><i id=\"a\" x=\"1\" y=\"2\">支持GPU共享</i></s>").entry(EntryID("a")))
        let b = try #require(try Trees.document("<s id=\"s\">\n  <i y='2' x='1' id=\"a\">\n    支持 GPU 共享\n  </i></s>").entry(EntryID("a")))
        #expect(a.content.proseFingerprint == b.content.proseFingerprint)
        #expect(a.content.neutralFingerprint == b.content.neutralFingerprint)
    }

    /// A text of white space only (the indentation beside a comment or between fields, which
    /// libxml2's tree keeps as a text node of its own) folds to one space between the words on
    /// each side, and to nothing at either end, in the segment and in the entry's text.
    @Test func aTextOfWhiteSpaceOnlyFoldsToOneSpace() throws {
        let document = try Trees.document(
            "<s id=\"s\"><i id=\"a\">\n  Built<!-- one -->\n  <!-- two -->tools<!-- three -->\u{3000}\n  <org><!-- four -->\n</org></i></s>")
        let item = try #require(document.entry(EntryID("a")))
        #expect(item.content.segments == [TextSegment(path: "", text: "Built tools")])
        #expect(item.content.text == "Built tools")
        #expect(item.content.fields == ["org[1]"])
    }

    /// Fields laid out as blocks, with no text of the entry's own between them but white space,
    /// read apart with a middle dot. The entry's own text before its first field (an entity
    /// reference counts) comes first in its text, and with text of its own the parts are joined
    /// by spaces.
    @Test func fieldsAsBlocksReadApartAndOwnTextBeforeAFieldComesFirst() throws {
        let document = try Trees.document(
            "<s id=\"s\"><i id=\"a\">\n  <t>Title</t>\n  <d>The <code>k8s</code> work</d>\n</i>"
                + "<i id=\"b\">&company; and\n <t>x</t> then</i><i id=\"c\">Own <code>tf-operator</code> tool</i></s>")
        #expect(document.entry(EntryID("a"))?.content.text == "Title · The k8s work")
        #expect(document.entry(EntryID("b"))?.content.text == "&company; and x then")
        #expect(document.entry(EntryID("c"))?.content.text == "Own tf-operator tool")
        #expect(document.entry(EntryID("c"))?.content.segments == [TextSegment(path: "", text: "Own tool")])
    }

    /// An element inside a text keeps the words on each side apart, in the entry's own segment
    /// and in its text, whether the element is a field, neutral, or an entry of its own.
    @Test func anElementInsideATextKeepsTheWordsOnEachSideApart() throws {
        let document = try Trees.document(
            "<s id=\"s\"><i id=\"a\">Built<b>fast</b>tools<code>k8s</code>here<i id=\"n\">x</i>now<i id=\"m\"/></i></s>")
        let item = try #require(document.entry(EntryID("a")))
        #expect(item.content.segments == [
            TextSegment(path: "", text: "Built tools here now"),
            TextSegment(path: "b[1]", text: "fast"),
        ])
        #expect(item.content.text == "Built fast tools k8s here now")
        #expect(item.children == [EntryID("n"), EntryID("m")])
    }
}
