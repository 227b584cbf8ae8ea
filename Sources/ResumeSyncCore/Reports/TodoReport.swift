/// The translation TODO report as data: progress overall and per file, counts by rule, and one
/// item per entry (or file) that needs work, in document order.
///
/// The Markdown, HTML and JSON renderers and `status` all read this one model, so they never
/// disagree about what is in sync. It is built from a `Reconciliation` alone: no clock, no
/// file system.
public struct TodoReport: Sendable {
    public var sourceLanguage: Language
    public var targetLanguage: Language
    /// The tree folders as the user sees them (`zh`, `en`).
    public var sourceRoot: String
    public var targetRoot: String
    public var hasBaseline: Bool
    /// Entry pairs on both sides that the baseline has no record of yet.
    public var unrecordedCount: Int
    /// Every entry of either tree: in sync when present on both sides with no finding about it.
    public var overall: SyncProgress
    public var files: [FileProgress]
    /// Findings by rule, in the order of `Rule.all` (rules it does not list come after, by ID).
    public var ruleCounts: [RuleCount]
    public var items: [TodoItem]
    /// Findings that mean the input cannot be read (`parse-error`, `duplicate-id`, `lock-error`):
    /// with any of them the report cannot be trusted, and the commands stop with exit status 2.
    public var brokenInput: [Finding]

    /// One file's entries and findings.
    public struct FileProgress: Sendable {
        public var file: RelativePath
        /// The file's path in each tree, when it exists there.
        public var sourcePath: String?
        public var targetPath: String?
        public var progress: SyncProgress
        public var ruleCounts: [RuleCount]
        /// Findings that mean the file cannot be read (`parse-error`, `duplicate-id`).
        public var brokenInput: [Finding]

        public var needsWork: Bool { !ruleCounts.isEmpty || !progress.isComplete }
    }

    public struct RuleCount: Hashable, Sendable {
        public var rule: Rule
        public var count: Int
    }

    /// The report of `result`. With `merge`, the outcome of merge's own dry-run plan, each item
    /// says what merge would really do (a neutral value the target changed is not copied, say);
    /// without it, what merge does for such a finding as a rule.
    public init(_ result: Reconciliation, merge: MergeOutcome? = nil) {
        sourceLanguage = result.source.spec.language
        targetLanguage = result.target.spec.language
        sourceRoot = result.source.spec.displayRoot
        targetRoot = result.target.spec.displayRoot
        hasBaseline = result.hasBaseline
        unrecordedCount = result.unrecordedPairs.count

        let keysWithFindings = Set(result.findings.map(\.key))
        var pairsByFile: [RelativePath: [EntryPair]] = [:]
        for pair in result.entryPairs { pairsByFile[pair.key.file, default: []].append(pair) }
        var findingsByFile: [RelativePath: [Finding]] = [:]
        for finding in result.findings { findingsByFile[finding.key.file, default: []].append(finding) }

        files = result.filePairs.map { filePair in
            Self.fileProgress(
                of: filePair, pairs: pairsByFile[filePair.file] ?? [], findings: findingsByFile[filePair.file] ?? [],
                keysWithFindings: keysWithFindings, source: result.source.spec, target: result.target.spec)
        }
        overall = files.reduce(SyncProgress(done: 0, total: 0)) { $0 + $1.progress }
        ruleCounts = Self.counts(result.findings)
        brokenInput = result.findings.filter { $0.rule.meansBrokenInput }
        var sourceDocuments: [RelativePath: ParsedDocument] = [:]
        for filePair in result.filePairs { sourceDocuments[filePair.file] = filePair.source }
        let target = result.target.spec
        let plan = merge.map(MergeAction.Plan.init)
        let documents = sourceDocuments
        items = DiffReport().blocks(result).parallelMap { block in
            TodoItem(block, sourceDocument: documents[block.key.file], target: target, merge: plan)
        }
    }

    /// One file's progress: its entry pairs in sync out of all (a file on one side only: none
    /// of its entries), and its findings by rule.
    static func fileProgress(
        of filePair: FilePair, pairs: [EntryPair], findings: [Finding], keysWithFindings: Set<EntryKey>,
        source: TreeSpec, target: TreeSpec
    ) -> FileProgress {
        let progress: SyncProgress
        if filePair.isComparable {
            let inSync = pairs.filter { $0.source != nil && $0.target != nil && !keysWithFindings.contains($0.key) }
            progress = SyncProgress(done: inSync.count, total: pairs.count)
        } else {
            let entries = (filePair.source ?? filePair.target)?.alignableEntries.count ?? 0
            progress = SyncProgress(done: 0, total: entries)
        }
        return FileProgress(
            file: filePair.file,
            sourcePath: filePair.inSource ? source.displayPath(filePair.file) : nil,
            targetPath: filePair.inTarget ? target.displayPath(filePair.file) : nil,
            progress: progress,
            ruleCounts: counts(findings),
            brokenInput: findings.filter { $0.rule.meansBrokenInput })
    }

