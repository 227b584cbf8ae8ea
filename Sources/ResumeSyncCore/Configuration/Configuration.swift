/// What a project can set (DESIGN §2): the trees, the files, the format, the direction, rule
/// severities, the glossary.
///
/// `resume-sync.toml` at the project root is read into this by `ConfigurationLoader`; with no
/// config the defaults below apply (`zh/` is the source, `en/` the target, plain XML).
///
/// A field that changes what an entry's content is or what a check finds must also go into
/// `PairVerification`'s seed, or a lock's `verified` pairs would pass over a change of it.
public struct Configuration: Sendable, Equatable {
    public var sourceRoot: String
    public var targetRoot: String
    public var sourceLanguage: Language?
    public var targetLanguage: Language?
    /// The profile of every file that is not HTML by its extension (or of every file, when
    /// `format` names one): the format's profile with `[entries]` applied.
    public var profile: FormatProfile
    /// The format the config names (`format = "docbook"`), or `.auto` to go by file extension.
    public var format: FormatChoice
    /// The `[entries]` settings, kept so that the HTML profile of `.auto` gets them too.
    public var profileOverrides: ProfileOverrides
    /// Which files of a tree are content, relative to the tree root.
    public var files: FileSelection
    /// Which side may lead (DESIGN §5).
    public var direction: SyncDirection
    /// Per rule: a severity, or `nil` to switch the rule off.
    public var severities: [String: Severity?]
    /// Source-language terms and the target-language term a translation must use for each.
    public var glossary: [GlossaryTerm]

    public init(
        sourceRoot: String = "zh", targetRoot: String = "en",
        sourceLanguage: Language? = nil, targetLanguage: Language? = nil,
        profile: FormatProfile = .xml, severities: [String: Severity?] = [:], glossary: [GlossaryTerm] = [],
        format: FormatChoice = .auto, profileOverrides: ProfileOverrides = ProfileOverrides(),
        files: FileSelection? = nil, direction: SyncDirection = .sourceToTarget
    ) {
        self.sourceRoot = sourceRoot
        self.targetRoot = targetRoot
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.profile = profile
        self.severities = severities
        self.glossary = glossary
        self.format = format
        self.profileOverrides = profileOverrides
        self.files = files ?? format.defaultFiles
        self.direction = direction
    }

    public static let `default` = Configuration()

    /// The profile for one file: with `format` unset, `.html`, `.htm` and `.xhtml` files read
    /// as HTML and every other file with `profile`.
    public func profile(for file: RelativePath) -> FormatProfile {
        if format == .auto, DocumentSyntax.isHTMLFamily(file) {
            return FormatProfile.html.applying(profileOverrides)
        }
        return profile
    }

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

/// Which side of the pair may lead (DESIGN §5).
public enum SyncDirection: String, Hashable, Sendable, CaseIterable {
    /// The source leads: an edit of the target alone is a translation improvement.
    case sourceToTarget = "source-to-target"
    /// Either side may lead: the side that did not move since the baseline is the stale one.
    case both
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
