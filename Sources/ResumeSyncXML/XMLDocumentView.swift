internal import CLibXML2

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
    /// Calls `body` with each element of `contents`, in order: for a reader that needs only
    /// the elements, which a recorded document gives without reading its texts.
    func forEachChildElement(_ body: (Self) -> Void)
}

extension XMLElementReading {
    public func forEachChildElement(_ body: (Self) -> Void) {
        for case .element(let child) in contents { body(child) }
    }
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

    /// How many elements the document has, the root among them.
    public var elementCount: Int { document.elements.count }

    /// One of the document's elements with what it is read from held: unlike the view, it may
    /// be read after the parse that gave it, for content read only when it is asked for.
    public func retaining(_ element: XMLElementView) -> RetainedXMLElement {
        RetainedXMLElement(document: document, index: element.index)
    }

    /// The document as `XMLDocumentTree.rootAlone` has it: the root element without its
    /// contents, what a reader of entries keeps once they are extracted.
    public var rootAlone: XMLDocumentTree {
        let bare = XMLElement(
            name: rootName, attributes: [], children: [], span: root.span, startTag: root.startTag, endTag: root.endTag)
        return XMLDocumentTree(root: bare, undeclaredEntities: undeclaredEntities, spansAreExact: spansAreExact)
    }
}

/// An element of a recorded document that holds the document (`XMLDocumentView.retaining`).
/// Sendable: a recorded document is not changed once the recording hands it over, and its
/// values are read, never written, by whichever thread reads them.
public struct RetainedXMLElement: @unchecked Sendable {
    let document: RecordedDocument
    let index: Int

    /// Reads the element; the view given is valid only while `body` runs.
    public func read<Value>(_ body: (XMLElementView) -> Value) -> Value {
        withExtendedLifetime(document) { body(XMLElementView(document: document, index: index)) }
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
        // By index: iterating the attributes would copy each name and value to compare one name.
        let attributes = document.attributes
        for index in document.elements[self.index].attributes where attributes[index].name == qualifiedName {
            return attributes[index].value
        }
        return nil
    }

    public var attributeValues: Slice<UnsafeBufferPointer<(name: String, value: String)>> {
        UnsafeBufferPointer(document.attributes)[document.elements[index].attributes]
    }

    public var contents: Contents { Contents(document: document, upcoming: document.elements[index].firstContent) }

    /// The child elements alone, with no `String` made of the texts between them.
    public func forEachChildElement(_ body: (XMLElementView) -> Void) {
        var upcoming = document.elements[index].firstContent
        while upcoming >= 0 {
            let content = document.contents[upcoming]
            if content.kind == .element { body(XMLElementView(document: document, index: content.payload)) }
            upcoming = content.next
        }
    }

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
            case .text: return .text(document.text(of: content))
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
    /// is the element's index in `elements`, the name's in `strings`, or where the text's
    /// `length` bytes start in `texts`.
    struct Content {
        enum Kind { case element, text, entityReference }
        var kind: Kind
        var length: UInt32 = 0
        var payload: Int
        /// The index of the next content of the same element; -1 after the last.
        var next = -1
    }

    /// In the order their start tags came, the root first.
    ///
    /// Buffers of the document's own rather than arrays: a view reads them through a reference
    /// it does not retain, and each read of an array through it retained and released the
    /// array's storage (a million times over the 200-file benchmark trees).
    let elements: UnsafeMutableBufferPointer<Element>
    let contents: UnsafeMutableBufferPointer<Content>
    let attributes: UnsafeMutableBufferPointer<(name: String, value: String)>
    /// The names of entity references.
    let strings: UnsafeMutableBufferPointer<String>
    /// The texts' UTF-8 bytes (see `DocumentRecorder.texts`).
    let texts: UnsafeMutableBufferPointer<UInt8>

    /// Takes over the buffers a recording wrote (`RecordingBuffer.handOver`).
    init(
        elements: UnsafeMutableBufferPointer<Element>, contents: UnsafeMutableBufferPointer<Content>,
        attributes: UnsafeMutableBufferPointer<(name: String, value: String)>, strings: UnsafeMutableBufferPointer<String>,
        texts: UnsafeMutableBufferPointer<UInt8>
    ) {
        self.elements = elements
        self.contents = contents
        self.attributes = attributes
        self.strings = strings
        self.texts = texts
    }

    /// The text a content of kind `.text` holds, made a `String` now.
    func text(of content: Content) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: texts[content.payload ..< content.payload + Int(content.length)]), as: UTF8.self)
    }

    deinit {
        Self.release(elements)
        Self.release(contents)
        Self.release(attributes)
        Self.release(strings)
        texts.deallocate()
    }

    /// Value by value: the buffers' own bulk destroy goes through each value's type at run
    /// time, where this loop is specialized.
    private static func release<Value>(_ buffer: UnsafeMutableBufferPointer<Value>) {
        for index in buffer.indices { _ = buffer.moveElement(from: index) }
        buffer.deallocate()
    }
}
