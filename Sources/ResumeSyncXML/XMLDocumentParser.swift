internal import CLibXML2

/// Parses XML bytes with libxml2 into an immutable Swift tree, with exact byte spans.
///
/// This file and its extensions are the only places that see libxml2's pointers. The parse is
/// safe by construction: no network (`XML_PARSE_NONET`), no external entity or DTD loading (a
/// deny-all loader is installed process-wide), no entity expansion (references stay tokens), and
/// libxml2's own depth, text-size and amplification limits stay on (no `XML_PARSE_HUGE`).
/// `XML_PARSE_COMPACT`, which `xmllint` uses too, keeps a short text inside its node rather than
/// in a block of its own: the tree is only read, never changed, so nothing else differs.
public enum XMLDocumentParser {
    /// Initialises libxml2 and installs the deny-all entity loader. Call once on the main thread
    /// before any parse runs on another thread; `parse` calls it too, so forgetting is harmless
    /// on a single thread.
    public static func prepare() {
        _ = libxml2Prepared
    }

    /// Parses `bytes` as an XML document.
    ///
    /// - Throws: `XMLParseFailure` with every diagnostic libxml2 raised when the document is not
    ///   well-formed, is not UTF-8, or is empty.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseFailure) -> XMLDocumentTree {
        prepare()
        try refuseEarly(bytes)
        let state = ParseState(bytes: bytes)
        let result: Result<XMLDocumentTree, XMLParseFailure> = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                state.run(chars) { root in state.tree(of: root) }
            }
        }
        return try result.get()
    }

    /// What is refused before libxml2 sees the bytes: nothing, too much, another encoding.
    private static func refuseEarly(_ bytes: [UInt8]) throws(XMLParseFailure) {
        guard !bytes.isEmpty else {
            throw XMLParseFailure(diagnostics: [
                XMLDiagnostic(message: "the file is empty", byteOffset: 0, code: 4, isFatal: true)
            ])
        }
        guard bytes.count < Int(Int32.max) else {
            throw XMLParseFailure(diagnostics: [XMLDiagnostic(
                message: "the file is \(bytes.count) bytes long, more than libxml2 reads at once (2 GiB)",
                byteOffset: 0, code: 1, isFatal: true)])
        }
        if let refusal = InputEncoding.unicodeRefusal(bytes) {
            throw XMLParseFailure(diagnostics: [XMLDiagnostic(message: refusal, byteOffset: 0, code: 32, isFatal: true)])
        }
    }

    /// Parses `bytes` as `parse` does and gives `body` the document to read, without a Swift
    /// tree: for a reader that needs the entries and not the elements (`check`, `diff`). The
    /// view is valid only while `body` runs; an element it retains (`XMLDocumentView.retaining`)
    /// holds the recorded document for as long as it is kept.
    ///
    /// The document is recorded from libxml2's events, without libxml2's tree (see
    /// `ParseState.recordedView`). A document the recording is not sure to read as the tree
    /// reads it (one that is not well-formed, a text over libxml2's limit, an attribute the DTD
    /// defaults) is parsed again with the tree and read from it, so that it is refused with
    /// the same messages, or read the same.
    ///
    /// - Throws: what `parse` throws, for the same documents.
    public static func parse<Value>(
        _ bytes: [UInt8], reading body: (XMLDocumentView) -> Value
    ) throws(XMLParseFailure) -> Value {
        prepare()
        try refuseEarly(bytes)
        let result: Result<Value, XMLParseFailure> = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let view = ParseState(bytes: bytes, recording: true).recordedView(chars) {
                    return .success(withExtendedLifetime(view) { body(view) })
                }
                let state = ParseState(bytes: bytes)
                return state.run(chars) { root in
                    state.view(of: root).map { view in withExtendedLifetime(view) { body(view) } }
                }
            }
        }
        return try result.get()
    }
}

private let libxml2Prepared: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
}()

/// What one parse collects through libxml2's callbacks; reached from C through `_private`.
final class ParseState {
    let bytes: [UInt8]
    var mainContext: xmlParserCtxtPtr?
    /// The start and end tag of each element read from the document itself, in the order
    /// they opened; an element's node holds its index plus one in `_private`, which libxml2
    /// leaves to the application, so no table keyed by node is needed.
    var tags: [(start: ByteSpan, end: ByteSpan?)] = []
    var diagnostics: [XMLDiagnostic] = []
    var placeholderEntities: Set<String> = []
    /// The first text longer than libxml2's limit, found while converting the tree (libxml2
    /// itself enforces the limit only when a text reaches it in pieces).
    var oversizedText: XMLDiagnostic?
    /// What a parse without libxml2's tree records of the document; `nil` when libxml2 builds
    /// its tree. Reached through a pointer, which the callbacks use without the exclusivity
    /// checks of a class's stored property.
    let recorder: UnsafeMutablePointer<DocumentRecorder>?
    /// The recording met something it does not read as the tree does (see `parse(_:reading:)`).
    var recordingFailed = false

