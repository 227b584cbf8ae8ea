/// The whole comparison of two trees: every file pair, every entry pair, every finding.
public struct Reconciliation: Sendable {
    public var source: LoadedTree
    public var target: LoadedTree
    public var filePairs: [FilePair]
    /// Entry pairs of the comparable file pairs, file by file in document order.
    public var entryPairs: [EntryPair]
    /// Every finding, in document order.
    public var findings: [Finding]
    /// Whether there was a baseline to judge staleness against.
    public var hasBaseline: Bool
    /// Entry pairs that exist on both sides but have no baseline record yet.
    public var unrecordedPairs: [EntryKey]
    /// The `PairVerification` of each pair that the checks reading only the pair found
    /// nothing in (but `stale`): what `accept` records of it as `verified`.
    public var verifiedPairs: [EntryKey: Fingerprint] = [:]
    /// Findings that `resume-sync.silence` silenced, and its silences that no longer apply.
    public var silencing = SilencingOutcome()

    /// Exit status as DESIGN §6 has it: 2 broken input, 1 findings at error severity, 0 otherwise.
    public var exitStatus: Int32 { Self.exitStatus(of: findings) }

    static func exitStatus(of findings: [Finding]) -> Int32 {
        if findings.contains(where: { $0.rule.meansBrokenInput }) { return 2 }
        if findings.contains(where: { $0.severity == .error }) { return 1 }
        return 0
    }

    /// Pairs that are in sync: present on both sides with no finding about them.
    public var inSyncCount: Int {
        let keysWithFindings = Set(findings.map(\.key))
        return entryPairs.filter { $0.source != nil && $0.target != nil && !keysWithFindings.contains($0.key) }.count
    }
}

/// Runs the checks over two loaded trees.
public struct Reconciler: Sendable {
    public var checks: [any EntryCheck] {
        didSet { verification = PairVerification(configuration: configuration, checks: checks) }
    }
    public var configuration: Configuration {
        didSet { verification = PairVerification(configuration: configuration, checks: checks) }
    }
    /// The seed of every pair's verification under these checks and this configuration.
    private var verification: PairVerification

    public init(checks: [any EntryCheck] = Reconciler.standardChecks, configuration: Configuration = .default) {
        self.checks = checks
        self.configuration = configuration
        verification = PairVerification(configuration: configuration, checks: checks)
    }

    public static let standardChecks: [any EntryCheck] = [
        PresenceCheck(), NestingCheck(), StructureCheck(), NeutralContentCheck(), EntityCheck(),
        UntranslatedCheck(), StaleCheck(),
        NumberCheck(), DateCheck(), LinkCheck(), IdentifierCheck(), GlossaryCheck(),
    ]

    public func reconcile(source: LoadedTree, target: LoadedTree, baseline: Baseline?, baselineFindings: [Finding] = []) -> Reconciliation {
        let filePairs = Aligner.pairFiles(source: source, target: target)
        let checked = filePairs.parallelMap { filePair in
            check(filePair, source: source, target: target, baseline: baseline, collectingVerified: true)
        }
        var findings: [Finding] = baselineFindings
        var entryPairs: [EntryPair] = []
        var unrecorded: [EntryKey] = []
        var verified: [EntryKey: Fingerprint] = [:]
        for part in checked {
            findings += part.findings
            entryPairs += part.entryPairs
            unrecorded += part.unrecorded
            verified.merge(part.verified) { first, _ in first }
        }
        findings = configuration.applySeverities(to: findings)
        findings.sort(by: Finding.documentOrder)
        return Reconciliation(
            source: source, target: target, filePairs: filePairs, entryPairs: entryPairs,
            findings: findings, hasBaseline: baseline != nil, unrecordedPairs: unrecorded, verifiedPairs: verified)
    }

