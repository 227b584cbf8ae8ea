import Foundation
internal import TOMLKit

/// Turns a parsed TOML table into a `Configuration`, collecting every problem with its offset.
///
/// The schema is written out here key by key, so that an unknown key (a typo) is an error
/// rather than a setting silently ignored.
struct ConfigurationReader {
    struct Problem {
        var offset: Int
        var message: String
    }

    let locator: TOMLKeyLocator
    private(set) var problems: [Problem] = []

    init(locator: TOMLKeyLocator) {
        self.locator = locator
    }

    static let topLevelKeys = ["format", "direction", "source", "target", "files", "entries", "rules", "glossary"]
    static let treeKeys = ["root", "language"]
    static let fileKeys = ["include", "exclude"]
    static let entryKeys = [
        "id-attributes", "prose-attributes", "ignored-attributes", "neutral-elements", "ignored-elements",
        "neutral-markers", "needs-translation",
    ]

    mutating func read(_ document: TOMLTable) -> Configuration {
        checkKeys(of: document, at: [], allowed: Self.topLevelKeys)
        let format = choice(document, ["format"], FormatChoice.self) ?? .auto
        let direction = choice(document, ["direction"], SyncDirection.self) ?? .sourceToTarget

        var configuration = Configuration(format: format, direction: direction)
        for side in ["source", "target"] {
            guard let tree = table(document, [side]) else { continue }
            checkKeys(of: tree, at: [side], allowed: Self.treeKeys)
            let root = string(document, [side, "root"])
            if let root, root.isEmpty { problem(at: [side, "root"], value: true, "'\(side).root' must not be empty") }
            let language = string(document, [side, "language"])
            if let language, !Self.isLanguageCode(language) {
                problem(at: [side, "language"], value: true,
                        "'\(side).language' must be a language code such as \"zh\", \"zh-CN\" or \"en\", not \"\(language)\"")
            }
            if side == "source" {
                if let root, !root.isEmpty { configuration.sourceRoot = root }
                configuration.sourceLanguage = language.map(Language.init)
            } else {
                if let root, !root.isEmpty { configuration.targetRoot = root }
                configuration.targetLanguage = language.map(Language.init)
            }
        }
        if Self.normalized(configuration.sourceRoot) == Self.normalized(configuration.targetRoot) {
            problem(at: ["target", "root"], value: true,
                    "the source and the target tree are both '\(configuration.sourceRoot)'; they must be two folders")
        }
        if configuration.sourceLanguage == nil { configuration.sourceLanguage = Self.androidLanguage(configuration.sourceRoot) }
        if configuration.targetLanguage == nil { configuration.targetLanguage = Self.androidLanguage(configuration.targetRoot) }

        if let files = table(document, ["files"]) {
            checkKeys(of: files, at: ["files"], allowed: Self.fileKeys)
            let include = patterns(document, ["files", "include"])
            if let include, include.isEmpty {
                problem(at: ["files", "include"], value: true, "'files.include' must have at least one pattern")
            }
            configuration.files = FileSelection(
                include: include ?? format.defaultFiles.include,
                exclude: patterns(document, ["files", "exclude"]) ?? [])
        }

        if let entries = table(document, ["entries"]) {
            checkKeys(of: entries, at: ["entries"], allowed: Self.entryKeys)
            configuration.profileOverrides = readOverrides(document)
        }
        configuration.profile = format.profile.applying(configuration.profileOverrides)

        if let rules = table(document, ["rules"]) {
            configuration.severities = readSeverities(rules)
        }
        if let glossary = table(document, ["glossary"]) {
            configuration.glossary = readGlossary(glossary)
        }
        return configuration
    }

    // MARK: - Sections

