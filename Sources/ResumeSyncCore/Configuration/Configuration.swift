/// What a project can set (DESIGN §2): the trees, the format, rule severities, the glossary.
///
/// `resume-sync.toml` at the project root is read into this; with no config the defaults
/// below apply (`zh/` is the source, `en/` the target).
public struct Configuration: Sendable {
    public var sourceRoot: String
    public var targetRoot: String
    public var sourceLanguage: Language?
    public var targetLanguage: Language?
    public var profile: FormatProfile
    /// Per rule: a severity, or `nil` to switch the rule off.
    public var severities: [String: Severity?]
    /// Source-language terms and the target-language term a translation must use for each.
    public var glossary: [GlossaryTerm]

    public init(
        sourceRoot: String = "zh", targetRoot: String = "en",
        sourceLanguage: Language? = nil, targetLanguage: Language? = nil,
        profile: FormatProfile = .xml, severities: [String: Severity?] = [:], glossary: [GlossaryTerm] = []
    ) {
        self.sourceRoot = sourceRoot
        self.targetRoot = targetRoot
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.profile = profile
        self.severities = severities
        self.glossary = glossary
    }

    public static let `default` = Configuration()

    /// The severity a finding of `rule` gets, or `nil` when the rule is switched off.
    public func severity(of rule: Rule) -> Severity? {
        if let configured = severities[rule.id] { return configured }
        return rule.defaultSeverity
    }

    /// Applies configured severities: findings of rules switched off are dropped. Rules that
    /// mean broken input cannot be switched off or lowered.
    public func applySeverities(to findings: [Finding]) -> [Finding] {
        findings.compactMap { finding in
            if finding.rule.meansBrokenInput { return finding }
            guard let severity = severity(of: finding.rule) else { return nil }
            var adjusted = finding
            adjusted.severity = severity
            return adjusted
        }
    }
}

/// A glossary entry: wherever the source uses `source`, the target must use `target`.
public struct GlossaryTerm: Hashable, Sendable {
    public var source: String
    public var target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }
}
