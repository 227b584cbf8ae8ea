import ResumeSyncXML

/// Finds the entries of a parsed document and splits each one's content into prose, neutral
/// values and fields, as the format profile says.
public struct EntryExtractor: Sendable {
    public var profile: FormatProfile

    public init(profile: FormatProfile) {
        self.profile = profile
    }

    public struct Result: Sendable {
        public var entries: [Entry]
        public var duplicateIDs: [EntryID: [Int]]
        /// Where in `entries` each ID first occurs: `ParsedDocument`'s look-up, made as the
        /// entries were found rather than hashed again.
        var firstIndices: [EntryID: Int]
        /// The exact hash of the file's bytes before its first entry (the XML declaration, the
        /// document type and its declarations, the start tags around the first entry), when the
        /// file's bytes were given: part of every pair's `PairVerification`.
        var prologHash: UInt64?
    }

    /// The entries of a tree; with `bytes`, the bytes the tree was parsed from, each entry
    /// also gets the exact hash of its own bytes (`Entry.exactHash`).
    public func extract(from tree: XMLDocumentTree, file: RelativePath, bytes: UnsafeRawBufferPointer? = nil) -> Result {
        extract(root: tree.root, file: file, bytes: bytes)
    }

    /// The same entries read in place from the parser's document, without a Swift tree.
    public func extract(from document: XMLDocumentView, file: RelativePath, bytes: UnsafeRawBufferPointer? = nil) -> Result {
        // Entries are some of the elements, often most: room for as many as there are, where
        // the table of IDs grown from empty was rehashed at each power of two.
        extract(root: document.root, file: file, bytes: bytes, expectedEntries: document.elementCount)
    }

    private func extract(
        root: some XMLElementReading, file: RelativePath, bytes: UnsafeRawBufferPointer?, expectedEntries: Int = 0
    ) -> Result {
        var walk = Walk(profile: profile, file: file, bytes: bytes)
        walk.reserveCapacity(expectedEntries)
        walk.scan(root, parent: nil)
        // Every slot is filled by the time the walk ends: the entries keep their slots' indices.
        let entries = walk.entries.compactMap { $0 }
        var prologHash: UInt64?
        if let bytes, let first = entries.first, first.span.start <= bytes.count {
            var hasher = ExactBytesHasher()
            hasher.append(UnsafeRawBufferPointer(rebasing: bytes[..<first.span.start]))
            prologHash = hasher.value
        }
        return Result(
            entries: entries, duplicateIDs: walk.duplicates, firstIndices: walk.firstSlots, prologHash: prologHash)
    }
}

/// An entry's own bytes hashed as the walk goes through it: its whole element but for the
/// entries nested in it, each of which stands as one marker (their bytes are theirs).
///
/// A span that does not lie in order inside the bytes gives no hash at all rather than a hash
/// of part of them: a hash that left bytes out would let an edit of them pass unchecked.
private struct OwnBytes {
    private var hasher = ExactBytesHasher()
    private var cursor: Int
    private var isWhole = true
    private let bytes: UnsafeRawBufferPointer

    init(of span: ByteSpan, in bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        cursor = span.start
    }

    private mutating func hash(upTo end: Int) {
        guard cursor >= 0, cursor <= end, end <= bytes.count else {
            isWhole = false
            return
        }
        hasher.append(UnsafeRawBufferPointer(rebasing: bytes[cursor..<end]))
    }

    /// Passes over a nested entry.
    mutating func skip(_ nested: ByteSpan) {
        hash(upTo: nested.start)
        hasher.append(0x4E45_5354_4544)
        cursor = nested.end
    }

    mutating func finish(at end: Int) -> UInt64? {
        hash(upTo: end)
        return isWhole ? hasher.value : nil
    }
}

/// What the profile says of an element, asked at each one. A class: the walk and each entry's
/// builder hold one reference, where holding the profile meant copying (and retaining) a dozen
/// collections each time a method of theirs read it.
final class ElementRules: Sendable {
    let profile: FormatProfile
    /// The profile's sets that are asked of every element or attribute.
    let ignoredAttributes: NameSet
    let proseAttributes: NameSet
    let neutralElements: NameSet
    let ignoredElements: NameSet

