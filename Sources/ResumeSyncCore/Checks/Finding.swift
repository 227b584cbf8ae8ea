/// One thing the tool found: what rule, about which entry, where on each side, and why.
public struct Finding: Hashable, Sendable {
    public var rule: Rule
    public var severity: Severity
    public var key: EntryKey
    public var message: String
    /// Where the entry is in the source tree, when it exists there.
    public var source: SourceLocation?
    /// Where the entry is in the target tree, when it exists there.
    public var target: SourceLocation?
    /// The values that disagree, one on each side (mismatch rules).
    public var sourceValue: String?
    public var targetValue: String?
    /// For `stale`: the source's text at the baseline and now.
    public var previousSourceText: String?
    public var currentSourceText: String?
    /// For `stale`: whether the target was edited since the baseline as well.
    public var targetEditedSinceBaseline: Bool

    public init(
        rule: Rule, key: EntryKey, message: String,
        source: SourceLocation? = nil, target: SourceLocation? = nil,
        sourceValue: String? = nil, targetValue: String? = nil,
        previousSourceText: String? = nil, currentSourceText: String? = nil,
        targetEditedSinceBaseline: Bool = false, severity: Severity? = nil
    ) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.key = key
        self.message = message
        self.source = source
        self.target = target
        self.sourceValue = sourceValue
        self.targetValue = targetValue
        self.previousSourceText = previousSourceText
        self.currentSourceText = currentSourceText
        self.targetEditedSinceBaseline = targetEditedSinceBaseline
    }

    /// The location a person should look at first: the target's, unless the entry is not there.
    public var primaryLocation: SourceLocation? { target ?? source }

    /// The other side's location, shown as a note.
    public var secondaryLocation: SourceLocation? { target == nil ? nil : source }
}

extension Finding {
    /// Source document order: by file, then by the entry's place in the source (entries on the
    /// target side only come after), then by rule.
    static func documentOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.key.file != rhs.key.file { return lhs.key.file < rhs.key.file }
        let left = lhs.orderOffset
        let right = rhs.orderOffset
        if left != right { return left < right }
        if lhs.rule.id != rhs.rule.id { return lhs.rule.id < rhs.rule.id }
        return lhs.key < rhs.key
    }

    private var orderOffset: Int {
        if let source { return source.byteOffset }
        if let target { return Int(Int32.max) + target.byteOffset }
        return -1
    }
}
