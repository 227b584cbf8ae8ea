internal import CLibXML2
#if canImport(Glibc)
internal import Glibc
#endif

/// What the entry extractor reads of an element: its name, spans, attributes and contents. A
/// Swift tree's `XMLElement` is one; `XMLElementView` is one read in place from the parser's
/// document, for the commands that keep entries and no tree.
public protocol XMLElementReading {
    associatedtype Contents: Sequence<XMLContent<Self>>
    associatedtype Attributes: Sequence<(name: String, value: String)>

    /// The name as spelled in the source, with its prefix (`xml:id`, `db:para`).
    var qualifiedName: String { get }
    var span: ByteSpan { get }
    var startTag: ByteSpan { get }
    var endTag: ByteSpan? { get }
    /// The value of the attribute of this qualified name, as the source reads (`&name;` for an
    /// entity reference); `nil` when the element has none.
    func attributeValue(_ qualifiedName: String) -> String?
    /// Each attribute's qualified name and value, in document order.
    var attributeValues: Attributes { get }
    /// The element's children that hold content, in document order: elements, text (CDATA too)
    /// and entity references. Comments and processing instructions are left out.
    var contents: Contents { get }
}

/// One child of an element, as `XMLElementReading.contents` gives it.
public enum XMLContent<Element> {
    case element(Element)
    /// Character data: text or a CDATA section.
    case text(String)
    case entityReference(String)
}

extension XMLElement: XMLElementReading {
    public var qualifiedName: String { name.qualified }

    public func attributeValue(_ qualifiedName: String) -> String? {
        attribute(qualifiedName)?.value
    }

    public var attributeValues: some Sequence<(name: String, value: String)> {
        attributes.lazy.map { (name: $0.name.qualified, value: $0.value) }
    }

    public var contents: some Sequence<XMLContent<XMLElement>> {
        children.lazy.compactMap { node -> XMLContent<XMLElement>? in
            switch node {
            case .element(let element): .element(element)
            case .text(let text), .cdata(let text): .text(text)
            case .entityReference(let name): .entityReference(name)
            case .comment, .processingInstruction: nil
            }
        }
    }
}

/// A parsed document read without a Swift tree, as one parse recorded it (`DocumentRecorder`):
/// valid only inside the `XMLDocumentParser.parse(_:reading:)` call that gave it.
public struct XMLDocumentView {
    public let root: XMLElementView
    /// As `XMLDocumentTree.undeclaredEntities`.
    public let undeclaredEntities: Set<String>
    /// As `XMLDocumentTree.spansAreExact`.
    public let spansAreExact: Bool
    let rootName: XMLName
    /// Holds what `root` and the elements read from it point into, while the view is alive.
    let document: RecordedDocument

    init(document: RecordedDocument, rootName: XMLName, undeclaredEntities: Set<String>, spansAreExact: Bool) {
        self.document = document
        self.rootName = rootName
        self.undeclaredEntities = undeclaredEntities
        self.spansAreExact = spansAreExact
        root = XMLElementView(document: document, index: 0)
    }

    /// The document as `XMLDocumentTree.rootAlone` has it: the root element without its
    /// contents, what a reader of entries keeps once they are extracted.
    public var rootAlone: XMLDocumentTree {
        let bare = XMLElement(
            name: rootName, attributes: [], children: [], span: root.span, startTag: root.startTag, endTag: root.endTag)
        return XMLDocumentTree(root: bare, undeclaredEntities: undeclaredEntities, spansAreExact: spansAreExact)
    }
}

/// An element of a recorded document (see `XMLDocumentView`).
public struct XMLElementView: XMLElementReading {
    /// Not retained: the view of the document holds it for as long as its elements are read.
    unowned(unsafe) let document: RecordedDocument
    let index: Int

    public var qualifiedName: String { document.elements[index].qualifiedName }
    public var span: ByteSpan { document.elements[index].span }
    public var startTag: ByteSpan { document.elements[index].startTag }
    public var endTag: ByteSpan? { document.elements[index].endTag }

    public func attributeValue(_ qualifiedName: String) -> String? {
        // By index: iterating the slice would copy each name and value to compare one name.
        let attributes = document.attributes
        for index in document.elements[self.index].attributes where attributes[index].name == qualifiedName {
            return attributes[index].value
        }
        return nil
    }

    public var attributeValues: ArraySlice<(name: String, value: String)> {
        document.attributes[document.elements[index].attributes]
    }

    public var contents: Contents { Contents(document: document, upcoming: document.elements[index].firstContent) }

    /// The contents of an element, each followed to the next by its index.
    public struct Contents: Sequence, IteratorProtocol {
        unowned(unsafe) let document: RecordedDocument
        var upcoming: Int

