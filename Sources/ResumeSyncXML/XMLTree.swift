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
    public var prefix: String?
    public var localName: String
    public var namespaceURI: String?

    public init(prefix: String? = nil, localName: String, namespaceURI: String? = nil) {
        self.prefix = prefix
        self.localName = localName
        self.namespaceURI = namespaceURI
    }

    /// The name as it is spelled in the source, with its prefix.
    public var qualified: String {
        if let prefix, !prefix.isEmpty { return "\(prefix):\(localName)" }
        return localName
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

public struct XMLElement: Hashable, Sendable {
    public var name: XMLName
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// From the `<` of the start tag to just past the `>` of the end tag (or of `/>`).
    public var span: ByteSpan
    /// The start tag alone, from `<` to just past `>`.
    public var startTag: ByteSpan
    /// The end tag alone; `nil` for a self-closing element.
    public var endTag: ByteSpan?

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
