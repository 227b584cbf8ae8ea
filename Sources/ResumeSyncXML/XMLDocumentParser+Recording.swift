internal import CLibXML2

/// Reading a document from libxml2's events, without libxml2's tree: what `check` and `diff`
/// need of a document is its entries, and building the tree, walking it and freeing it node by
/// node cost as much as reading the entries from it.
///
/// Only the document's own events are recorded. Those of entity replacement text (a declared
/// entity's content, which libxml2 parses on its own context to check it) still build
/// libxml2's nodes for the entity, as they do in a parse with the tree, so that libxml2 checks
/// and counts entities exactly as it always does.
extension ParseState {
    /// The document recorded from its events; `nil` when the parse failed or met something the
    /// recording does not read as the tree does (a text over libxml2's limit, an attribute the
    /// DTD defaults), for the caller to parse it with the tree.
    func recordedView(_ chars: UnsafeBufferPointer<CChar>) -> XMLDocumentView? {
        guard let recorder else { return nil }
        let result = parse(chars) { _ -> Result<XMLDocumentView, XMLParseFailure> in
            // A text that reached the limit gave up the recording as it came (`recordText`).
            guard !recordingFailed, let document = recorder.pointee.finish(),
                  let rootName = recorder.pointee.rootName
            else { return .failure(XMLParseFailure(diagnostics: [])) }
            return .success(XMLDocumentView(
                document: document, rootName: rootName, undeclaredEntities: placeholderEntities,
                spansAreExact: recorder.pointee.spansAreExact))
        }
        return try? result.get()
    }

    /// The document's own event, when `context` is at the document itself: its state and the
    /// recorder; `nil` for an event of entity replacement text, which goes to libxml2's handler.
    private static func recording(_ context: UnsafeMutableRawPointer?) -> (ParseState, xmlParserCtxtPtr, UnsafeMutablePointer<DocumentRecorder>)? {
        guard let (state, parser) = from(context), let recorder = state.recorder, state.isMainInput(parser) else { return nil }
        return (state, parser, recorder)
    }

    /// Stops the parse: the document will be parsed again with the tree.
    private func giveUpRecording(_ parser: xmlParserCtxtPtr) {
        recordingFailed = true
        xmlStopParser(parser)
    }

