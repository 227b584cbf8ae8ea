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
            guard !recordingFailed, !recorder.pointee.metLongText, let document = recorder.pointee.finish(),
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
