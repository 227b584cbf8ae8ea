/// What a kind of document means by entries, prose and neutral content: data, not code, so
/// that a new format is a new profile rather than a fork of the extractor.
///
/// The profiles themselves are in `FormatProfile+Formats.swift`.
public struct FormatProfile: Hashable, Sendable {
    /// Attributes that make an element an entry, in order of preference (`id`, `xml:id`).
    public var idAttributes: [String]
    /// Attributes whose values are prose to translate (`title`, `alt`).
    public var proseAttributes: Set<String>
    /// Attributes that are neither compared nor translated (`xml:lang` differs by design).
    public var ignoredAttributes: Set<String>
    /// Elements whose content is language-neutral and must be equal on both sides (`code`).
    public var neutralElements: Set<String>
    /// Attributes and values that mark an element's content as not to be translated but
    /// compared (`translate="no"`, the HTML and W3C ITS convention; Android's
    /// `translatable="false"`).
    public var neutralMarkers: [AttributeMarker]
    /// The mark that `merge` puts on an entry whose text it copied from the source.
    public var needsTranslation: AttributeMarker
    /// The namespace the `needsTranslation` attribute's prefix stands for, when it has one
    /// (Android's `tools:`), so that a writer can declare it where the document does not.
    public var needsTranslationNamespace: NamespaceBinding?
    /// Elements that are not content at all: skipped with everything in them (`script`, `style`).
    public var ignoredElements: Set<String>
    /// Fields aligned by the value of an attribute rather than by position: element name to
    /// attribute (Android's `<item quantity="one">` in `<plurals>`). A field without the
    /// attribute is positional as usual.
    public var keyedFields: [String: String]
    /// Keys of keyed fields that every language has (Android's `quantity="other"`): only these
    /// count as structure; the others (`one`, `few`) depend on the language's plural rules.
    public var requiredFieldKeys: Set<String>
    /// Whether an entry marked neutral may be absent from the target: Android keeps
    /// `translatable="false"` strings in the default `values/` only.
    public var neutralEntriesMayBeAbsent: Bool

    public init(
        idAttributes: [String], proseAttributes: Set<String>, ignoredAttributes: Set<String>,
        neutralElements: Set<String>, neutralMarkers: [AttributeMarker], needsTranslation: AttributeMarker,
        needsTranslationNamespace: NamespaceBinding? = nil, ignoredElements: Set<String> = [],
        keyedFields: [String: String] = [:], requiredFieldKeys: Set<String> = [],
        neutralEntriesMayBeAbsent: Bool = false
    ) {
        self.idAttributes = idAttributes
        self.proseAttributes = proseAttributes
        self.ignoredAttributes = ignoredAttributes
        self.neutralElements = neutralElements
        self.neutralMarkers = neutralMarkers
        self.needsTranslation = needsTranslation
        self.needsTranslationNamespace = needsTranslationNamespace
        self.ignoredElements = ignoredElements
        self.keyedFields = keyedFields
        self.requiredFieldKeys = requiredFieldKeys
        self.neutralEntriesMayBeAbsent = neutralEntriesMayBeAbsent
    }

    /// The original form, with one do-not-translate marker.
    public init(
        idAttributes: [String], proseAttributes: Set<String>, ignoredAttributes: Set<String>,
        neutralElements: Set<String>, doNotTranslate: AttributeMarker?, needsTranslation: AttributeMarker
    ) {
        self.init(
            idAttributes: idAttributes, proseAttributes: proseAttributes, ignoredAttributes: ignoredAttributes,
            neutralElements: neutralElements, neutralMarkers: doNotTranslate.map { [$0] } ?? [],
            needsTranslation: needsTranslation)
    }

    /// The first neutral marker (`translate="no"`), for code that knows of one only.
    public var doNotTranslate: AttributeMarker? {
        get { neutralMarkers.first }
        set { neutralMarkers = newValue.map { [$0] } ?? [] }
    }

    /// The profile with a project's `[entries]` settings in place of the format's own.
    public func applying(_ overrides: ProfileOverrides) -> FormatProfile {
        var profile = self
        if let value = overrides.idAttributes { profile.idAttributes = value }
        if let value = overrides.proseAttributes { profile.proseAttributes = Set(value) }
        if let value = overrides.ignoredAttributes { profile.ignoredAttributes = Set(value) }
        if let value = overrides.neutralElements { profile.neutralElements = Set(value) }
        if let value = overrides.ignoredElements { profile.ignoredElements = Set(value) }
        if let value = overrides.neutralMarkers { profile.neutralMarkers = value }
        if let value = overrides.needsTranslation {
            profile.needsTranslation = value
            if value.attribute.split(separator: ":").first.map(String.init) != profile.needsTranslationNamespace?.prefix {
                profile.needsTranslationNamespace = nil
            }
        }
        return profile
    }
}

/// An attribute with a given value (`translate="no"`), written `translate=no` in the config.
public struct AttributeMarker: Hashable, Sendable, CustomStringConvertible {
    public var attribute: String
    public var value: String

    public init(attribute: String, value: String) {
        self.attribute = attribute
        self.value = value
    }

    /// Reads `attribute=value`; `nil` when either side is empty or the name is not an XML name.
    public init?(parsing text: String) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        let value = String(text[text.index(after: equals)...])
        guard XMLNameSyntax.isQualifiedName(name), !value.isEmpty, !value.contains("\"") else { return nil }
        self.init(attribute: name, value: value)
    }

    public var description: String { "\(attribute)=\(value)" }
}

/// A namespace prefix and the URI it stands for (`tools` = `http://schemas.android.com/tools`).
public struct NamespaceBinding: Hashable, Sendable {
    public var prefix: String
    public var uri: String

    public init(prefix: String, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }

    /// The declaration as written in a start tag: `xmlns:tools="http://schemas.android.com/tools"`.
    public var declaration: String { "xmlns:\(prefix)=\"\(uri)\"" }
}

/// A project's `[entries]` settings: each one set replaces the format's list.
public struct ProfileOverrides: Hashable, Sendable {
    public var idAttributes: [String]?
    public var proseAttributes: [String]?
    public var ignoredAttributes: [String]?
    public var neutralElements: [String]?
    public var ignoredElements: [String]?
    public var neutralMarkers: [AttributeMarker]?
    public var needsTranslation: AttributeMarker?

    public init(
        idAttributes: [String]? = nil, proseAttributes: [String]? = nil, ignoredAttributes: [String]? = nil,
        neutralElements: [String]? = nil, ignoredElements: [String]? = nil,
        neutralMarkers: [AttributeMarker]? = nil, needsTranslation: AttributeMarker? = nil
    ) {
        self.idAttributes = idAttributes
        self.proseAttributes = proseAttributes
        self.ignoredAttributes = ignoredAttributes
        self.neutralElements = neutralElements
        self.ignoredElements = ignoredElements
        self.neutralMarkers = neutralMarkers
        self.needsTranslation = needsTranslation
    }
}

/// What a name written in a config must look like to be an element or attribute name.
enum XMLNameSyntax {
    /// `name`, `xml:id`, `xliff:g`: an optional prefix and a local name, each a plain XML name.
    static func isQualifiedName(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first else { return false }
            let startsWell = first.properties.isAlphabetic || first == "_"
            let restIsWell = part.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0)
            }
            return startsWell && restIsWell
        }
    }
}