        public mutating func next() -> XMLContent<XMLElementView>? {
            guard upcoming >= 0 else { return nil }
            let content = document.contents[upcoming]
            upcoming = content.next
            switch content.kind {
            case .element: return .element(XMLElementView(document: document, index: content.payload))
            case .text: return .text(document.strings[content.payload])
            case .entityReference: return .entityReference(document.strings[content.payload])
            }
        }
    }
}

/// What a parse recorded of a document for `XMLElementView`: its elements, their attributes
/// and contents in a few flat arrays, where libxml2's tree takes a block or two for each node
/// and a walk to free them.
final class RecordedDocument {
    struct Element {
        var qualifiedName: String
        var attributes: Range<Int>
        /// The index of the first of its contents in `contents`; -1 when it has none.
        var firstContent = -1
        var span = ByteSpan(start: 0, end: 0)
        var startTag = ByteSpan(start: 0, end: 0)
        var endTag: ByteSpan?
    }

    /// An element, a text (CDATA too, adjacent texts joined) or an entity reference; `payload`
    /// is the element's index in `elements`, or the text's or the name's in `strings`.
    struct Content {
        enum Kind { case element, text, entityReference }
        var kind: Kind
        var payload: Int
        /// The index of the next content of the same element; -1 after the last.
        var next = -1
    }

    /// In the order their start tags came, the root first.
    let elements: [Element]
    let contents: [Content]
    let attributes: [(name: String, value: String)]
    let strings: [String]

    init(elements: [Element], contents: [Content], attributes: [(name: String, value: String)], strings: [String]) {
        self.elements = elements
        self.contents = contents
        self.attributes = attributes
        self.strings = strings
    }
}

/// Builds a `RecordedDocument` from a parse's events, in document order: the element starts and
/// ends, the texts between (in as many pieces as libxml2 gives them) and the entity references.
/// Comments and processing instructions are left out, as `XMLElementReading.contents` leaves
/// them out; the texts on each side of one are joined, which no reader of the contents can tell
/// from two texts one after the other.
struct DocumentRecorder {
    private var elements: [RecordedDocument.Element] = []
    private var contents: [RecordedDocument.Content] = []
    private var attributes: [(name: String, value: String)] = []
    private var strings: [String] = []
    /// Each open element, its last content so far (-1: none) and its start tag as recorded.
    private var open: [(element: Int, lastContent: Int, startTag: ByteSpan?)] = []
    /// The text since the last element boundary or entity reference, not yet a content.
    private var pendingText: [UInt8] = []
    private(set) var rootName: XMLName?
    /// Whether some run of text is longer than libxml2's limit: libxml2's tree would be
    /// refused, or be cut off there, so the recording is not the document's reading.
    private(set) var metLongText = false
    private(set) var spansAreExact = true
    /// Names by where the parser keeps them: libxml2's dictionary holds one copy of each name
    /// a parse meets, so one pair of addresses is one name, spelled as a `String` once. A
    /// document uses a handful of names; one with more spells the rest each time.
    private var names: [(local: UnsafeRawPointer?, prefix: UnsafeRawPointer?, name: String)] = []

    /// The name whose local part and prefix the parser keeps at these addresses.
    mutating func name(local: UnsafeRawPointer?, prefix: UnsafeRawPointer?, spelled: () -> String) -> String {
        for known in names where known.local == local && known.prefix == prefix { return known.name }
        let name = spelled()
        if names.count < 32 { names.append((local, prefix, name)) }
        return name
    }

    mutating func startElement(_ qualifiedName: String, startTag: ByteSpan?, rootName: @autoclosure () -> XMLName) {
        flushText()
        let index = elements.count
        elements.append(RecordedDocument.Element(
            qualifiedName: qualifiedName, attributes: attributes.count..<attributes.count))
        if open.isEmpty {
            if index == 0 { self.rootName = rootName() }
        } else {
            append(.element, index)
        }
        open.append((index, -1, startTag))
    }

    /// An attribute of the element started last, before any of its contents.
    mutating func addAttribute(name: String, value: String) {
        attributes.append((name, value))
        elements[elements.count - 1].attributes = elements[elements.count - 1].attributes.lowerBound..<attributes.count
    }

    /// Ends the innermost open element; its end tag counts only when its start tag was recorded.
    mutating func endElement(endTag: ByteSpan?) {
        flushText()
        guard let (index, _, startTag) = open.popLast() else { return }
        let spans = Self.spans(startTag: startTag, endTag: startTag == nil ? nil : endTag)
        elements[index].span = spans.span
        elements[index].startTag = spans.startTag
        elements[index].endTag = spans.endTag
        if !spans.recorded { spansAreExact = false }
    }