    private mutating func readOverrides(_ document: TOMLTable) -> ProfileOverrides {
        var overrides = ProfileOverrides()
        func names(_ key: String, _ what: String, nonEmpty: Bool = false) -> [String]? {
            let path = ["entries", key]
            guard let list = stringArray(document, path) else { return nil }
            if nonEmpty, list.isEmpty { problem(at: path, value: true, "'entries.\(key)' must name at least one \(what)") }
            for (index, name) in list.enumerated() where !XMLNameSyntax.isQualifiedName(name) {
                problem(at: path, element: index, "'\(name)' in 'entries.\(key)' is not an \(what) name")
            }
            return list
        }
        overrides.idAttributes = names("id-attributes", "attribute", nonEmpty: true)
        overrides.proseAttributes = names("prose-attributes", "attribute")
        overrides.ignoredAttributes = names("ignored-attributes", "attribute")
        overrides.neutralElements = names("neutral-elements", "element")
        overrides.ignoredElements = names("ignored-elements", "element")
        if let list = stringArray(document, ["entries", "neutral-markers"]) {
            overrides.neutralMarkers = list.enumerated().compactMap { index, text in
                guard let marker = AttributeMarker(parsing: text) else {
                    problem(at: ["entries", "neutral-markers"], element: index,
                            "'\(text)' in 'entries.neutral-markers' must be written attribute=value, e.g. \"translatable=false\"")
                    return nil
                }
                return marker
            }
        }
        if let text = string(document, ["entries", "needs-translation"]) {
            if let marker = AttributeMarker(parsing: text) {
                overrides.needsTranslation = marker
            } else {
                problem(at: ["entries", "needs-translation"], value: true,
                        "'entries.needs-translation' must be written attribute=value, e.g. \"state=needs-translation\"")
            }
        }
        return overrides
    }

    private mutating func readSeverities(_ rules: TOMLTable) -> [String: Severity?] {
        var severities: [String: Severity?] = [:]
        let known = Dictionary(Rule.all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for key in rules.keys {
            let path = ["rules", key]
            guard let rule = known[key] else {
                problem(at: path, value: false, "unknown rule '\(key)' in [rules]" + Self.suggestion(key, among: Rule.all.map(\.id)))
                continue
            }
            guard let value = rules[key], let text = value.string else {
                problem(at: path, value: true, "the severity of '\(key)' must be a string: \"error\", \"warning\" or \"off\"; not \(Self.describe(rules[key]))")
                continue
            }
            if rule.meansBrokenInput {
                problem(at: path, value: false, "'\(key)' means the input is broken; its severity cannot be changed")
                continue
            }
            switch text {
            case "error": severities[key] = .some(.error)
            case "warning": severities[key] = .some(.warning)
            case "off": severities[key] = .some(nil)
            default:
                problem(at: path, value: true, "the severity of '\(key)' must be \"error\", \"warning\" or \"off\", not \"\(text)\"")
            }
        }
        return severities
    }

    /// Nothing but Foundation's `.whitespaces` (space separators and the tab), told without
    /// bridging to `NSString` for every glossary term.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    private mutating func readGlossary(_ glossary: TOMLTable) -> [GlossaryTerm] {
        var terms: [(Int, GlossaryTerm)] = []
        for key in glossary.keys {
            let path = ["glossary", key]
            guard let target = glossary[key]?.string else {
                problem(at: path, value: true, "the glossary term '\(key)' must map to a string, not \(Self.describe(glossary[key]))")
                continue
            }
            if Self.isBlank(key) || Self.isBlank(target) {
                problem(at: path, value: false, "a glossary term and its translation must not be empty")
                continue
            }
            terms.append((locator.offset(of: path), GlossaryTerm(source: key, target: target)))
        }
        // In the order the file lists them (TOMLKit's tables are sorted).
        return terms.sorted { $0.0 < $1.0 }.map(\.1)
    }

    // MARK: - Typed access

    private func value(_ document: TOMLTable, _ path: [String]) -> TOMLValueConvertible? {
        var current: TOMLValueConvertible = document
        for key in path {
            guard let table = current.table, let next = table[key] else { return nil }
            current = next
        }
        return current
    }

    private mutating func table(_ document: TOMLTable, _ path: [String]) -> TOMLTable? {
        guard let found = value(document, path) else { return nil }
        guard let table = found.table else {
            problem(at: path, value: false, "'\(path.joined(separator: "."))' must be a table ([\(path.joined(separator: "."))]), not \(Self.describe(found))")
            return nil
        }
        return table
    }

    private mutating func string(_ document: TOMLTable, _ path: [String]) -> String? {
        guard let found = value(document, path) else { return nil }
        guard let text = found.string else {
            problem(at: path, value: true, "'\(path.joined(separator: "."))' must be a string, not \(Self.describe(found))")
            return nil
        }
        return text
    }

