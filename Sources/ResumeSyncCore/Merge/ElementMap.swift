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
    }

    /// One step down from an element to a field: the `index`th child element named `name` that
    /// is not an entry (1-based), as the extractor numbers fields (`period[1]`).
    struct Step: Hashable {
        var name: String
        var index: Int
    }

    /// Where an element is, independent of the file: its nearest entry (`nil`: the root) and
    /// the field steps from there.
    struct Locator: Hashable {
        var entry: EntryID?
        var steps: [Step]
    }

    let document: ParsedDocument
    private(set) var nodes: [Node] = []
    private var entryNodes: [EntryID: Int] = [:]

    init(document: ParsedDocument) {
        self.document = document
        var entryStarts: [Int: EntryID] = [:]
        for entry in document.alignableEntries { entryStarts[entry.span.start] = entry.id }
        add(document.tree.root, parent: nil, entryStarts: entryStarts)
    }

    private mutating func add(_ element: XMLElement, parent: Int?, entryStarts: [Int: EntryID]) {
        let index = nodes.count
        let id = entryStarts[element.span.start]
        nodes.append(Node(element: element, parent: parent, children: [], entryID: id))
        if let id { entryNodes[id] = index }
        if let parent { nodes[parent].children.append(index) }
        for child in element.childElements {
            add(child, parent: index, entryStarts: entryStarts)
        }
    }

    var root: Int { 0 }

    func node(of id: EntryID) -> Int? { entryNodes[id] }

    func element(_ node: Int) -> XMLElement { nodes[node].element }

    /// The child elements of `node` that are fields (not entries).
    func fields(of node: Int) -> [Int] {
        nodes[node].children.filter { nodes[$0].entryID == nil }
    }

    func locator(of node: Int) -> Locator {
        var steps: [Step] = []
        var current = node
        while nodes[current].entryID == nil, let parent = nodes[current].parent {
            let name = nodes[current].element.name.qualified
            let sameName = fields(of: parent).filter { nodes[$0].element.name.qualified == name }
            steps.append(Step(name: name, index: (sameName.firstIndex(of: current) ?? 0) + 1))
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
            let sameName = fields(of: current).filter { nodes[$0].element.name.qualified == step.name }
            guard step.index >= 1, step.index <= sameName.count else { return nil }
            current = sameName[step.index - 1]
        }
        return current
    }

    /// The element at a content path of an entry (`period[1]`, `link[1]/code[1]`; `` or `.`
    /// the entry itself).
    func field(_ path: String, of entry: EntryID) -> Int? {
        var steps: [Step] = []
        for part in path.split(separator: "/") where part != "." {
            guard let open = part.lastIndex(of: "["), part.hasSuffix("]"),
                  let index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            else { return nil }
            steps.append(Step(name: String(part[..<open]), index: index))
        }
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
            let head = bytes[span.start..<(span.start + opening.count + name.count)]
            guard Array(head) == opening + name, bytes[span.end - 1] == UInt8(ascii: ">") else { return false }
            let after = bytes[span.start + opening.count + name.count]
            return after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || LineLayout.isBlank(after)
                || after == 0x0A || after == 0x0D
        }
        guard tag(at: element.startTag, opening: [UInt8(ascii: "<")]) else { return false }
        guard element.span.start == element.startTag.start else { return false }
        if let end = element.endTag {
            return tag(at: end, opening: Array("</".utf8)) && element.span.end == end.end
        }
        return element.span.end == element.startTag.end
            && bytes[element.startTag.end - 2] == UInt8(ascii: "/")
    }
}