    /// Findings counted by rule, in the order of `Rule.all`, then unknown rules by ID.
    static func counts(_ findings: [Finding]) -> [RuleCount] {
        counts(tally: tally(findings))
    }

    /// How many findings there are of each rule.
    static func tally(_ findings: [Finding]) -> [Rule: Int] {
        var counts: [Rule: Int] = [:]
        for finding in findings { counts[finding.rule, default: 0] += 1 }
        return counts
    }

    /// Counts by rule, in the order of `Rule.all`, then unknown rules by ID.
    static func counts(tally counts: [Rule: Int]) -> [RuleCount] {
        let order = Dictionary(Rule.all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        return counts.map { RuleCount(rule: $0.key, count: $0.value) }.sorted { lhs, rhs in
            let left = order[lhs.rule.id] ?? Int.max
            let right = order[rhs.rule.id] ?? Int.max
            return left != right ? left < right : lhs.rule.id < rhs.rule.id
        }
    }

    /// How many findings there are of a rule.
    public func count(of rule: Rule) -> Int {
        ruleCounts.first { $0.rule == rule }?.count ?? 0
    }

    /// The items by file, each file's in document order.
    public var itemsByFile: [RelativePath: [TodoItem]] {
        Dictionary(grouping: items, by: \.key.file)
    }
}

extension TodoReport {
    /// One file pair's share of the report, made while its documents are alive, so that
    /// `Workspace.todoReport` can release them before it reads the next pair.
    struct FilePart: Sendable {
        var file: FileProgress
        var items: [TodoItem]
        /// Items of findings that no entry pair of the file shows (entries whose ID is
        /// duplicated): the whole report lists them after every file's items.
        var remainingItems: [TodoItem]
        var ruleTally: [Rule: Int]
        var brokenInput: [Finding]
        var unrecordedCount: Int

        /// The share of the one file pair `result` compares, as `TodoReport(result, merge:)`
        /// has it.
        init(_ result: Reconciliation, filePair: FilePair, merge: MergeOutcome?) {
            file = TodoReport.fileProgress(
                of: filePair, pairs: result.entryPairs, findings: result.findings,
                keysWithFindings: Set(result.findings.map(\.key)), source: result.source.spec, target: result.target.spec)
            var covered: Set<EntryKey> = []
            let blocks = DiffReport().blocks(
                of: filePair, entryPairs: result.entryPairs, byKey: DiffReport.findingsByKey(result.findings), covered: &covered)
            let remaining = DiffReport.remainingBlocks(result.findings, covered: &covered)
            let target = result.target.spec
            let plan = merge.map(MergeAction.Plan.init)
            items = blocks.map { TodoItem($0, sourceDocument: filePair.source, target: target, merge: plan) }
            remainingItems = remaining.map { TodoItem($0, sourceDocument: filePair.source, target: target, merge: plan) }
            ruleTally = TodoReport.tally(result.findings)
            brokenInput = result.findings.filter { $0.rule.meansBrokenInput }
            unrecordedCount = result.unrecordedPairs.count
        }
    }

    /// The report of file pairs made one by one, in file order: what `TodoReport(result,
    /// merge:)` makes of the whole trees when nothing but the files has findings (no lock error).
    init(parts: [FilePart], source: TreeSpec, target: TreeSpec, hasBaseline: Bool) {
        sourceLanguage = source.language
        targetLanguage = target.language
        sourceRoot = source.displayRoot
        targetRoot = target.displayRoot
        self.hasBaseline = hasBaseline
        unrecordedCount = parts.reduce(0) { $0 + $1.unrecordedCount }
        files = parts.map(\.file)
        overall = files.reduce(SyncProgress(done: 0, total: 0)) { $0 + $1.progress }
        var tally: [Rule: Int] = [:]
        for part in parts { tally.merge(part.ruleTally, uniquingKeysWith: +) }
        ruleCounts = Self.counts(tally: tally)
        brokenInput = parts.flatMap(\.brokenInput)
        items = parts.flatMap(\.items) + parts.flatMap(\.remainingItems)
    }
}
