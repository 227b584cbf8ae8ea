/// The formats resume-sync knows out of the box, each a profile over the same extractor.
extension FormatProfile {
    /// Plain XML with `id`/`xml:id` entries: the resume's own format.
    public static let xml = FormatProfile(
        idAttributes: ["id", "xml:id"],
        proseAttributes: ["title", "alt"],
        ignoredAttributes: ["xml:lang", "lang"],
        neutralElements: ["code"],
        neutralMarkers: [AttributeMarker(attribute: "translate", value: "no")],
        needsTranslation: AttributeMarker(attribute: "state", value: "needs-translation"))

    /// DocBook 4 and 5: `xml:id` (or `id`) entries, the inline elements that hold code, names
    /// and addresses as neutral text. Undeclared entities of fragments (`&reftitle.description;`)
    /// are kept as references by the parser and compared as tokens.
    public static let docbook = FormatProfile(
        idAttributes: ["xml:id", "id"],
        proseAttributes: ["xreflabel"],
        ignoredAttributes: ["xml:lang", "lang"],
        neutralElements: [
            "code", "literal", "filename", "command", "option", "parameter", "function", "varname",
            "constant", "classname", "methodname", "type", "programlisting", "screen", "userinput",
            "computeroutput", "email", "uri", "envar", "systemitem", "prompt", "keycap", "markup",
        ],
        neutralMarkers: [AttributeMarker(attribute: "translate", value: "no")],
        needsTranslation: AttributeMarker(attribute: "state", value: "needs-translation"))

    /// Android resources (`res/values*/strings.xml`): `<string name>`, `<plurals name>` with
    /// `<item quantity>` aligned by quantity, `<string-array name>` with positional items.
    ///
    /// The needs-translation mark is `tools:state="needs-translation"`: aapt2 drops attributes
    /// of the `tools:` namespace at build time, where an unknown plain attribute or a comment
    /// inside `<string>` could reach the app.
    public static let android = FormatProfile(
        idAttributes: ["name"],
        proseAttributes: [],
        ignoredAttributes: ["tools:ignore", "tools:locale", "tools:state", "example", "msgid"],
        neutralElements: ["xliff:g", "color", "dimen", "integer", "bool", "integer-array"],
        neutralMarkers: [AttributeMarker(attribute: "translatable", value: "false")],
        needsTranslation: AttributeMarker(attribute: "tools:state", value: "needs-translation"),
        needsTranslationNamespace: NamespaceBinding(prefix: "tools", uri: "http://schemas.android.com/tools"),
        keyedFields: ["item": "quantity"],
        requiredFieldKeys: ["other"],
        neutralEntriesMayBeAbsent: true)

    /// HTML and XHTML pages: `id` entries, the HTML prose attributes, `translate="no"`, and
    /// `<script>`/`<style>` skipped.
    public static let html = FormatProfile(
        idAttributes: ["id"],
        proseAttributes: ["title", "alt", "placeholder", "aria-label", "aria-description", "label"],
        ignoredAttributes: ["xml:lang", "lang"],
        neutralElements: ["code", "kbd", "samp", "var"],
        neutralMarkers: [AttributeMarker(attribute: "translate", value: "no")],
        needsTranslation: AttributeMarker(attribute: "data-state", value: "needs-translation"),
        ignoredElements: ["script", "style", "template"])
}

/// The format a project names in its config (`format = "android"`), or `.auto`.
public enum FormatChoice: String, Hashable, Sendable, CaseIterable {
    /// By file extension: `.html`, `.htm` and `.xhtml` are HTML, everything else plain XML.
    case auto
    case xml
    case docbook
    case android
    case html

    /// The profile of the files that are not HTML by extension (of every file, unless `.auto`).
    public var profile: FormatProfile {
        switch self {
        case .auto, .xml: return .xml
        case .docbook: return .docbook
        case .android: return .android
        case .html: return .html
        }
    }

    /// The files a tree holds unless `[files] include` says otherwise.
    public var defaultIncludePatterns: [String] {
        switch self {
        case .auto: return ["**/*.xml", "**/*.html", "**/*.htm", "**/*.xhtml"]
        case .xml, .docbook: return ["**/*.xml"]
        case .android: return ["strings*.xml", "plurals*.xml", "arrays*.xml"]
        case .html: return ["**/*.html", "**/*.htm", "**/*.xhtml"]
        }
    }

    public var defaultFiles: FileSelection {
        // The default patterns are valid by construction.
        FileSelection(include: defaultIncludePatterns.compactMap { try? GlobPattern($0) }, exclude: [])
    }
}

/// Which parser reads a file, by its extension: HTML proper goes to resume-sync's own HTML
/// reader; XML, XHTML (well-formed by definition) and everything else to libxml2.
public enum DocumentSyntax: Hashable, Sendable {
    case xml
    case html

    public init(for file: RelativePath) {
        switch Self.fileExtension(file) {
        case "html", "htm": self = .html
        default: self = .xml
        }
    }

    /// `.html`, `.htm` and `.xhtml`: the files that get the HTML profile by default.
    public static func isHTMLFamily(_ file: RelativePath) -> Bool {
        ["html", "htm", "xhtml"].contains(fileExtension(file))
    }

    static func fileExtension(_ file: RelativePath) -> String {
        let name = file.rawValue.split(separator: "/").last.map(String.init) ?? file.rawValue
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
