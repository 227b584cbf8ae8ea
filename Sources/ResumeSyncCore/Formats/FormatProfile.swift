/// What a kind of document means by entries, prose and neutral content: data, not code, so
/// that a new format is a new profile rather than a fork of the extractor.
public struct FormatProfile: Hashable, Sendable {
    /// Attributes that make an element an entry, in order of preference (`id`, `xml:id`).
    public var idAttributes: [String]
    /// Attributes whose values are prose to translate (`title`, `alt`).
    public var proseAttributes: Set<String>
    /// Attributes that are neither compared nor translated (`xml:lang` differs by design).
    public var ignoredAttributes: Set<String>
    /// Elements whose content is language-neutral and must be equal on both sides (`code`).
    public var neutralElements: Set<String>
    /// An attribute and value that mark an element's content as not to be translated
    /// (`translate="no"`, the HTML and W3C ITS convention).
    public var doNotTranslate: AttributeMarker?
    /// The mark that `merge` puts on an entry whose text it copied from the source.
    public var needsTranslation: AttributeMarker

    public init(
        idAttributes: [String], proseAttributes: Set<String>, ignoredAttributes: Set<String>,
        neutralElements: Set<String>, doNotTranslate: AttributeMarker?, needsTranslation: AttributeMarker
    ) {
        self.idAttributes = idAttributes
        self.proseAttributes = proseAttributes
        self.ignoredAttributes = ignoredAttributes
        self.neutralElements = neutralElements
        self.doNotTranslate = doNotTranslate
        self.needsTranslation = needsTranslation
    }

    /// Plain XML with `id`/`xml:id` entries: the resume's own format.
    public static let xml = FormatProfile(
        idAttributes: ["id", "xml:id"],
        proseAttributes: ["title", "alt"],
        ignoredAttributes: ["xml:lang", "lang"],
        neutralElements: ["code"],
        doNotTranslate: AttributeMarker(attribute: "translate", value: "no"),
        needsTranslation: AttributeMarker(attribute: "state", value: "needs-translation"))
}

/// An attribute with a given value (`translate="no"`).
public struct AttributeMarker: Hashable, Sendable {
    public var attribute: String
    public var value: String

    public init(attribute: String, value: String) {
        self.attribute = attribute
        self.value = value
    }
}
