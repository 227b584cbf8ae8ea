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

/// A parsed document read in place: valid only inside the `XMLDocumentParser.parse(_:reading:)`
/// call that gave it, as its elements point into libxml2's document (which this layer frees).
public struct XMLDocumentView {
    public let root: XMLElementView
    /// As `XMLDocumentTree.undeclaredEntities`.
    public let undeclaredEntities: Set<String>
    /// As `XMLDocumentTree.spansAreExact`.
    public let spansAreExact: Bool

    /// The document as `XMLDocumentTree.rootAlone` has it: the root element without its
    /// contents, what a reader of entries keeps once they are extracted.
    public var rootAlone: XMLDocumentTree {
        let bare = XMLElement(
            name: ParseState.name(root.node.pointee.name, root.node.pointee.ns), attributes: [], children: [],
            span: root.span, startTag: root.startTag, endTag: root.endTag)
        return XMLDocumentTree(root: bare, undeclaredEntities: undeclaredEntities, spansAreExact: spansAreExact)
    }
}

/// An element of a document being read in place (see `XMLDocumentView`).
public struct XMLElementView: XMLElementReading {
    let node: xmlNodePtr
    unowned(unsafe) let state: ParseState
    /// Made once: the extractor asks for it several times at each element.
    public let qualifiedName: String

    init(_ node: xmlNodePtr, in state: ParseState) {
        self.node = node
        self.state = state
        qualifiedName = Self.qualifiedName(node.pointee.name, node.pointee.ns)
    }

    public var span: ByteSpan { state.spans(of: node).span }
    public var startTag: ByteSpan { state.spans(of: node).startTag }
    public var endTag: ByteSpan? { state.spans(of: node).endTag }

    public func attributeValue(_ qualifiedName: String) -> String? {
        var name = qualifiedName
        return name.withUTF8 { wanted in
            var attribute = node.pointee.properties
            while let current = attribute {
                if Self.isNamed(current, wanted) { return Self.value(of: current) }
                attribute = current.pointee.next
            }
            return nil
        }
    }

    public var attributeValues: Attributes { Attributes(upcoming: node.pointee.properties) }

    /// The attributes of an element in place, with their qualified names and values.
    public struct Attributes: Sequence, IteratorProtocol {
        var upcoming: xmlAttrPtr?

        public mutating func next() -> (name: String, value: String)? {
            guard let current = upcoming else { return nil }
            upcoming = current.pointee.next
            return (XMLElementView.qualifiedName(current.pointee.name, current.pointee.ns), XMLElementView.value(of: current))
        }
    }

    /// Whether the attribute's qualified name is the UTF-8 `wanted`, compared in place.
    private static func isNamed(_ attribute: xmlAttrPtr, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func consume(_ text: UnsafePointer<xmlChar>) -> Bool {
            var pointer = text
            while pointer.pointee != 0 {
                guard index < wanted.count, wanted[index] == pointer.pointee else { return false }
                index += 1
                pointer += 1
            }
            return true
        }
        if let prefix = attribute.pointee.ns?.pointee.prefix, prefix.pointee != 0 {
            guard consume(prefix), index < wanted.count, wanted[index] == UInt8(ascii: ":") else { return false }
            index += 1
        }
        guard let local = attribute.pointee.name, consume(local) else { return false }
        return index == wanted.count
    }

    public var contents: Contents { Contents(upcoming: node.pointee.children, state: state) }

    /// The children of an element in place, as `XMLContent`s.
    public struct Contents: Sequence, IteratorProtocol {
        var upcoming: xmlNodePtr?
        unowned(unsafe) let state: ParseState

        public mutating func next() -> XMLContent<XMLElementView>? {
            while let current = upcoming {
                upcoming = current.pointee.next
                switch current.pointee.type {
                case XML_ELEMENT_NODE: return .element(XMLElementView(current, in: state))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text(ParseState.string(current.pointee.content))
                case XML_ENTITY_REF_NODE: return .entityReference(ParseState.string(current.pointee.name))
                default: continue
                }
            }
            return nil
        }
    }

    /// As `XMLName.qualified`, without the name.
    static func qualifiedName(_ localName: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = ParseState.string(localName)
        guard let prefix = namespace?.pointee.prefix, prefix.pointee != 0 else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// As `XMLAttribute.value`: the pieces as the source reads them, one text without joining.
    static func value(of attribute: xmlAttrPtr) -> String {
        guard let first = attribute.pointee.children else { return "" }
        if first.pointee.next == nil, first.pointee.type != XML_ENTITY_REF_NODE {
            return ParseState.string(first.pointee.content)
        }
        var value = ""
        var piece: xmlNodePtr? = first
        while let current = piece {
            if current.pointee.type == XML_ENTITY_REF_NODE {
                value += "&" + ParseState.string(current.pointee.name) + ";"
            } else {
                value += ParseState.string(current.pointee.content)
            }
            piece = current.pointee.next
        }
        return value
    }
}

extension ParseState {
    /// The document to read in place: first the pass that converting it would make, for the
    /// same verdict (the first text over the limit, in document order) and the same spans flag.
    func view(of root: xmlNodePtr) -> Result<XMLDocumentView, XMLParseFailure> {
        var exact = true
        var oversized: XMLDiagnostic?
        survey(root, exact: &exact, oversized: &oversized)
        if let oversized { return .failure(XMLParseFailure(diagnostics: [oversized])) }
        return .success(XMLDocumentView(
            root: XMLElementView(root, in: self), undeclaredEntities: placeholderEntities, spansAreExact: exact))
    }

    /// `convertElement`'s checks, without the conversion.
    private func survey(_ node: xmlNodePtr, exact: inout Bool, oversized: inout XMLDiagnostic?) {
        let spans = spans(of: node)
        if !spans.recorded { exact = false }
        var child = node.pointee.children
        while let current = child {
            if oversized == nil { oversized = oversizedText(current, in: node, after: spans.startTag) }
            if current.pointee.type == XML_ELEMENT_NODE { survey(current, exact: &exact, oversized: &oversized) }
            child = current.pointee.next
        }
    }
}