    mutating func addText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !open.isEmpty else { return }
        pendingText.append(contentsOf: bytes)
        if pendingText.count > XMLDiagnostic.maximumTextLength { metLongText = true }
    }

    mutating func addEntityReference(_ name: String) {
        guard !open.isEmpty else { return }
        flushText()
        strings.append(name)
        append(.entityReference, strings.count - 1)
    }

    /// The recorded document; `nil` when no element was recorded.
    func finish() -> RecordedDocument? {
        guard !elements.isEmpty else { return nil }
        return RecordedDocument(elements: elements, contents: contents, attributes: attributes, strings: strings)
    }

    /// An element's spans from its tags as recorded: from the start tag's `<` to the end of its
    /// end tag, with no end tag for a self-closing element (whose end is its start). Both tags
    /// must have been recorded for the spans to be exact.
    static func spans(startTag: ByteSpan?, endTag: ByteSpan?) -> (span: ByteSpan, startTag: ByteSpan, endTag: ByteSpan?, recorded: Bool) {
        let start = startTag ?? ByteSpan(start: 0, end: 0)
        let end = endTag ?? start
        let selfClosing = end.start == start.start
        return (ByteSpan(start: start.start, end: max(end.end, start.end)), start, selfClosing ? nil : end,
                startTag != nil && endTag != nil)
    }

    private mutating func flushText() {
        guard !pendingText.isEmpty else { return }
        strings.append(String(decoding: pendingText, as: UTF8.self))
        pendingText.removeAll(keepingCapacity: true)
        append(.text, strings.count - 1)
    }

    private mutating func append(_ kind: RecordedDocument.Content.Kind, _ payload: Int) {
        let index = contents.count
        contents.append(RecordedDocument.Content(kind: kind, payload: payload))
        let last = open[open.count - 1].lastContent
        if last >= 0 {
            contents[last].next = index
        } else {
            elements[open[open.count - 1].element].firstContent = index
        }
        open[open.count - 1].lastContent = index
    }
}

extension ParseState {
    /// The document of a parse that built libxml2's tree, recorded from the tree: first the pass
    /// that converting it would make, for the same verdict (the first text over the limit, in
    /// document order) and the same spans flag.
    func view(of root: xmlNodePtr) -> Result<XMLDocumentView, XMLParseFailure> {
        var oversized: XMLDiagnostic?
        survey(root, oversized: &oversized)
        if let oversized { return .failure(XMLParseFailure(diagnostics: [oversized])) }
        var recorder = DocumentRecorder()
        record(root, into: &recorder)
        // A root was recorded: `finish` gives a document.
        return .success(XMLDocumentView(
            document: recorder.finish()!, rootName: Self.name(root.pointee.name, root.pointee.ns),
            undeclaredEntities: placeholderEntities, spansAreExact: recorder.spansAreExact))
    }

    /// `convertElement`'s check of text lengths, without the conversion.
    private func survey(_ node: xmlNodePtr, oversized: inout XMLDiagnostic?) {
        let startTag = spans(of: node).startTag
        var child = node.pointee.children
        while let current = child, oversized == nil {
            oversized = oversizedText(current, in: node, after: startTag)
            if current.pointee.type == XML_ELEMENT_NODE { survey(current, oversized: &oversized) }
            child = current.pointee.next
        }
    }

    private func record(_ node: xmlNodePtr, into recorder: inout DocumentRecorder) {
        let slot = tagSlot(of: node)
        recorder.startElement(
            Self.qualifiedName(node.pointee.name, node.pointee.ns), startTag: slot.map { tags[$0].start },
            rootName: Self.name(node.pointee.name, node.pointee.ns))
        var attribute = node.pointee.properties
        while let current = attribute {
            recorder.addAttribute(name: Self.qualifiedName(current.pointee.name, current.pointee.ns), value: Self.value(of: current))
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                record(current, into: &recorder)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    recorder.addText(UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
                }
            case XML_ENTITY_REF_NODE:
                recorder.addEntityReference(Self.string(current.pointee.name))
            default:
                break
            }
            child = current.pointee.next
        }
        recorder.endElement(endTag: slot.flatMap { tags[$0].end })
    }

    /// As `XMLName.qualified`, without the name.
    static func qualifiedName(_ localName: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = string(localName)
        guard let prefix = namespace?.pointee.prefix, prefix.pointee != 0 else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// As `XMLAttribute.value`: the pieces as the source reads them, one text without joining.
    static func value(of attribute: xmlAttrPtr) -> String {
        guard let first = attribute.pointee.children else { return "" }
        if first.pointee.next == nil, first.pointee.type != XML_ENTITY_REF_NODE {
            return string(first.pointee.content)
        }
        var value = ""
        var piece: xmlNodePtr? = first
        while let current = piece {
            if current.pointee.type == XML_ENTITY_REF_NODE {
                value += "&" + string(current.pointee.name) + ";"
            } else {
                value += string(current.pointee.content)
            }
            piece = current.pointee.next
        }
        return value
    }
}
