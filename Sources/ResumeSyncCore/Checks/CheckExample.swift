/// A pair of texts that shows what a check reports and what it lets pass.
///
/// Each cross-language check lists its own examples beside its code, as SwiftLint's rules
/// carry triggering and non-triggering examples; one test runs them all, so the examples in
/// the documentation cannot drift from what the check does.
public struct CheckExample: Sendable {
    /// The source text (Chinese) and the target text (English) of one entry.
    public var source: String
    public var target: String
    /// Whether the check must report the pair.
    public var isReported: Bool
    /// The glossary the example needs, if any.
    public var glossary: [GlossaryTerm]

    public init(_ source: String, _ target: String, reported: Bool, glossary: [GlossaryTerm] = []) {
        self.source = source
        self.target = target
        self.isReported = reported
        self.glossary = glossary
    }

    public static func found(_ source: String, _ target: String, glossary: [GlossaryTerm] = []) -> CheckExample {
        CheckExample(source, target, reported: true, glossary: glossary)
    }

    public static func passes(_ source: String, _ target: String, glossary: [GlossaryTerm] = []) -> CheckExample {
        CheckExample(source, target, reported: false, glossary: glossary)
    }
}

/// A check that documents itself with examples.
public protocol ExampleDescribedCheck: EntryCheck {
    /// Every rule the check reports.
    var rules: [Rule] { get }
    static var examples: [CheckExample] { get }
}