    init(profile: FormatProfile) {
        self.profile = profile
        ignoredAttributes = NameSet(profile.ignoredAttributes)
        proseAttributes = NameSet(profile.proseAttributes)
        neutralElements = NameSet(profile.neutralElements)
        ignoredElements = NameSet(profile.ignoredElements)
    }

    /// A set of names looked up by comparing them when there are a few: a handful of short
    /// strings are compared sooner than one is hashed.
    struct NameSet: Sendable {
        private let few: [String]?
        private let all: Set<String>

        init(_ names: Set<String>) {
            few = names.count <= 6 ? names.sorted() : nil
            all = names
        }

        func contains(_ name: String) -> Bool {
            if let few { return few.contains(name) }
            return all.contains(name)
        }
    }

    func entryID(of element: some XMLElementReading) -> EntryID? {
        for name in profile.idAttributes {
            if let attribute = element.attributeValue(name) {
                let value = TextNormalizer.collapsingWhitespace(attribute)
                if !value.isEmpty { return EntryID(value) }
            }
        }
        return nil
    }

    func isIgnored(_ element: some XMLElementReading) -> Bool {
        ignoredElements.contains(element.qualifiedName)
    }

    func isNeutral(_ element: some XMLElementReading) -> Bool {
        if neutralElements.contains(element.qualifiedName) { return true }
        return profile.neutralMarkers.contains { element.attributeValue($0.attribute) == $0.value }
    }

    /// A field's path segment: `org[2]` by position among siblings of its name, or `item[one]`
    /// by its key attribute for keyed fields (Android's plural quantities), with whether it
    /// counts as structure and the attribute that keyed it.
    func fieldStep(of child: some XMLElementReading, counts: inout FieldCounts) -> (step: String, isStructure: Bool, keyAttribute: String?) {
        let name = child.qualifiedName
        if !profile.keyedFields.isEmpty, let keyAttribute = profile.keyedFields[name],
           let key = child.attributeValue(keyAttribute).map({ TextNormalizer.collapsingWhitespace($0) }), !key.isEmpty {
            return ("\(name)[\(key)]", profile.requiredFieldKeys.contains(key), keyAttribute)
        }
        let position = counts.next(name)
        return (name + (position < Self.positionSteps.count ? Self.positionSteps[position] : "[\(position)]"), true, nil)
    }

    /// `[1]` to `[15]`, spelled once: a field's position is joined to its name for every field.
    private static let positionSteps = (0...15).map { "[\($0)]" }

    /// How many fields of each name an element has had so far. An element has a handful of
    /// names, so a list beats a dictionary made and hashed at each one.
    struct FieldCounts {
        /// The first name met, kept apart: most elements' fields have one or two names, and
        /// the list is then made for the second.
        private var first: (name: String, count: Int)?
        private var others: [(name: String, count: Int)] = []

        /// Counts one more field named `name`, and gives its position among them (from 1).
        mutating func next(_ name: String) -> Int {
            guard let known = first else {
                first = (name, 1)
                return 1
            }
            if known.name == name {
                first = (name, known.count + 1)
                return known.count + 1
            }
            if let index = others.firstIndex(where: { $0.name == name }) {
                others[index].count += 1
                return others[index].count
            }
            others.append((name, 1))
            return 1
        }
    }
}

private struct Walk {
    let rules: ElementRules
    let file: RelativePath
    /// The file's bytes, for each entry's exact hash; `nil`: no hashes.
    let bytes: UnsafeRawBufferPointer?
    /// Each entry in a slot taken when it is met, filled once its content is read (after the
    /// entries nested in it): parents come before their children.
    var entries: [Entry?] = []
    /// The slot where each ID first occurs, with each slot's start offset; IDs met again go to
    /// `duplicates` with every offset, so the common case holds no array per entry.
    var firstSlots: [EntryID: Int] = [:]
    var offsets: [Int] = []
    var duplicates: [EntryID: [Int]] = [:]

