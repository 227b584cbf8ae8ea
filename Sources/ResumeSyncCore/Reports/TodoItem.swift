/// One entry (or whole file) that needs work: what was found, the text on each side, for a stale
/// entry the source's change since the baseline, and what `merge` would do about it by itself.
public struct TodoItem: Sendable {
    public var key: EntryKey
    public var findings: [Finding]
    public var source: DiffReport.Block.Side?
    public var target: DiffReport.Block.Side?
    /// For a stale entry: the source's text at the baseline against its text now, word by word.
    public var sourceChange: [WordDiff.Piece]?
    public var targetEditedSinceBaseline: Bool
    /// For an entry missing from the target: the entries nested in it, which arrive with it.
    public var nested: [NestedEntry]
    /// For a file missing from the target: its entries, all to translate.
    public var fileEntryCount: Int?
    public var mergeActions: [MergeAction]

    /// An entry nested in a missing one, with its source text.
    public struct NestedEntry: Hashable, Sendable {
        public var key: EntryKey
        public var text: String
    }

    /// The rules of the item's findings, each once, in finding order.
    public var rules: [Rule] {
        var seen: Set<Rule> = []
        return findings.map(\.rule).filter { seen.insert($0).inserted }
    }

    /// The worst severity among the findings.
    public var severity: Severity {
        findings.map(\.severity).max() ?? .warning
    }

    /// Whether `merge` settles every finding of the item without a person.
    public var mergeSettlesIt: Bool {
        !mergeActions.isEmpty && mergeActions.allSatisfy { $0.kind != .needsPerson && $0.kind != .leftAlone }
    }

    init(_ block: DiffReport.Block, sourceDocument document: ParsedDocument?, target targetTree: TreeSpec, merge: MergeAction.Plan? = nil) {
        key = block.key
        findings = block.findings
        source = block.source
        target = block.target
        sourceChange = block.sourceChange
        targetEditedSinceBaseline = block.findings.contains { $0.rule == .stale && $0.targetEditedSinceBaseline }
        if block.findings.contains(where: { $0.rule == .missing }), let id = block.key.id, let document,
           let entry = document.entry(id) {
            nested = Self.descendants(of: entry, in: document)
        } else {
            nested = []
        }
        if block.key.id == nil, block.findings.contains(where: { $0.rule == .missing }) {
            fileEntryCount = document?.alignableEntries.count
        } else {
            fileEntryCount = nil
        }
        mergeActions = []
        mergeActions = findings.map { MergeAction.for($0, item: self, target: targetTree, merge: merge) }
    }

    static func descendants(of entry: Entry, in document: ParsedDocument) -> [NestedEntry] {
        entry.children.flatMap { id -> [NestedEntry] in
            guard let child = document.entry(id) else { return [] }
            return [NestedEntry(key: child.key, text: child.content.text)] + descendants(of: child, in: document)
        }
    }
}

/// What `merge` would do about one finding by itself, or that a person is needed.
public struct MergeAction: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// `merge` inserts the missing entry, its text copied from the source and marked for translation.
        case insert
        /// `merge` creates the missing file, every entry marked for translation.
        case createFile = "create-file"
        /// `merge` copies the source's neutral value (an attribute, `<code>`) into the target.
        case copyNeutral = "copy-neutral"
        /// `merge` leaves the orphan alone; `merge --prune` removes it.
        case leftAlone = "left-alone"
        /// Only a person can settle it (a translation, a rewording, a structural change).
        case needsPerson = "needs-person"
    }

    public var kind: Kind
    /// One sentence for people: "merge inserts it, marked for translation".
    public var description: String

    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }

    /// What merge's own plan says of the entries it reads about, looked up by key: a report
    /// asks for every finding of tens of thousands of entries.
    struct Plan: Sendable {
        let updated: Set<EntryKey>
        /// The first reason merge gives for leaving each entry alone.
        let leftAlone: [EntryKey: String]

        init(_ outcome: MergeOutcome) {
            updated = Set(outcome.updated.map(\.key))
            var leftAlone: [EntryKey: String] = [:]
            for entry in outcome.leftAlone where leftAlone[entry.key] == nil { leftAlone[entry.key] = entry.reason }
            self.leftAlone = leftAlone
        }
    }

    static func `for`(_ finding: Finding, item: TodoItem, target: TreeSpec, merge: Plan? = nil) -> MergeAction {
        switch finding.rule {
        case .missing where finding.key.id == nil:
            let count = item.fileEntryCount ?? 0
            let entries = count == 1 ? "its 1 entry" : "its \(count) entries"
            return MergeAction(
                kind: .createFile,
                description: "merge creates \(target.displayPath(finding.key.file)) with \(entries), marked for translation")
        case .missing:
            let nested = item.nested.count
            let with = nested == 0 ? "" : nested == 1 ? " with its 1 nested entry" : " with its \(nested) nested entries"
            return MergeAction(kind: .insert, description: "merge inserts it\(with), marked for translation")
        case .orphan:
            return MergeAction(kind: .leftAlone, description: "merge leaves it alone; `merge --prune` removes it")
        case .mismatchAttribute, .mismatchNeutral:
            if let merge, !merge.updated.contains(finding.key) {
                let reason = merge.leftAlone[finding.key]
                return MergeAction(kind: .needsPerson, description: "needs a person" + (reason.map { ": \($0)" } ?? ""))
            }
            guard let value = finding.sourceValue else {
                return MergeAction(kind: .needsPerson, description: "needs a person: the value is only in \(target.language)")
            }
            return MergeAction(kind: .copyNeutral, description: "merge copies '\(value)'")
        case .stale where finding.targetEditedSinceBaseline:
            return MergeAction(
                kind: .needsPerson,
                description: "needs a person: check the \(target.language) text against the change, then `resume-sync accept \(finding.key)`")
        case .stale:
            return MergeAction(
                kind: .needsPerson,
                description: "needs a person: update the translation, then `resume-sync accept \(finding.key)`")
        case .untranslated:
            return MergeAction(kind: .needsPerson, description: "needs a person: translate it")
        default:
            return MergeAction(kind: .needsPerson, description: "needs a person")
        }
    }
}
