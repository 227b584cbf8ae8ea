public import ResumeSyncXML

/// An element with an ID, with its own content: its text, attributes and fields, but not the
/// entries nested in it (they are entries in their own right).
///
/// A class, immutable: an entry is read by every check, paired, listed and reported, and as a
/// value each of those copies retained its dozen strings and arrays one by one.
public final class Entry: Sendable {
    public let key: EntryKey
    public let elementName: String
    /// The whole element in its file's bytes, nested entries included.
    public let span: ByteSpan
    public let startTag: ByteSpan
    public let endTag: ByteSpan?
    /// The entry this one is nested in, if any.
    public let parent: EntryID?
    /// The entries nested directly in this one, in document order.
    public let children: [EntryID]
    /// What the entry says. Read from its element when first asked for an entry whose reading
    /// was deferred (`check`, which reads entries from the recorded document): a pair its lock
    /// record verifies asks for none.
    public var content: EntryContent {
        switch storedContent {
        case .built(let content): content
        case .deferred(let reading): reading.content(of: key)
        }
    }
    /// The content built as the entry was found, or the reading of it that waits to be asked for.
    enum StoredContent {
        case built(EntryContent)
        case deferred(DeferredEntryContent)
    }
    private let storedContent: StoredContent
    /// Whether `content` has been built or read: false only for a deferred entry no one has
    /// asked yet (what shows that a verified pair is passed over without reading it).
    var contentHasBeenRead: Bool {
        if case .deferred(let reading) = storedContent { return reading.hasBeenRead }
        return true
    }
    /// Marked by `merge` (or a person) as text copied from the source that awaits translation.
    public let needsTranslation: Bool
    /// Whether the target may lack this entry without a `missing` finding: Android's
    /// `translatable="false"` strings live in the default `values/` only.
    public let mayBeAbsentFromTarget: Bool
    /// The exact hash of the entry's own bytes (its element, each nested entry standing as one
    /// marker), when its document was read from bytes that spans point into (`nil` for HTML,
    /// which a tree builder may rearrange): what `PairVerification` combines.
    let exactHash: UInt64?

    public convenience init(
        key: EntryKey, elementName: String, span: ByteSpan, startTag: ByteSpan, endTag: ByteSpan?,
        parent: EntryID?, children: [EntryID], content: EntryContent, needsTranslation: Bool,
        mayBeAbsentFromTarget: Bool = false, exactHash: UInt64? = nil
    ) {
        self.init(
            key: key, elementName: elementName, span: span, startTag: startTag, endTag: endTag, parent: parent,
            children: children, storedContent: .built(content), needsTranslation: needsTranslation,
            mayBeAbsentFromTarget: mayBeAbsentFromTarget, exactHash: exactHash)
    }

    init(
        key: EntryKey, elementName: String, span: ByteSpan, startTag: ByteSpan, endTag: ByteSpan?,
        parent: EntryID?, children: [EntryID], storedContent: StoredContent, needsTranslation: Bool,
        mayBeAbsentFromTarget: Bool, exactHash: UInt64?
    ) {
        self.key = key
        self.elementName = elementName
        self.span = span
        self.startTag = startTag
        self.endTag = endTag
        self.parent = parent
        self.children = children
        self.storedContent = storedContent
        self.needsTranslation = needsTranslation
        self.mayBeAbsentFromTarget = mayBeAbsentFromTarget
        self.exactHash = exactHash
    }

    public var id: EntryID { key.id ?? EntryID("") }
}

/// What an entry says, split the way the checks need it.
///
/// A class, immutable, compared by value: each of the checks asks an entry for its content, and
/// a reference is handed over where a value retained its five lists one by one each time.
public final class EntryContent: Hashable, Sendable {
    /// The readable text: all text of the entry and its fields, white space folded.
    public let text: String
    /// Translatable text, one segment per element (or prose attribute) that holds some.
    public let segments: [TextSegment]
    /// Language-neutral values that must be equal on both sides: attributes, neutral elements.
    public let neutralValues: [NeutralValue]
    /// Entity references in the translatable text, in document order (`product.name`).
    public let entityReferences: [String]
    /// The paths of the entry's fields, in document order (`org[1]`, `period[1]`, `link[1]/code[1]`).
    public let fields: [String]

    public init(
        text: String, segments: [TextSegment], neutralValues: [NeutralValue],
        entityReferences: [String], fields: [String]
    ) {
        self.text = text
        self.segments = segments
        self.neutralValues = neutralValues
        self.entityReferences = entityReferences
        self.fields = fields
    }

    public static func == (left: EntryContent, right: EntryContent) -> Bool {
        left === right
            || (left.text == right.text && left.segments == right.segments && left.neutralValues == right.neutralValues
                && left.entityReferences == right.entityReferences && left.fields == right.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(segments)
        hasher.combine(neutralValues)
        hasher.combine(entityReferences)
        hasher.combine(fields)
    }

    /// Fingerprint of the prose: what a translation was made against.
    ///
    /// Worked out when asked, each time: the staleness check asks once for the source of each
    /// recorded pair and for the target only when the source moved (or either side may lead),
    /// and `accept` and `merge` once per entry they record. Path, then fingerprint form, for
    /// each segment: hashed as written, no string made.
    public var proseFingerprint: Fingerprint {
        var hasher = FingerprintHasher()
        for segment in segments {
            for byte in segment.path.utf8 { hasher.append(byte) }
            hasher.endPart()
            TextNormalizer.fingerprintForm(segment.text, into: &hasher)
            hasher.endPart()
        }
        return hasher.fingerprint
    }

    /// Fingerprint of everything neutral, order-independent for attributes. Only `accept` and
    /// `merge` read it, so it is worked out when asked.
    public var neutralFingerprint: Fingerprint {
        let values = neutralValues.map { "\($0.path)=\($0.value)" }.sorted()
        return Fingerprint(of: values + ["|"] + entityReferences + ["|"] + fields)
    }
}

/// Translatable text at a path inside an entry: `""` is the entry element itself, `org[1]` a
/// field, `@title` a prose attribute, `link[1]@title` a field's prose attribute.
public struct TextSegment: Hashable, Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// A language-neutral value at a path: an attribute (`period[1]@from`) or the text of a
/// neutral element (`code[1]`).
public struct NeutralValue: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case attribute
        case element
    }

    public var path: String
    public var value: String
    public var kind: Kind

    public init(path: String, value: String, kind: Kind) {
        self.path = path
        self.value = value
        self.kind = kind
    }
}
