/// What every check may consult besides the pair itself.
public struct CheckContext: Sendable {
    public var source: TreeSpec
    public var target: TreeSpec
    public var filePair: FilePair
    public var baseline: Baseline?
    public var configuration: Configuration
    /// The glossary, sorted for matching once per file pair rather than once per entry.
    public let glossary: GlossaryMatcher
    /// The facts of the pair being checked, set by the reconciler before it runs the checks.
    public var pairFacts: PairFacts?
    /// The baseline's record of the pair being checked (`nil`: none), looked up once by the
    /// reconciler for the checks and the count of unrecorded pairs.
    var pairRecord: (key: EntryKey, sides: Baseline.Sides?)?

    public init(
        source: TreeSpec, target: TreeSpec, filePair: FilePair, baseline: Baseline?,
        configuration: Configuration
    ) {
        self.source = source
        self.target = target
        self.filePair = filePair
        self.baseline = baseline
        self.configuration = configuration
        self.glossary = GlossaryMatcher(configuration.glossary)
    }

    /// The baseline's record of `pair`: the one the reconciler looked up, or looked up now when
    /// a check is run on its own.
    func baselineRecord(of pair: EntryPair) -> Baseline.Sides? {
        if let pairRecord, pairRecord.key == pair.key { return pairRecord.sides }
        return baseline?.records[pair.key]
    }

    public func sourceLocation(_ entry: Entry?) -> SourceLocation? {
        guard let entry, let document = filePair.source else { return nil }
        return document.location(of: entry)
    }

    public func targetLocation(_ entry: Entry?) -> SourceLocation? {
        guard let entry, let document = filePair.target else { return nil }
        return document.location(of: entry)
    }

    /// A finding about a pair, located on each side where the entry exists.
    public func finding(
        _ rule: Rule, _ pair: EntryPair, _ message: String,
        sourceValue: String? = nil, targetValue: String? = nil
    ) -> Finding {
        Finding(
            rule: rule, key: pair.key, message: message,
            source: sourceLocation(pair.source), target: targetLocation(pair.target),
            sourceValue: sourceValue, targetValue: targetValue)
    }
}

/// A check of one aligned entry pair. Each check lives in its own file with its messages.
public protocol EntryCheck: Sendable {
    var rule: Rule { get }
    /// Whether what the check finds in a pair present on both sides follows from nothing but
    /// the two entries' own bytes, the configuration and the pair's lock record, so that a pair
    /// whose lock record verifies it (`PairVerification`) can pass without it. `false` unless a
    /// check says so: a check that looks at anything else (where an entry is nested, another
    /// entry, another file) must run for every pair.
    var readsOnlyThePair: Bool { get }
    func findings(for pair: EntryPair, in context: CheckContext) -> [Finding]
}

extension EntryCheck {
    public var readsOnlyThePair: Bool { false }
}

extension Entry {
    /// Whether this entry's parent entry is absent from the other side as well, so that a finding
    /// about the parent already covers it.
    func isCoveredByParent(missingFrom other: ParsedDocument?) -> Bool {
        guard let parent, let other else { return false }
        return other.entry(parent) == nil
    }
}
