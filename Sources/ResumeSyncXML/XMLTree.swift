/// A half-open range of byte offsets into the file's original bytes.
public struct ByteSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var count: Int { end - start }
    public var range: Range<Int> { start..<end }
    public var description: String { "\(start)..<\(end)" }
}

/// A qualified XML name as written in the document (`xml:id`, `db:para`, `item`).
public struct XMLName: Hashable, Sendable, CustomStringConvertible {
    public let prefix: String?
    public let localName: String
    public let namespaceURI: String?
    /// The name as it is spelled in the source, with its prefix: made once, as the extractor
    /// asks for it at every element and attribute (`xml:id` is looked up on each element).
    public let qualified: String

    public init(prefix: String? = nil, localName: String, namespaceURI: String? = nil) {
        self.prefix = prefix
        self.localName = localName
        self.namespaceURI = namespaceURI
        if let prefix, !prefix.isEmpty {
            qualified = prefix + ":" + localName
        } else {
            qualified = localName
        }
    }

    public var description: String { qualified }
}

/// A piece of character data: literal text, or an entity reference kept as an opaque token.
public enum XMLTextPiece: Hashable, Sendable {
    case text(String)
    case entityReference(String)

    /// The piece as it reads in the source: entity references as `&name;`.
    public var sourceForm: String {
        switch self {
        case .text(let text): return text
        case .entityReference(let name): return "&\(name);"
        }
    }
}

public struct XMLAttribute: Hashable, Sendable {
    public var name: XMLName
    /// The value, with entity references left as tokens rather than expanded.
    public var pieces: [XMLTextPiece]

    public init(name: XMLName, pieces: [XMLTextPiece]) {
        self.name = name
        self.pieces = pieces
    }

    /// The value as it reads in the source (`&name;` for entity references).
    public var value: String {
        // Most values are one piece of text: no array, no joining.
        if pieces.count == 1, case .text(let text) = pieces[0] { return text }
        return pieces.map(\.sourceForm).joined()
    }
}

/// A node of the parsed document, as plain Swift values.
public enum XMLNode: Hashable, Sendable {
    case element(XMLElement)
    case text(String)
    case cdata(String)
    case entityReference(String)
    case comment(String)
    case processingInstruction(target: String, data: String)
}

/// An element and everything in it.
///
/// A class, immutable: the extractor and the merge pass elements from node to node, and as a
/// value each copy retained its name's strings and its two arrays one by one.
public final class XMLElement: Hashable, Sendable {
    public let name: XMLName
    public let attributes: [XMLAttribute]
    public let children: [XMLNode]
    /// From the `<` of the start tag to just past the `>` of the end tag (or of `/>`).
    public let span: ByteSpan
    /// The start tag alone, from `<` to just past `>`.
    public let startTag: ByteSpan
    /// The end tag alone; `nil` for a self-closing element.
    public let endTag: ByteSpan?

    public init(
        name: XMLName, attributes: [XMLAttribute], children: [XMLNode],
        span: ByteSpan, startTag: ByteSpan, endTag: ByteSpan?
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.span = span
        self.startTag = startTag
        self.endTag = endTag
    }

    /// Equal by content, as the value it stands for.
    public static func == (left: XMLElement, right: XMLElement) -> Bool {
        left === right || (left.name == right.name && left.span == right.span && left.startTag == right.startTag
            && left.endTag == right.endTag && left.attributes == right.attributes && left.children == right.children)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(attributes)
        hasher.combine(children)
        hasher.combine(span)
        hasher.combine(startTag)
        hasher.combine(endTag)
    }

    public func attribute(_ qualifiedName: String) -> XMLAttribute? {
        attributes.first { $0.name.qualified == qualifiedName }
    }

    public var childElements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }
}

/// A parsed document: its root element and what the parser noticed about it.
public struct XMLDocumentTree: Sendable {
    public var root: XMLElement
    /// Names referenced as `&name;` without a declaration in the document (DocBook fragments).
    public var undeclaredEntities: Set<String>
    /// Whether the recorded byte spans are exact (no input converter was installed).
    public var spansAreExact: Bool

    public init(root: XMLElement, undeclaredEntities: Set<String>, spansAreExact: Bool) {
        self.root = root
        self.undeclaredEntities = undeclaredEntities
        self.spansAreExact = spansAreExact
    }

    /// The same document with its root element's children and attributes let go: what a
    /// reader of entries keeps once they are extracted.
    public var rootAlone: XMLDocumentTree {
        let bare = XMLElement(
            name: root.name, attributes: [], children: [],
            span: root.span, startTag: root.startTag, endTag: root.endTag)
        return XMLDocumentTree(root: bare, undeclaredEntities: undeclaredEntities, spansAreExact: spansAreExact)
    }
}

/// One problem reported by the parser, positioned by byte offset into the input.
public struct XMLDiagnostic: Hashable, Sendable {
    public var message: String
    public var byteOffset: Int
    /// libxml2's error number, for tests and for telling causes apart.
    public var code: Int
    public var isFatal: Bool

    public init(message: String, byteOffset: Int, code: Int, isFatal: Bool) {
        self.message = message
        self.byteOffset = byteOffset
        self.code = code
        self.isFatal = isFatal
    }
}

/// The document could not be read; every diagnostic the parser raised, in order.
public struct XMLParseFailure: Error, Sendable {
    public var diagnostics: [XMLDiagnostic]

    public init(diagnostics: [XMLDiagnostic]) {
        self.diagnostics = diagnostics
    }
}