    private mutating func stringArray(_ document: TOMLTable, _ path: [String]) -> [String]? {
        guard let found = value(document, path) else { return nil }
        let name = path.joined(separator: ".")
        guard let array = found.array else {
            problem(at: path, value: true, "'\(name)' must be an array of strings, not \(Self.describe(found))")
            return nil
        }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                problem(at: path, element: index, "'\(name)' must be an array of strings; element \(index + 1) is \(Self.describe(element))")
                return nil
            }
            result.append(text)
        }
        return result
    }

    private mutating func patterns(_ document: TOMLTable, _ path: [String]) -> [GlobPattern]? {
        guard let texts = stringArray(document, path) else { return nil }
        var result: [GlobPattern] = []
        var failed = false
        for (index, text) in texts.enumerated() {
            do {
                result.append(try GlobPattern(text))
            } catch {
                // Point into the string: past the opening quote, then to the character at fault.
                let base = locator.keys[path]?.elements[safe: index].map { $0 + 1 }
                let inside = String(text.prefix(error.offset)).utf8.count
                let offset = base.map { $0 + inside } ?? locator.offset(of: path)
                problems.append(Problem(
                    offset: offset,
                    message: "bad pattern '\(text)' in '\(path.joined(separator: "."))': \(error.message)"))
                failed = true
            }
        }
        return failed ? nil : result
    }

    private mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ document: TOMLTable, _ path: [String], _ type: Choice.Type
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(document, path) else { return nil }
        guard let chosen = Choice(rawValue: text) else {
            let options = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            problem(at: path, value: true, "'\(path.joined(separator: "."))' must be one of \(options); not \"\(text)\"")
            return nil
        }
        return chosen
    }

    private mutating func checkKeys(of table: TOMLTable, at path: [String], allowed: [String]) {
        for key in table.keys where !allowed.contains(key) {
            let place = path.isEmpty ? "at the top level" : "in [\(path.joined(separator: "."))]"
            problem(at: path + [key], value: false,
                    "unknown key '\(key)' \(place)" + Self.suggestion(key, among: allowed)
                        + " (known keys: \(allowed.joined(separator: ", ")))")
        }
    }

    // MARK: - Problems

    private mutating func problem(at path: [String], value: Bool, _ message: String) {
        let place = locator.keys[path]
        let offset = (value ? place?.value : place?.key) ?? locator.offset(of: path)
        problems.append(Problem(offset: offset, message: message))
    }

    private mutating func problem(at path: [String], element: Int, _ message: String) {
        let offset = locator.keys[path]?.elements[safe: element] ?? locator.offset(of: path)
        problems.append(Problem(offset: offset, message: message))
    }

    // MARK: - Helpers

    static func describe(_ value: TOMLValueConvertible?) -> String {
        guard let value else { return "nothing" }
        switch value.type {
        case .array: return "an array"
        case .int: return "an integer"
        case .bool: return "a boolean"
        default: return "a \(value.type.description)"
        }
    }

    static func suggestion(_ key: String, among candidates: [String]) -> String {
        let scored = candidates.map { ($0, editDistance(key.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    static func isLanguageCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// The language of an Android resource folder: `values-zh-rCN` → `zh-CN`, `values-b+zh+Hans` → `zh-Hans`.
    static func androidLanguage(_ root: String) -> Language? {
        let name = root.split(separator: "/").last.map(String.init) ?? root
        guard name.hasPrefix("values-") else { return nil }
        let qualifiers = name.dropFirst("values-".count)
        if qualifiers.hasPrefix("b+") {
            return Language(qualifiers.dropFirst(2).split(separator: "+").joined(separator: "-"))
        }
        let parts = qualifiers.split(separator: "-")
        guard let language = parts.first, language.count == 2 || language.count == 3,
              language.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return nil }
        if parts.count > 1, parts[1].hasPrefix("r"), parts[1].count == 3 {
            return Language("\(language)-\(parts[1].dropFirst())")
        }
        return Language(String(language))
    }

    static func normalized(_ root: String) -> String {
        var text = root
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

fileprivate extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
