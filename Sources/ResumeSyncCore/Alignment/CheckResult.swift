/// What `check` reports about two trees: the findings and the counts of its summary, and nothing
/// of the documents.
///
/// `Workspace.check()` builds it one file pair at a time, so its size follows the findings, not
/// the trees; `Reconciliation.checkResult` gives the same value from a full reconciliation, which
/// is how the two are held to agree.
public struct CheckResult: Sendable {
    public var source: TreeSpec
    public var target: TreeSpec
    /// Every finding, in document order.
    public var findings: [Finding]
    /// Whether there was a baseline to judge staleness against.
    public var hasBaseline: Bool
    /// Entry pairs that exist on both sides but have no baseline record yet.
    public var unrecordedPairs: [EntryKey]
    /// Findings that `resume-sync.silence` silenced, and its silences that no longer apply.
    public var silencing = SilencingOutcome()
    /// How many entry pairs exist on both sides.
    public var pairedCount: Int
    /// The keys of those pairs that some finding (before silencing) is about: the only pairs
    /// that can be out of sync, so the in-sync count needs no other key.
    public var pairedKeysWithFindings: Set<EntryKey>
    /// The baseline the run read, held with the result: a command that exits with its result
    /// still alive (`check`, `diff`) then leaves the lock's records to the system rather than
    /// freeing them one by one (200,000 for a 2,000-file project) before it prints.
    var baseline: FiledBaseline?

    public init(
        source: TreeSpec, target: TreeSpec, findings: [Finding], hasBaseline: Bool,
        unrecordedPairs: [EntryKey], pairedCount: Int, pairedKeysWithFindings: Set<EntryKey>
    ) {
        self.source = source
        self.target = target
        self.findings = findings
        self.hasBaseline = hasBaseline
        self.unrecordedPairs = unrecordedPairs
        self.pairedCount = pairedCount
        self.pairedKeysWithFindings = pairedKeysWithFindings
    }

    /// Exit status as DESIGN §6 has it: 2 broken input, 1 findings at error severity, 0 otherwise.
    public var exitStatus: Int32 { Reconciliation.exitStatus(of: findings) }

    /// Pairs that are in sync: present on both sides with no finding about them.
    public var inSyncCount: Int {
        let keysWithFindings = Set(findings.map(\.key))
        return pairedCount - pairedKeysWithFindings.filter { keysWithFindings.contains($0) }.count
    }

    /// The result with the findings that `list` silences moved aside, as
    /// `Reconciliation.silenced(by:)` does.
    public func silenced(by list: SilenceList?) -> CheckResult {
        guard let list, !list.silences.isEmpty else { return self }
        var result = self
        (result.findings, result.silencing) = SilencingOutcome.applying(list, to: findings)
        return result
    }
}

extension Reconciliation {
    /// What `check` reports, taken from the whole reconciliation.
    public var checkResult: CheckResult {
        let keysWithFindings = Set((findings + silencing.silenced).map(\.key))
        let paired = entryPairs.filter { $0.source != nil && $0.target != nil }
        var result = CheckResult(
            source: source.spec, target: target.spec, findings: findings, hasBaseline: hasBaseline,
            unrecordedPairs: unrecordedPairs, pairedCount: paired.count,
            pairedKeysWithFindings: Set(paired.map(\.key).filter { keysWithFindings.contains($0) }))
        result.silencing = silencing
        return result
    }
}