    /// What one file pair contributes: its findings, its entry pairs, the pairs the baseline
    /// does not record yet, and (`collectingVerified`) the verification of each pair that the
    /// checks reading only the pair found nothing in. File pairs are independent, so they are
    /// checked in parallel.
    ///
    /// A pair whose lock record's `verified` is its verification now is given only the checks
    /// that do not read only the pair (see `PairVerification`).
    private func check(
        _ filePair: FilePair, source: LoadedTree, target: LoadedTree, baseline: Baseline?, collectingVerified: Bool = false
    ) -> (findings: [Finding], entryPairs: [EntryPair], unrecorded: [EntryKey], verified: [EntryKey: Fingerprint]) {
        var findings: [Finding] = []
        findings += source.failures[filePair.file] ?? []
        findings += target.failures[filePair.file] ?? []
        findings += FilePresenceCheck.findings(for: filePair, source: source.spec, target: target.spec)
        if let document = filePair.source { findings += DuplicateIDCheck.findings(for: document, side: .source) }
        if let document = filePair.target { findings += DuplicateIDCheck.findings(for: document, side: .target) }
        guard filePair.isComparable else { return (findings, [], [], [:]) }
        var context = CheckContext(
            source: source.spec, target: target.spec, filePair: filePair, baseline: baseline,
            configuration: configuration)
        let entryPairs = Aligner.pairEntries(filePair)
        var unrecorded: [EntryKey] = []
        var verified: [EntryKey: Fingerprint] = [:]
        let seed = verification.seed(file: filePair.file, languages: (source.spec.language, target.spec.language))
        for pair in entryPairs {
            context.pairFacts = nil
            context.pairRecord = nil
            var verification: Fingerprint?
            var passes = false
            // Looked up once, for the checks and for the count of unrecorded pairs below.
            var record: Baseline.Sides?
            if let (sourceEntry, targetEntry) = pair.bothSides,
               let sourceDocument = filePair.source, let targetDocument = filePair.target {
                record = baseline?.records[pair.key]
                context.pairRecord = (pair.key, record)
                if collectingVerified || record?.verified != nil {
                    verification = seed.verification(source: (sourceEntry, sourceDocument), target: (targetEntry, targetDocument))
                }
                passes = verification != nil && record?.verified == verification
                if !passes { context.pairFacts = context.facts(of: pair, source: sourceEntry, target: targetEntry) }
            }
            var foundInPair = false
            // By index: each check is asked where it is, not copied out of the array first.
            for index in checks.indices where !(passes && checks[index].readsOnlyThePair) {
                let found = checks[index].findings(for: pair, in: context)
                if checks[index].readsOnlyThePair, found.contains(where: { $0.rule != .stale }) { foundInPair = true }
                findings += found
            }
            if collectingVerified, !foundInPair, let verification { verified[pair.key] = verification }
            if pair.source != nil, pair.target != nil, baseline != nil,
               record?.contains(source.spec.language.code) != true {
                unrecorded.append(pair.key)
            }
        }
        return (findings, entryPairs, unrecorded, verified)
    }
}

/// One file pair as checked, for a report that shows its entries (`diff`) or asks what merge
/// would do with them (`todo`): the one-file trees it was loaded into and the baseline it was
/// checked against, the pair (with its documents), its entry pairs, its findings (severities
/// applied, not yet silenced) and the pairs the baseline does not record yet.
struct ShownFilePair: Sendable {
    var source: LoadedTree
    var target: LoadedTree
    var baseline: Baseline?
    var filePair: FilePair?
    var entryPairs: [EntryPair]
    var findings: [Finding]
    var unrecorded: [EntryKey]
}

/// What one file pair leaves behind for `check` once its documents are released: its findings
/// (severities applied) and the few keys the summary counts.
struct CheckedFilePair: Sendable {
    var findings: [Finding]
    var pairedCount: Int
    var pairedKeysWithFindings: [EntryKey]
    var unrecorded: [EntryKey]
}

extension Reconciler {
    /// Checks the one file pair of two trees that each hold (at most) that file, as `reconcile`
    /// checks each of its pairs, and keeps only what `check` reports.
    func checkFilePair(source: LoadedTree, target: LoadedTree, baseline: Baseline?) -> CheckedFilePair {
        checkFilePairShowing(source: source, target: target, baseline: baseline).checked
    }

    /// `checkFilePair`, with the pair's documents and entry pairs for a report that shows
    /// entries (`diff`) or plans their merge (`todo`) to read before they are released.
    func checkFilePairShowing(
        source: LoadedTree, target: LoadedTree, baseline: Baseline?
    ) -> (checked: CheckedFilePair, shown: ShownFilePair) {
        guard let filePair = Aligner.pairFiles(source: source, target: target).first else {
            return (CheckedFilePair(findings: [], pairedCount: 0, pairedKeysWithFindings: [], unrecorded: []),
                    ShownFilePair(
                        source: source, target: target, baseline: baseline, filePair: nil, entryPairs: [], findings: [],
                        unrecorded: []))
        }
        let checked = check(filePair, source: source, target: target, baseline: baseline)
        let findings = configuration.applySeverities(to: checked.findings)
        let keysWithFindings = Set(findings.map(\.key))
        let paired = checked.entryPairs.lazy.filter { $0.source != nil && $0.target != nil }.map(\.key)
        return (
            CheckedFilePair(
                findings: findings, pairedCount: paired.count,
                pairedKeysWithFindings: Array(paired.filter { keysWithFindings.contains($0) }),
                unrecorded: checked.unrecorded),
            ShownFilePair(
                source: source, target: target, baseline: baseline, filePair: filePair,
                entryPairs: checked.entryPairs, findings: findings, unrecorded: checked.unrecorded))
    }

    /// The check result of file pairs checked one by one (in file order), as `reconcile` would
    /// have found it for the whole trees.
    func checkResult(
        of parts: [CheckedFilePair], source: TreeSpec, target: TreeSpec, hasBaseline: Bool,
        baselineFindings: [Finding] = []
    ) -> CheckResult {
        var findings = configuration.applySeverities(to: baselineFindings)
        var unrecorded: [EntryKey] = []
        var pairedKeysWithFindings: Set<EntryKey> = []
        var pairedCount = 0
        for part in parts {
            findings += part.findings
            unrecorded += part.unrecorded
            pairedKeysWithFindings.formUnion(part.pairedKeysWithFindings)
            pairedCount += part.pairedCount
        }
        findings.sort(by: Finding.documentOrder)
        return CheckResult(
            source: source, target: target, findings: findings, hasBaseline: hasBaseline,
            unrecordedPairs: unrecorded, pairedCount: pairedCount, pairedKeysWithFindings: pairedKeysWithFindings)
    }
}
