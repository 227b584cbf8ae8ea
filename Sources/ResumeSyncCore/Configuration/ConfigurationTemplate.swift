/// The commented config that `resume-sync init` writes: every key with its default, commented
/// out, and the choices given to `init` as live lines.
///
/// Generated from the same data the loader uses (the profiles, `Rule.all`), so the template
/// cannot fall behind the schema; a test uncomments every line and loads the result.
public struct ConfigurationTemplate: Sendable {
    public var format: FormatChoice?
    public var sourceRoot: String?
    public var targetRoot: String?
    public var sourceLanguage: String?
    public var targetLanguage: String?

    public init(
        format: FormatChoice? = nil, sourceRoot: String? = nil, targetRoot: String? = nil,
        sourceLanguage: String? = nil, targetLanguage: String? = nil
    ) {
        self.format = format
        self.sourceRoot = sourceRoot
        self.targetRoot = targetRoot
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    public var text: String {
        let chosen = format ?? .auto
        let profile = chosen.profile
        let defaults = Configuration.default
        var lines: [String] = [
            "# resume-sync.toml: how resume-sync reads this project. Every key is listed with its",
            "# default, commented out; uncomment a line to change it. README.md (\"Configuration\")",
            "# explains each one.",
            "",
            "# The content format: \"auto\" (by file extension: .html, .htm and .xhtml are HTML, every",
            "# other file plain XML), \"xml\", \"docbook\", \"android\" or \"html\".",
            Self.line("format", Self.quoted(chosen.rawValue), live: format != nil),
            "",
            "# Which side leads: \"source-to-target\" (an edit of the target alone is a translation",
            "# improvement) or \"both\" (either side may lead; the side that did not move is stale).",
            Self.line("direction", Self.quoted(SyncDirection.sourceToTarget.rawValue), live: false),
            "",
            "# The trees: folders relative to the project root, and their languages (by default the",
            "# folder's name; Android's values-zh-rCN is zh-CN).",
            "[source]",
            Self.line("root", Self.quoted(sourceRoot ?? defaults.sourceRoot), live: sourceRoot != nil),
            Self.line("language", Self.quoted(sourceLanguage ?? Self.language(of: sourceRoot ?? defaults.sourceRoot)),
                      live: sourceLanguage != nil),
            "",
            "[target]",
            Self.line("root", Self.quoted(targetRoot ?? defaults.targetRoot), live: targetRoot != nil),
            Self.line("language", Self.quoted(targetLanguage ?? Self.language(of: targetRoot ?? defaults.targetRoot)),
                      live: targetLanguage != nil),
            "",
            "# The files of a tree that are content, as patterns relative to the tree root: `*` and `?`",
            "# within a name, `[a-z]`, `{a,b}`, `**/` for any folders. A pattern without `/` matches a",
            "# file name at any depth.",
            "[files]",
            Self.line("include", Self.array(chosen.defaultIncludePatterns), live: false),
            Self.line("exclude", "[]", live: false),
            "",
            "# What the format means by entries, prose and neutral content (these are the defaults of",
            "# format \"\(chosen.rawValue)\"). A key set here replaces the format's own list.",
            "# Markers are attribute=value.",
            "[entries]",
            Self.line("id-attributes", Self.array(profile.idAttributes), live: false),
            Self.line("prose-attributes", Self.array(profile.proseAttributes.sorted()), live: false),
            Self.line("ignored-attributes", Self.array(profile.ignoredAttributes.sorted()), live: false),
            Self.line("neutral-elements", Self.array(profile.neutralElements.sorted()), live: false),
            Self.line("ignored-elements", Self.array(profile.ignoredElements.sorted()), live: false),
            Self.line("neutral-markers", Self.array(profile.neutralMarkers.map(\.description)), live: false),
            Self.line("needs-translation", Self.quoted(profile.needsTranslation.description), live: false),
            "",
            "# The severity of each rule: \"error\", \"warning\" or \"off\". Rules that mean the input is",
            "# broken (parse-error, duplicate-id, lock-error, config-error) cannot be changed.",
            "[rules]",
        ]
        for rule in Rule.all where !rule.meansBrokenInput {
            lines.append(Self.line(Self.key(rule.id), Self.quoted(rule.defaultSeverity.rawValue), live: false))
        }
        lines += [
            "",
            "# Source-language terms and the target-language term a translation must use for each.",
            "[glossary]",
            "# \"上海交通大学\" = \"Shanghai Jiao Tong University\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func line(_ key: String, _ value: String, live: Bool) -> String {
        (live ? "" : "# ") + "\(key) = \(value)"
    }

    static func key(_ name: String) -> String {
        name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } ? name : quoted(name)
    }

    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    static func array(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    static func language(of root: String) -> String {
        ConfigurationReader.androidLanguage(root)?.code ?? TreeSpec(root: root).language.code
    }
}