    init(bytes: [UInt8], recording: Bool = false) {
        self.bytes = bytes
        if recording {
            recorder = .allocate(capacity: 1)
            recorder?.initialize(to: DocumentRecorder(expectedBytes: bytes.count))
        } else {
            recorder = nil
        }
    }

    deinit {
        recorder?.deinitialize(count: 1)
        recorder?.deallocate()
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> (ParseState, xmlParserCtxtPtr)? {
        guard let context else { return nil }
        let parserContext = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = parserContext.pointee._private else { return nil }
        return (Unmanaged<ParseState>.fromOpaque(opaque).takeUnretainedValue(), parserContext)
    }

    /// Whether an event comes from the document itself rather than from entity replacement text.
    func isMainInput(_ context: xmlParserCtxtPtr) -> Bool {
        context == mainContext && context.pointee.inputNr == 1
    }

    /// Parses the document with libxml2's tree and, when it is well-formed, hands its root
    /// element to `finish` while the document is alive.
    func run<Value>(
        _ chars: UnsafeBufferPointer<CChar>, finish: (xmlNodePtr) -> Result<Value, XMLParseFailure>
    ) -> Result<Value, XMLParseFailure> {
        parse(chars) { document in
            guard let root = xmlDocGetRootElement(document) else { return .failure(noRoot()) }
            return finish(root)
        }
    }

    /// The failure of a document without a root element: what libxml2 said, or that.
    func noRoot() -> XMLParseFailure {
        if diagnostics.isEmpty {
            diagnostics.append(XMLDiagnostic(
                message: "the document has no root element", byteOffset: 0, code: 4, isFatal: true))
        }
        return XMLParseFailure(diagnostics: diagnostics)
    }

    /// Parses the document, recording it when this state has a recorder and building libxml2's
    /// tree otherwise, and hands libxml2's document to `finish` when the parse read it all.
    func parse<Value>(
        _ chars: UnsafeBufferPointer<CChar>, finish: (xmlDocPtr) -> Result<Value, XMLParseFailure>
    ) -> Result<Value, XMLParseFailure> {
        guard let context = xmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else {
            return .failure(XMLParseFailure(diagnostics: [
                XMLDiagnostic(message: "libxml2 could not create a parser", byteOffset: 0, code: 2, isFatal: true)
            ]))
        }
        defer { xmlFreeParserCtxt(context) }
        mainContext = context
        let unmanaged = Unmanaged.passUnretained(self)
        context.pointee._private = unmanaged.toOpaque()
        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue))
        if recorder != nil {
            installRecordingCallbacks(context.pointee.sax)
        } else {
            installCallbacks(context.pointee.sax)
        }

        xmlSetStructuredErrorFunc(unmanaged.toOpaque(), { userData, error in
            guard let userData, let error else { return }
            Unmanaged<ParseState>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
        })
        defer { xmlSetStructuredErrorFunc(nil, nil) }

        _ = xmlParseDocument(context)