    func installRecordingCallbacks(_ handler: UnsafeMutablePointer<xmlSAXHandler>?) {
        guard let handler else { return }
        installEntityAndErrorCallbacks(handler)
        handler.pointee.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces,
                                           attributeCount, defaultedCount, attributes in
            guard let (state, parser, recorder) = ParseState.recording(context) else {
                xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces,
                                      attributeCount, defaultedCount, attributes)
                return
            }
            // The event gives the DTD's default attributes too, which libxml2's tree leaves
            // out unless asked: such a document takes the tree. (A name whose prefix is not
            // declared is spelled `p:name` either way.)
            guard defaultedCount == 0 else { return state.giveUpRecording(parser) }
            let name = recorder.pointee.name(local: localName, prefix: prefix) { ParseState.qualifiedName(localName, prefix) }
            recorder.pointee.startElement(
                name, startTag: state.startTag(consumed: Int(xmlByteConsumed(parser))),
                rootName: ParseState.name(name, localName, prefix, uri))
            guard let attributes else { return }
            for index in 0..<Int(attributeCount) {
                // Five pointers an attribute: local name, prefix, URI, value, end of value.
                let fields = attributes + 5 * index
                guard let value = fields[3], let end = fields[4] else { continue }
                let name = recorder.pointee.name(local: fields[0], prefix: fields[1]) {
                    ParseState.qualifiedName(fields[0], fields[1])
                }
                recorder.pointee.addAttribute(
                    name: name,
                    value: ParseState.attributeValue(UnsafeBufferPointer(start: value, count: end - value)))
            }
        }
        handler.pointee.endElementNs = { context, localName, prefix, uri in
            guard let (state, parser, recorder) = ParseState.recording(context) else {
                xmlSAX2EndElementNs(context, localName, prefix, uri)
                return
            }
            recorder.pointee.endElement(endTag: state.endTag(consumed: Int(xmlByteConsumed(parser))))
        }
        // White space between elements comes as "ignorable" white space: the same handler as
        // other text, as in libxml2's own handler (which libxml2 checks by comparing them).
        let characters: charactersSAXFunc = { context, text, count in
            if !ParseState.recordText(context, text, count) { xmlSAX2Characters(context, text, count) }
        }
        handler.pointee.characters = characters
        handler.pointee.ignorableWhitespace = characters
        handler.pointee.cdataBlock = { context, text, count in
            if !ParseState.recordText(context, text, count) { xmlSAX2CDataBlock(context, text, count) }
        }
        handler.pointee.reference = { context, name in
            guard let (_, _, recorder) = ParseState.recording(context) else {
                xmlSAX2Reference(context, name)
                return
            }
            recorder.pointee.addEntityReference(ParseState.string(name))
        }
        handler.pointee.comment = { context, text in
            guard ParseState.recording(context) == nil else { return }
            xmlSAX2Comment(context, text)
        }
        handler.pointee.processingInstruction = { context, target, data in
            guard ParseState.recording(context) == nil else { return }
            xmlSAX2ProcessingInstruction(context, target, data)
        }
    }

    /// An element's name as libxml2's tree gives it (`ParseState.name(_:_:)`): a prefix that
    /// is not declared is part of the local name there, with no namespace.
    static func name(
        _ qualifiedName: String, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?
    ) -> XMLName {
        guard let uri else { return XMLName(localName: qualifiedName) }
        return XMLName(prefix: prefix.map { String(cString: $0) }, localName: string(localName), namespaceURI: String(cString: uri))
    }

    /// Records a piece of the document's text (or CDATA); `false` for one of entity
    /// replacement text, for libxml2's handler.
    private static func recordText(_ context: UnsafeMutableRawPointer?, _ text: UnsafePointer<xmlChar>?, _ count: Int32) -> Bool {
        guard let (state, parser, recorder) = recording(context) else { return false }
        guard let text else { return true }
        recorder.pointee.addText(UnsafeBufferPointer(start: text, count: Int(count)))
        if recorder.pointee.metLongText { state.giveUpRecording(parser) }
        return true
    }

    /// A qualified name from the parts libxml2's events give.
    static func qualifiedName(_ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?) -> String {
        let local = string(localName)
        guard let prefix, prefix.pointee != 0 else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// An attribute's value as the tree's attribute reads (`ParseState.value(of:)`), from the
    /// value libxml2's event gives: an entity reference stays `&name;`, and a character
    /// reference (`&#38;`, which is how the event spells an `&` that was not a reference) is
    /// the character. A value without `&` is the text itself.
    static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "&"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "#"),
                  let semicolon = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ";")),
                  let scalar = characterReference(UnsafeBufferPointer(rebasing: bytes[(index + 2)..<semicolon]))
            else {
                output.append(bytes[index])
                index += 1
                continue
            }
            UTF8.encode(scalar) { output.append($0) }
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The scalar of a character reference's digits (`38`, `x26`).
    private static func characterReference(_ digits: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let text = String(decoding: digits, as: UTF8.self)
        let value = text.first == "x" ? UInt32(text.dropFirst(), radix: 16) : UInt32(text, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }
}

/// Builds a `RecordedDocument` from a parse's events, in document order: the element starts and
/// ends, the texts between (in as many pieces as libxml2 gives them) and the entity references.
/// Comments and processing instructions are left out, as `XMLElementReading.contents` leaves
/// them out; the texts on each side of one are joined, which no reader of the contents can tell
/// from two texts one after the other.
struct DocumentRecorder: ~Copyable {
    /// What the document will hold, written where it will be read: `finish` hands these
    /// buffers over as they are, where copying arrays into the document's buffers retained
    /// every string once and destroying the arrays released it again.
    private var elements: RecordingBuffer<RecordedDocument.Element>
    private var contents: RecordingBuffer<RecordedDocument.Content>
    private var attributes: RecordingBuffer<(name: String, value: String)>
    /// The names of entity references.
    private var strings: RecordingBuffer<String>
    /// Every text's UTF-8 bytes, one after the other: a text becomes a `String` only when it
    /// is read (`XMLElementView.contents`), which for an entry whose content is never asked
    /// for (`check` on a pair its lock verifies) is never.
    private var texts: RecordingBuffer<UInt8>
    /// Where in `texts` the text since the last element boundary or entity reference starts:
    /// the bytes from there on are not yet a content.
    private var pendingText = 0
    /// Each open element, its last content so far (-1: none) and its start tag as recorded.
    private var open: [(element: Int, lastContent: Int, startTag: ByteSpan?)] = []
    private(set) var rootName: XMLName?
    /// Whether some run of text is longer than libxml2's limit: libxml2's tree would be
    /// refused, or be cut off there, so the recording is not the document's reading.
    private(set) var metLongText = false
    private(set) var spansAreExact = true
    /// Names by where the parser keeps them: libxml2's dictionary holds one copy of each name
    /// a parse meets, so one pair of addresses is one name, spelled as a `String` once. A
    /// document uses a handful of names; one with more spells the rest each time.
    private var names: [(local: UnsafeRawPointer?, prefix: UnsafeRawPointer?, name: String)] = []

