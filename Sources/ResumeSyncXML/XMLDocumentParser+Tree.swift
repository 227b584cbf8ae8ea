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
