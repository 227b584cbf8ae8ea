import ResumeSyncXML
import Synchronization

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
    ///
    /// The entries `deferral` names have their content read from their element only when first
    /// asked for, and hold the recorded document until then (see `Entry.content`): for a
    /// reader that checks one file pair and releases it, where a pair that its lock record
    /// verifies reads no content at all.
    public func extract(
        from document: XMLDocumentView, file: RelativePath, bytes: UnsafeRawBufferPointer? = nil,
        deferring deferral: ContentDeferral = .none
    ) -> Result {
        // Entries are some of the elements, often most: room for as many as there are, where
        // the table of IDs grown from empty was rehashed at each power of two.
        extract(
            root: document.root, file: file, bytes: bytes, expectedEntries: document.elementCount,
            deferral: deferral, retaining: { document.retaining($0) })
    }

    private func extract<Element: XMLElementReading>(
        root: Element, file: RelativePath, bytes: UnsafeRawBufferPointer?, expectedEntries: Int = 0,
        deferral: ContentDeferral = .none, retaining: ((Element) -> RetainedXMLElement)? = nil
    ) -> Result {
        var walk = Walk<Element>(rules: ElementRules(profile: profile), file: file, bytes: bytes)
        walk.deferral = deferral
        walk.retaining = retaining
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
        if let (key, keyAttribute) = fieldKey(of: child) {
            return ("\(name)[\(key)]", profile.requiredFieldKeys.contains(key), keyAttribute)
        }
        let position = counts.next(name)
        return (name + (position < Self.positionSteps.count ? Self.positionSteps[position] : "[\(position)]"), true, nil)
    }

    /// Whether a field counts as structure (`fieldStep`), without spelling its step.
    func isStructure(_ child: some XMLElementReading) -> Bool {
        fieldKey(of: child).map { profile.requiredFieldKeys.contains($0.key) } ?? true
    }

    /// A keyed field's key and the attribute that gives it; `nil` for a field by position.
    private func fieldKey(of child: some XMLElementReading) -> (key: String, attribute: String)? {
        guard !profile.keyedFields.isEmpty, let keyAttribute = profile.keyedFields[child.qualifiedName],
              let key = child.attributeValue(keyAttribute).map({ TextNormalizer.collapsingWhitespace($0) }), !key.isEmpty
        else { return nil }
        return (key, keyAttribute)
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

/// The walk through a document's elements that finds its entries, and through each entry's own
/// content: with the content builder as it goes, or through its elements alone when the
/// content is deferred (`findNested`), or for a deferred entry's content alone
/// (`Walk.content(of:…)`), which passes over the entries nested in it.
private struct Walk<Element: XMLElementReading> {
    let rules: ElementRules
    let file: RelativePath
    /// The file's bytes, for each entry's exact hash; `nil`: no hashes.
    let bytes: UnsafeRawBufferPointer?
    /// Which entries have their content read when asked for, rather than built as the walk
    /// goes; each of them retains its element (`retaining`, which a Swift tree has not).
    var deferral = ContentDeferral.none
    var retaining: ((Element) -> RetainedXMLElement)?
    /// Whether the entries nested in an entry are collected: not when one entry's content is read.
    var collectsNested = true
    /// Each entry in a slot taken when it is met, filled once its content is read (after the
    /// entries nested in it): parents come before their children.
    var entries: [Entry?] = []
    /// The slot where each ID first occurs, with each slot's start offset; IDs met again go to
    /// `duplicates` with every offset, so the common case holds no array per entry.
    var firstSlots: [EntryID: Int] = [:]
    var offsets: [Int] = []
    var duplicates: [EntryID: [Int]] = [:]

    init(rules: ElementRules, file: RelativePath, bytes: UnsafeRawBufferPointer?) {
        self.rules = rules
        self.file = file
        self.bytes = bytes
    }

    mutating func reserveCapacity(_ entries: Int) {
        self.entries.reserveCapacity(entries)
        offsets.reserveCapacity(entries)
        firstSlots.reserveCapacity(entries)
    }

    /// Looks for entries in an element that is not one itself (a root without an ID).
    mutating func scan(_ element: Element, parent: EntryID?) {
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
    mutating func collect(_ element: Element, id: EntryID, parent: EntryID?) -> (id: EntryID, span: ByteSpan) {
        let span = element.span
        let slot = entries.count
        if let first = firstSlots.updateValue(slot, forKey: id) {
            firstSlots[id] = first
            duplicates[id, default: [offsets[first]]].append(span.start)
        }
        entries.append(nil)
        offsets.append(span.start)
        let neutral = rules.isNeutral(element)
        var children: [EntryID] = []
        var own = bytes.map { OwnBytes(of: span, in: $0) }
        let key = EntryKey(file: file, id: id)
        let marker = rules.profile.needsTranslation
        let content: Entry.StoredContent
        if let retaining, deferral.defers(key) {
            findNested(in: element, owner: id, isEntryNeutral: neutral, children: &children, own: &own)
            content = .deferred(DeferredEntryContent(element: retaining(element), rules: rules, isNeutral: neutral))
        } else {
            var builder = ContentBuilder(rules: rules, isEntryNeutral: neutral)
            builder.addAttributes(of: element, path: "")
            walk(element, path: "", owner: id, builder: &builder, children: &children, own: &own)
            content = .built(builder.takeContent())
        }
        entries[slot] = Entry(
            key: key, elementName: element.qualifiedName, span: span, startTag: element.startTag,
            endTag: element.endTag, parent: parent, children: children, storedContent: content,
            needsTranslation: element.attributeValue(marker.attribute) == marker.value,
            mayBeAbsentFromTarget: neutral && rules.profile.neutralEntriesMayBeAbsent,
            exactHash: own?.finish(at: span.end) ?? nil)
        return (id, span)
    }

    /// Walks an entry's content; nested entries are collected on their own, as the owner's
    /// children (unless `collectsNested` is off).
    mutating func walk(
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
                    collectNested(child, id: childID, owner: owner, children: &children, own: &own)
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

    /// What `walk` finds of an entry whose content is deferred: the entries nested in it and the
    /// bytes around them, through its elements alone (no text of a recorded document is made a
    /// `String`), going into the elements `walk` goes into: neither a field that is not
    /// structure nor a neutral element in an entry that is not neutral itself.
    mutating func findNested(
        in element: Element, owner: EntryID, isEntryNeutral: Bool, children: inout [EntryID], own: inout OwnBytes?
    ) {
        element.forEachChildElement { child in
            if rules.isIgnored(child) { return }
            if let childID = rules.entryID(of: child) {
                collectNested(child, id: childID, owner: owner, children: &children, own: &own)
            } else if rules.isStructure(child), isEntryNeutral || !rules.isNeutral(child) {
                findNested(in: child, owner: owner, isEntryNeutral: isEntryNeutral, children: &children, own: &own)
            }
        }
    }

    /// An entry nested in `owner`'s content: collected on its own, as a child, its bytes not
    /// the owner's (unless `collectsNested` is off: it was collected already).
    private mutating func collectNested(
        _ child: Element, id: EntryID, owner: EntryID, children: inout [EntryID], own: inout OwnBytes?
    ) {
        guard collectsNested else { return }
        if children.isEmpty { children.reserveCapacity(ContentBuilder.firstCapacity) }
        let nested = collect(child, id: id, parent: owner)
        children.append(nested.id)
        own?.skip(nested.span)
    }
}

extension Walk where Element == XMLElementView {
    /// A deferred entry's content, read from its element as `collect` builds it: the entries
    /// nested in it were collected already, and are passed over.
    static func content(of element: XMLElementView, key: EntryKey, rules: ElementRules, isNeutral: Bool) -> EntryContent {
        var walk = Walk(rules: rules, file: key.file, bytes: nil)
        walk.collectsNested = false
        var builder = ContentBuilder(rules: rules, isEntryNeutral: isNeutral)
        builder.addAttributes(of: element, path: "")
        var children: [EntryID] = []
        var own: OwnBytes?
        walk.walk(element, path: "", owner: key.id ?? EntryID(""), builder: &builder, children: &children, own: &own)
        return builder.takeContent()
    }
}

/// Which entries of a document have their content read only when it is first asked for. Reading
/// it then walks the entry's element a second time, so it pays only for entries that are likely
/// never asked: those of pairs that their lock record may verify.
public enum ContentDeferral: Sendable {
    /// Every entry's content is built as the entries are found.
    case none
    /// Every entry's content waits (the lock's records are not known yet).
    case all
    /// The content waits for the entries that these lock records say were verified (made by
    /// `verified(in:)` for a file where some records are and some are not).
    case verified(Baseline)

    /// The deferral for a file whose lock records are these: `.none` or `.all` when none or
    /// all of them are verified, so that no entry is looked up for a file where all are alike.
    static func verified(in baseline: Baseline) -> ContentDeferral {
        let verified = baseline.records.values.count { $0.verified != nil }
        if verified == 0 { return .none }
        return verified == baseline.records.count ? .all : .verified(baseline)
    }

    func defers(_ key: EntryKey) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .verified(let baseline): baseline.records[key]?.verified != nil
        }
    }
}

/// An entry's content, read from its retained element the first time it is asked for and kept
/// from then on. Read from any thread: the first reading is published atomically, and a thread
/// that lost the race to publish its own uses the one that won.
final class DeferredEntryContent: Sendable {
    private let element: RetainedXMLElement
    private let rules: ElementRules
    private let isNeutral: Bool
    private let read = Atomic<Unmanaged<EntryContent>?>(nil)

    init(element: RetainedXMLElement, rules: ElementRules, isNeutral: Bool) {
        self.element = element
        self.rules = rules
        self.isNeutral = isNeutral
    }

    deinit {
        read.load(ordering: .acquiring)?.release()
    }

    /// Whether the content has been read (asked for) yet.
    var hasBeenRead: Bool { read.load(ordering: .acquiring) != nil }

    /// The content of the entry of this key.
    func content(of key: EntryKey) -> EntryContent {
        if let done = read.load(ordering: .acquiring) { return done.takeUnretainedValue() }
        let content = element.read { Walk.content(of: $0, key: key, rules: rules, isNeutral: isNeutral) }
        let (published, winner) = read.compareExchange(
            expected: nil, desired: Unmanaged.passRetained(content), ordering: .acquiringAndReleasing)
        if published { return content }
        // Another thread read it first: its reading is kept, and the hold taken on this one let go.
        Unmanaged.passUnretained(content).release()
        return winner!.takeUnretainedValue()
    }
}