    init(profile: FormatProfile, file: RelativePath, bytes: UnsafeRawBufferPointer?) {
        self.rules = ElementRules(profile: profile)
        self.file = file
        self.bytes = bytes
    }

    mutating func reserveCapacity(_ entries: Int) {
        self.entries.reserveCapacity(entries)
        offsets.reserveCapacity(entries)
        firstSlots.reserveCapacity(entries)
    }

    /// Looks for entries in an element that is not one itself (a root without an ID).
    mutating func scan<Element: XMLElementReading>(_ element: Element, parent: EntryID?) {
        if rules.isIgnored(element) { return }
        if let id = rules.entryID(of: element) {
            collect(element, id: id, parent: parent)
            return
        }
        for case .element(let child) in element.contents {
            scan(child, parent: parent)
        }
    }

    @discardableResult
    mutating func collect<Element: XMLElementReading>(_ element: Element, id: EntryID, parent: EntryID?) -> (id: EntryID, span: ByteSpan) {
        let span = element.span
        let slot = entries.count
        if let first = firstSlots.updateValue(slot, forKey: id) {
            firstSlots[id] = first
            duplicates[id, default: [offsets[first]]].append(span.start)
        }
        entries.append(nil)
        offsets.append(span.start)
        let neutral = rules.isNeutral(element)
        var builder = ContentBuilder(rules: rules, isEntryNeutral: neutral)
        builder.addAttributes(of: element, path: "")
        var children: [EntryID] = []
        var own = bytes.map { OwnBytes(of: span, in: $0) }
        walk(element, path: "", owner: id, builder: &builder, children: &children, own: &own)
        let marker = rules.profile.needsTranslation
        entries[slot] = Entry(
            key: EntryKey(file: file, id: id),
            elementName: element.qualifiedName,
            span: span,
            startTag: element.startTag,
            endTag: element.endTag,
            parent: parent,
            children: children,
            content: builder.takeContent(),
            needsTranslation: element.attributeValue(marker.attribute) == marker.value,
            mayBeAbsentFromTarget: neutral && rules.profile.neutralEntriesMayBeAbsent,
            exactHash: own?.finish(at: span.end) ?? nil)
        return (id, span)
    }

    /// Walks an entry's content; nested entries are collected on their own, as the owner's children.
    mutating func walk<Element: XMLElementReading>(
        _ element: Element, path: String, owner: EntryID,
        builder: inout ContentBuilder, children: inout [EntryID], own: inout OwnBytes?
    ) {
        var counts = ElementRules.FieldCounts()
        for node in element.contents {
            switch node {
            case .text(let text):
                builder.addText(text, path: path)
            case .entityReference(let name):
                builder.addEntity(name, path: path)
            case .element(let child):
                if rules.isIgnored(child) { continue }
                builder.addBoundary(path: path)
                if let childID = rules.entryID(of: child) {
                    if children.isEmpty { children.reserveCapacity(ContentBuilder.firstCapacity) }
                    let nested = collect(child, id: childID, parent: owner)
                    children.append(nested.id)
                    own?.skip(nested.span)
                    continue
                }
                let field = rules.fieldStep(of: child, counts: &counts)
                let childPath = path.isEmpty ? field.step : path + "/" + field.step
                if !field.isStructure {
                    // A keyed field that not every language has (`item[one]`): prose only, so
                    // that one side lacking it is no mismatch of fields or neutral values.
                    builder.addText(ContentBuilder.flatText(of: child), path: childPath)
                    builder.addBoundary(path: path)
                    continue
                }
                builder.addField(childPath)
                builder.addAttributes(of: child, path: childPath, skipping: field.keyAttribute)
                if rules.isNeutral(child) && !builder.isEntryNeutral {
                    builder.addNeutralElement(child, path: childPath)
                } else {
                    walk(child, path: childPath, owner: owner, builder: &builder, children: &children, own: &own)
                }
                builder.addBoundary(path: path)
            }
        }
    }
}
