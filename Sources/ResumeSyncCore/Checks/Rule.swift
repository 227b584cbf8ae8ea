/// How much a finding matters: errors fail `check`, warnings are shown and let it pass.
public enum Severity: String, Hashable, Sendable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}

/// A named kind of finding, with the severity it has unless the config says otherwise.
public struct Rule: Hashable, Sendable, CustomStringConvertible {
    public var id: String
    public var defaultSeverity: Severity
    /// One line for `--help` and the README.
    public var summary: String
    /// Whether the rule means the input is broken (exit status 2) rather than out of sync.
    public var meansBrokenInput: Bool

    public init(id: String, defaultSeverity: Severity, summary: String, meansBrokenInput: Bool = false) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.meansBrokenInput = meansBrokenInput
    }

    public var description: String { id }

    public static let missing = Rule(
        id: "missing", defaultSeverity: .error,
        summary: "the entry or file exists in the source tree and not in the target")
    public static let orphan = Rule(
        id: "orphan", defaultSeverity: .warning,
        summary: "the entry or file exists in the target tree and not in the source")
    public static let untranslated = Rule(
        id: "untranslated", defaultSeverity: .error,
        summary: "the target is marked as needing translation, repeats the source's Chinese text, or keeps Han characters")
    public static let stale = Rule(
        id: "stale", defaultSeverity: .error,
        summary: "the source's prose changed since the pair was last confirmed in sync")
    public static let mismatchAttribute = Rule(
        id: "mismatch-attribute", defaultSeverity: .error,
        summary: "a language-neutral attribute differs between the two sides")
    public static let mismatchStructure = Rule(
        id: "mismatch-structure", defaultSeverity: .error,
        summary: "the two sides have different fields, or the entry is nested differently")
    public static let mismatchNeutral = Rule(
        id: "mismatch-neutral", defaultSeverity: .error,
        summary: "the text of a neutral element (code, translate=\"no\") differs between the two sides")
    public static let mismatchEntity = Rule(
        id: "mismatch-entity", defaultSeverity: .error,
        summary: "the two sides reference different entities")
    public static let duplicateID = Rule(
        id: "duplicate-id", defaultSeverity: .error,
        summary: "two elements of one file carry the same ID", meansBrokenInput: true)
    public static let parseError = Rule(
        id: "parse-error", defaultSeverity: .error,
        summary: "the file cannot be read as XML", meansBrokenInput: true)
    public static let lockError = Rule(
        id: "lock-error", defaultSeverity: .error,
        summary: "resume-sync.lock cannot be read", meansBrokenInput: true)
    public static let configError = Rule(
        id: "config-error", defaultSeverity: .error,
        summary: "resume-sync.toml cannot be used (syntax, unknown key, wrong type, missing tree, bad pattern)",
        meansBrokenInput: true)

    public static let all: [Rule] = [
        .missing, .orphan, .untranslated, .stale, .mismatchAttribute, .mismatchStructure,
        .mismatchNeutral, .mismatchEntity, .duplicateID, .parseError, .lockError,
        .configError,
        .mismatchNumber, .mismatchDate, .mismatchURL, .mismatchEmail, .mismatchPhone, .mismatchIdentifier,
        .glossary,
    ]
}