        let document = context.pointee.myDoc
        defer { if let document { xmlFreeDoc(document) } }
        let hasEncoder = context.pointee.input?.pointee.buf?.pointee.encoder != nil
        if hasEncoder {
            diagnostics.append(XMLDiagnostic(
                message: InputEncoding.declaredRefusal(bytes),
                byteOffset: 0, code: 32, isFatal: true))
        }
        // A parse that libxml2 stopped early (a text over its limit) can still claim to be
        // well-formed; `disableSAX` tells that the tree is incomplete.
        guard context.pointee.wellFormed != 0, context.pointee.disableSAX == 0, !hasEncoder, let document else {
            return .failure(noRoot())
        }
        return finish(document)
    }

    private func installCallbacks(_ handler: UnsafeMutablePointer<xmlSAXHandler>?) {
        guard let handler else { return }
        installEntityAndErrorCallbacks(handler)
        handler.pointee.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces,
                                           attributeCount, defaultedCount, attributes in
            xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces,
                                  attributeCount, defaultedCount, attributes)
            guard let (state, parser) = ParseState.from(context), state.isMainInput(parser),
                  let node = parser.pointee.node
            else { return }
            state.recordStart(of: node, consumed: Int(xmlByteConsumed(parser)))
        }
        handler.pointee.endElementNs = { context, localName, prefix, uri in
            if let (state, parser) = ParseState.from(context), state.isMainInput(parser),
               let node = parser.pointee.node {
                state.recordEnd(of: node, consumed: Int(xmlByteConsumed(parser)))
            }
            xmlSAX2EndElementNs(context, localName, prefix, uri)
        }
    }

    /// The callbacks both kinds of parse share: undeclared entities stand in, errors are kept.
    func installEntityAndErrorCallbacks(_ handler: UnsafeMutablePointer<xmlSAXHandler>) {
        handler.pointee.getEntity = { context, name in
            if let declared = xmlSAX2GetEntity(context, name) { return declared }
            guard let (state, parser) = ParseState.from(context), let name,
                  let document = parser.pointee.myDoc
            else { return nil }
            // An undeclared entity (a DocBook fragment's `&reftitle.description;`): stand in an
            // empty internal entity so that the reference stays a reference node, owned by the
            // document and freed with it.
            if document.pointee.intSubset == nil {
                _ = xmlCreateIntSubset(document, nil, nil, nil)
            }
            state.placeholderEntities.insert(String(cString: name))
            return xmlAddDocEntity(document, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, "")
        }
        handler.pointee.serror = { userData, error in
            guard let (state, parser) = ParseState.from(userData), let error else { return }
            state.record(error.pointee, from: parser)
        }
    }

    func recordStart(of node: xmlNodePtr, consumed: Int) {
        guard let startTag = startTag(consumed: consumed) else { return }
        tags.append((startTag, nil))
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: tags.count)
    }

    func recordEnd(of node: xmlNodePtr, consumed: Int) {
        guard let endTag = endTag(consumed: consumed), let slot = tagSlot(of: node) else { return }
        tags[slot].end = endTag
    }

    /// The start tag that libxml2 has read `consumed` bytes into, as it reports a start: just
    /// past its `>`, or at the `/` of `/>`.
    func startTag(consumed: Int) -> ByteSpan? {
        guard consumed >= 0, consumed < bytes.count, let open = openingBracket(before: consumed) else { return nil }
        let close = bytes[consumed] == UInt8(ascii: "/") ? consumed + 2 : consumed + 1
        return ByteSpan(start: open, end: min(close, bytes.count))
    }

    /// The end tag (or `/>`) that ends just before byte `consumed`, as libxml2 reports an end.
    func endTag(consumed: Int) -> ByteSpan? {
        guard consumed > 0, consumed <= bytes.count, let open = openingBracket(before: consumed - 1) else { return nil }
        return ByteSpan(start: open, end: consumed)
    }

    /// Where `node`'s tags are in `tags`, if they were recorded.
    func tagSlot(of node: xmlNodePtr) -> Int? {
        guard let mark = node.pointee._private else { return nil }
        let slot = Int(bitPattern: mark) - 1
        return slot >= 0 && slot < tags.count ? slot : nil
    }

    /// The offset of the `<` that opens the tag containing `offset` (tags contain no `<`).
    private func openingBracket(before offset: Int) -> Int? {
        var index = offset
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "<") { return index }
            index -= 1
        }
        return nil
    }

    /// Records one of libxml2's errors. An error raised while parsing entity replacement text
    /// (`parser` is not the document's own context, or has an entity's input on top) is
    /// positioned relative to that text; it is placed where the document's input stands instead,
    /// just after the reference that led there.
    func record(_ error: xmlError, from parser: xmlParserCtxtPtr? = nil) {
        let message = error.message.map { String(cString: $0) } ?? "unknown XML error"
        var line = Int(error.line)
        var column = Int(error.int2)
        if let parser, let main = mainContext, parser != main || parser.pointee.inputNr > 1,
           let input = main.pointee.inputTab?.pointee {
            line = Int(input.pointee.line)
            column = Int(input.pointee.col)
        }
        let offset = byteOffset(line: line, column: column)
        diagnostics.append(XMLDiagnostic(
            message: XMLDiagnostic.explained(code: Int(error.code), message: message.trimmingWhitespace()),
            byteOffset: offset,
            code: Int(error.code),
            isFatal: error.level.rawValue >= XML_ERR_ERROR.rawValue))
    }

    /// Converts libxml2's 1-based line and code-point column to a byte offset into the input.
    private func byteOffset(line: Int, column: Int) -> Int {
        var offset = 0
        var currentLine = 1
        while currentLine < line, offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\n") { currentLine += 1 }
            offset += 1
        }
        var remaining = max(column - 1, 0)
        while remaining > 0, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return min(offset, bytes.count)
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