    /// A recorder for a document of about `expectedBytes` bytes, with room for what such a
    /// document usually holds: markup of an element (with an attribute) and two contents every
    /// couple of hundred bytes, text in half of them. Grown from empty, the arrays were copied
    /// a dozen times each.
    init(expectedBytes: Int = 0) {
        elements = RecordingBuffer(capacity: expectedBytes / 200)
        attributes = RecordingBuffer(capacity: expectedBytes / 200)
        contents = RecordingBuffer(capacity: expectedBytes / 100)
        strings = RecordingBuffer(capacity: 8)
        texts = RecordingBuffer(capacity: expectedBytes / 2)
    }

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
        texts.append(contentsOf: bytes)
        if texts.count - pendingText > XMLDiagnostic.maximumTextLength { metLongText = true }
    }

    mutating func addEntityReference(_ name: String) {
        guard !open.isEmpty else { return }
        flushText()
        strings.append(name)
        append(.entityReference, strings.count - 1)
    }

    /// The recorded document, which takes over what was recorded (the recorder is done with);
    /// `nil` when no element was recorded.
    mutating func finish() -> RecordedDocument? {
        guard elements.count > 0 else { return nil }
        return RecordedDocument(
            elements: elements.handOver(), contents: contents.handOver(), attributes: attributes.handOver(),
            strings: strings.handOver(), texts: texts.handOver())
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
        guard texts.count > pendingText else { return }
        // No longer than the document's own bytes (a character reference is longer than the
        // character), which are under 2 GiB (`refuseEarly`): a `UInt32` holds it.
        append(.text, pendingText, length: UInt32(truncatingIfNeeded: texts.count - pendingText))
        pendingText = texts.count
    }

    private mutating func append(_ kind: RecordedDocument.Content.Kind, _ payload: Int, length: UInt32 = 0) {
        let index = contents.count
        contents.append(RecordedDocument.Content(kind: kind, length: length, payload: payload))
        let last = open[open.count - 1].lastContent
        if last >= 0 {
            contents[last].next = index
        } else {
            elements[open[open.count - 1].element].firstContent = index
        }
        open[open.count - 1].lastContent = index
    }
}

/// A growing buffer of a recording's values, which the recorded document takes over whole
/// (`handOver`): its values are moved, never copied, as it grows and when it is handed over.
/// One not handed over (a recording given up) frees its values with itself. Not copyable, so
/// that it has one owner and needs no reference counting (a class's, retained at each append
/// through the recorder, cost one retain and release an attribute).
struct RecordingBuffer<Value>: ~Copyable {
    private var base: UnsafeMutablePointer<Value>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(index: Int) -> Value {
        get { base[index] }
        nonmutating _modify { yield &base[index] }
    }

    mutating func append(_ value: consuming Value) {
        if count == capacity {
            capacity *= 2
            let grown = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
        }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Appends copies of `values`, growing (by doubling) to hold them.
    mutating func append(contentsOf values: UnsafeBufferPointer<Value>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        if count + values.count > capacity {
            capacity = max(capacity * 2, count + values.count)
            let grown = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
        }
        (base + count).initialize(from: source, count: values.count)
        count += values.count
    }

    /// The values, for their new owner to deinitialize and deallocate; the buffer is left
    /// empty, with room for none.
    mutating func handOver() -> UnsafeMutableBufferPointer<Value> {
        let values = UnsafeMutableBufferPointer(start: base, count: count)
        base = .allocate(capacity: 0)
        count = 0
        capacity = 0
        return values
    }
}
