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
            let progress: SyncProgress
            if filePair.isComparable {
                let pairs = pairsByFile[filePair.file] ?? []
                let inSync = pairs.filter { $0.source != nil && $0.target != nil && !keysWithFindings.contains($0.key) }
                progress = SyncProgress(done: inSync.count, total: pairs.count)
            } else {
                let entries = (filePair.source ?? filePair.target)?.alignableEntries.count ?? 0
                progress = SyncProgress(done: 0, total: entries)
            }
            let findings = findingsByFile[filePair.file] ?? []
            return FileProgress(
                file: filePair.file,
                sourcePath: filePair.inSource ? result.source.spec.displayPath(filePair.file) : nil,
                targetPath: filePair.inTarget ? result.target.spec.displayPath(filePair.file) : nil,
                progress: progress,
                ruleCounts: Self.counts(findings),
                brokenInput: findings.filter { $0.rule.meansBrokenInput })
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

    /// Findings counted by rule, in the order of `Rule.all`, then unknown rules by ID.
    static func counts(_ findings: [Finding]) -> [RuleCount] {
        var counts: [Rule: Int] = [:]
        for finding in findings { counts[finding.rule, default: 0] += 1 }
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
