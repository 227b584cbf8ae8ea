internal import CLibXML2
#if canImport(Glibc)
internal import Glibc
#endif

/// Turning libxml2's tree into Swift values, once, right after the parse.
extension ParseState {
    /// The whole document as a Swift tree, or the failure of a text over the limit.
    func tree(of root: xmlNodePtr) -> Result<XMLDocumentTree, XMLParseFailure> {
        var exact = true
        let element = convertElement(root, exact: &exact)
        if let oversizedText { return .failure(XMLParseFailure(diagnostics: [oversizedText])) }
        return .success(XMLDocumentTree(root: element, undeclaredEntities: placeholderEntities, spansAreExact: exact))
    }

    /// An element's spans, from the tags its callbacks recorded; `nil` tags when they were not
    /// (an element from entity replacement text), which makes the document's spans inexact.
    func spans(of node: xmlNodePtr) -> (span: ByteSpan, startTag: ByteSpan, endTag: ByteSpan?, recorded: Bool) {
        let slot = tagSlot(of: node)
        return DocumentRecorder.spans(startTag: slot.map { tags[$0].start }, endTag: slot.flatMap { tags[$0].end })
    }

    /// The diagnostic for a text or CDATA node over the length libxml2 allows, inside `parent`.
    func oversizedText(_ node: xmlNodePtr, in parent: xmlNodePtr, after startTag: ByteSpan) -> XMLDiagnostic? {
        guard node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE,
              let content = node.pointee.content,
              strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)) > XMLDiagnostic.maximumTextLength
        else { return nil }
        return XMLDiagnostic(
            message: XMLDiagnostic.textTooLong("the text in <\(Self.name(parent.pointee.name, parent.pointee.ns))>"),
            byteOffset: startTag.end, code: 2, isFatal: true)
    }

    func convertElement(_ node: xmlNodePtr, exact: inout Bool) -> XMLElement {
        let spans = spans(of: node)
        if !spans.recorded { exact = false }
        var children: [XMLNode] = []
        children.reserveCapacity(Self.count(from: node.pointee.children))
        var child = node.pointee.children
        while let current = child {
            if oversizedText == nil { oversizedText = oversizedText(current, in: node, after: spans.startTag) }
            if let converted = convertNode(current, exact: &exact) { children.append(converted) }
            child = current.pointee.next
        }
        return XMLElement(
            name: Self.name(node.pointee.name, node.pointee.ns),
            attributes: attributes(of: node),
            children: children,
            span: spans.span,
            startTag: spans.startTag,
            endTag: spans.endTag)
    }

    private func convertNode(_ node: xmlNodePtr, exact: inout Bool) -> XMLNode? {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            return .element(convertElement(node, exact: &exact))
        case XML_TEXT_NODE:
            return .text(Self.string(node.pointee.content))
        case XML_CDATA_SECTION_NODE:
            return .cdata(Self.string(node.pointee.content))
        case XML_ENTITY_REF_NODE:
            return .entityReference(Self.string(node.pointee.name))
        case XML_COMMENT_NODE:
            return .comment(Self.string(node.pointee.content))
        case XML_PI_NODE:
            return .processingInstruction(
                target: Self.string(node.pointee.name), data: Self.string(node.pointee.content))
        default:
            return nil
        }
    }

    /// The number of nodes in the list that starts at `first`, so that an array of them is made
    /// at its size rather than grown.
    static func count(from first: xmlNodePtr?) -> Int {
        var count = 0
        var node = first
        while let current = node {
            count += 1
            node = current.pointee.next
        }
        return count
    }

    private func attributes(of node: xmlNodePtr) -> [XMLAttribute] {
        guard node.pointee.properties != nil else { return [] }
        var result: [XMLAttribute] = []
        var attribute = node.pointee.properties
        var count = 0
        while let current = attribute {
            count += 1
            attribute = current.pointee.next
        }
        result.reserveCapacity(count)
        attribute = node.pointee.properties
        while let current = attribute {
            var pieces: [XMLTextPiece] = []
            pieces.reserveCapacity(Self.count(from: current.pointee.children))
            var child = current.pointee.children
            while let piece = child {
                if piece.pointee.type == XML_ENTITY_REF_NODE {
                    pieces.append(.entityReference(Self.string(piece.pointee.name)))
                } else {
                    pieces.append(.text(Self.string(piece.pointee.content)))
                }
                child = piece.pointee.next
            }
            result.append(XMLAttribute(name: Self.name(current.pointee.name, current.pointee.ns), pieces: pieces))
            attribute = current.pointee.next
        }
        return result
    }

    static func name(_ localName: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> XMLName {
        XMLName(
            prefix: namespace?.pointee.prefix.map { String(cString: $0) },
            localName: string(localName),
            namespaceURI: namespace?.pointee.href.map { String(cString: $0) })
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
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
        // A root was recorded: `finish` gives a document, and the root its name.
        return .success(XMLDocumentView(
            document: recorder.finish()!, rootName: recorder.rootName!,
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
        qualifiedName(localName, namespace?.pointee.prefix)
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
