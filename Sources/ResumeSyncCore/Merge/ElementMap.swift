import ResumeSyncXML

/// A parsed document's elements, flattened for the merge's lookups: each element's parent and
/// child elements, which ones are entries, and how to reach an element from its nearest entry
/// so that the same place can be found in the other language's file.
struct ElementMap {
    struct Node {
        var element: XMLElement
        var parent: Int?
        var children: [Int]
        /// Set when the element is an entry of the document (as the extractor found it).
        var entryID: EntryID?
        /// The field step that reaches this element from its parent, as the extractor writes
        /// it (`period[1]`, or `item[other]` for a keyed field); `nil` for entries, the root and
        /// elements the profile ignores.
        var step: String?
    }

    /// Where an element is, independent of the file: its nearest entry (`nil`: the root) and
    /// the field steps from there.
    struct Locator: Hashable {
        var entry: EntryID?
        var steps: [String]
    }

    let document: ParsedDocument
    let profile: FormatProfile
    private(set) var nodes: [Node] = []
    private var entryNodes: [EntryID: Int] = [:]

    init(document: ParsedDocument, profile: FormatProfile) {
        self.document = document
        self.profile = profile
        var entryStarts: [Int: EntryID] = [:]
        for entry in document.alignableEntries { entryStarts[entry.span.start] = entry.id }
        add(document.tree.root, parent: nil, step: nil, entryStarts: entryStarts)
    }

    private mutating func add(_ element: XMLElement, parent: Int?, step: String?, entryStarts: [Int: EntryID]) {
        let index = nodes.count
        let id = entryStarts[element.span.start]
        nodes.append(Node(element: element, parent: parent, children: [], entryID: id, step: id == nil ? step : nil))
        if let id { entryNodes[id] = index }
        if let parent { nodes[parent].children.append(index) }
        // Numbered as `EntryExtractor.fieldStep` numbers them: by name among the fields, or by
        // the key attribute of a keyed field; ignored elements and entries are not counted.
        var counts: [String: Int] = [:]
        for child in element.childElements {
            let name = child.name.qualified
            var childStep: String?
            if !profile.ignoredElements.contains(name), entryStarts[child.span.start] == nil {
                if let keyAttribute = profile.keyedFields[name],
                   let key = child.attribute(keyAttribute).map({ TextNormalizer.collapsingWhitespace($0.value) }), !key.isEmpty {
                    childStep = "\(name)[\(key)]"
                } else {
                    counts[name, default: 0] += 1
                    childStep = "\(name)[\(counts[name] ?? 1)]"
                }
            }
            add(child, parent: index, step: childStep, entryStarts: entryStarts)
        }
    }

    var root: Int { 0 }

    func node(of id: EntryID) -> Int? { entryNodes[id] }

    func element(_ node: Int) -> XMLElement { nodes[node].element }

    /// The child elements of `node` that are fields (not entries, not ignored).
    func fields(of node: Int) -> [Int] {
        nodes[node].children.filter { nodes[$0].step != nil }
    }

    /// The locator of an element; `nil` for an element the profile ignores (or inside one).
    func locator(of node: Int) -> Locator? {
        var steps: [String] = []
        var current = node
        while nodes[current].entryID == nil, let parent = nodes[current].parent {
            guard let step = nodes[current].step else { return nil }
            steps.append(step)
            current = parent
        }
        return Locator(entry: nodes[current].entryID, steps: steps.reversed())
    }

    /// The element at `locator` in this document, when there is one.
    func resolve(_ locator: Locator) -> Int? {
        var current: Int
        if let id = locator.entry {
            guard let node = node(of: id) else { return nil }
            current = node
        } else {
            current = root
        }
        for step in locator.steps {
            guard let next = fields(of: current).first(where: { nodes[$0].step == step }) else { return nil }
            current = next
        }
        return current
    }

    /// The element at a content path of an entry (`period[1]`, `link[1]/code[1]`; `` or `.`
    /// the entry itself).
    func field(_ path: String, of entry: EntryID) -> Int? {
        let steps = path.split(separator: "/").filter { $0 != "." }.map(String.init)
        return resolve(Locator(entry: entry, steps: steps))
    }

    /// Whether the element's recorded spans still frame a tag of its name in the bytes: the
    /// check before any edit that relies on them.
    func spansHold(_ node: Int) -> Bool {
        let element = nodes[node].element
        let bytes = document.bytes
        let name = Array(element.name.qualified.utf8)
        func tag(at span: ByteSpan, opening: [UInt8]) -> Bool {
            guard span.start >= 0, span.end <= bytes.count, span.count > opening.count + name.count else { return false }
            let head = bytes[span.start..<(span.start + opening.count + name.count)].map(Self.lowercased)
            guard head == (opening + name).map(Self.lowercased), bytes[span.end - 1] == UInt8(ascii: ">") else { return false }
            let after = bytes[span.start + opening.count + name.count]
            return after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || LineLayout.isBlank(after)
                || after == 0x0A || after == 0x0D
        }
        guard tag(at: element.startTag, opening: [UInt8(ascii: "<")]) else { return false }
        guard element.span.start == element.startTag.start else { return false }
        if let end = element.endTag {
            return tag(at: end, opening: Array("</".utf8)) && element.span.end == end.end
        }
        // Self-closing (`<br/>`), or an HTML element without an end tag (`<br>`, `<li>` closed
        // by the next one): its content, if any, runs to the end of its span.
        return element.span.end >= element.startTag.end
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
