/// Plans a merge (DESIGN §7): missing entries and files inserted, neutral changes copied,
/// orphans pruned on request, the baseline updated for the pairs brought back in sync. Every
/// change is a replacement of byte ranges of the original files; the result is parsed and
/// compared again before anything is written, so a plan that would not read back as intended
/// is refused rather than written.
public struct MergePlanner: Sendable {
    public var input: MergeInput
    public var request: MergeRequest

    public init(input: MergeInput, request: MergeRequest) {
        self.input = input
        self.request = request
    }

    public func plan() throws(InvocationError) -> MergePlan {
        try Self.refuse(
            broken: input.result.findings.filter(\.rule.meansBrokenInput),
            inexact: Self.inexactDocuments(input.source) + Self.inexactDocuments(input.target))
        let selection = try MergeSelection(request.only, in: input.result)
        return try Self.assemble(
            mergeFiles(input.result.filePairs, selection: selection), workspace: input.workspace,
            source: input.source.spec, target: input.target.spec, baseline: input.baseline, lockSnapshot: input.lockSnapshot)
    }

    /// What merging one file pair plans and what it will leave: its change, what it adds to the
    /// outcome, the pairs it brings back in sync (for the lock), and the pair's findings as they
    /// will be. It holds no document, so a merge can keep it for every file.
    struct FileMerge: Sendable {
        var change: MergePlan.FileChange?
        /// What planning the file found, inserted entries located in the merged file.
        var outcome = MergeOutcome()
        /// What still needs a person in the file after the merge (`remainingWork`).
        var remaining: [MergeOutcome.LeftAlone] = []
        var expectations = MergeExpectations()
        /// Pairs the merge updates that then have no finding, with both sides' content after it.
        var confirmations: [(key: EntryKey, source: EntryContent, target: EntryContent)] = []
        var checked = CheckedFilePair(findings: [], pairedCount: 0, pairedKeysWithFindings: [], unrecorded: [])
        var failure: MergeVerifier.Failure?
    }

    /// Plans and verifies each file pair on its own, on every core, in file order.
    func mergeFiles(_ filePairs: [FilePair], selection: MergeSelection) -> [FileMerge] {
        let loader = TreeLoader(configuration: input.workspace.configuration)
        // Grouped once, so that thousands of files do not each scan every finding.
        let findings = Dictionary(grouping: input.result.findings, by: \.key.file)
        let entryPairs = Dictionary(grouping: input.result.entryPairs, by: \.key.file)
        let unrecorded = Dictionary(grouping: input.result.unrecordedPairs, by: \.file)
        return filePairs.parallelMap { filePair in
            let before = MergeVerifier.MergedFile(
                filePair: filePair, entryPairs: entryPairs[filePair.file] ?? [], findings: findings[filePair.file] ?? [],
                unrecorded: unrecorded[filePair.file] ?? [])
            return mergeFile(filePair, before: before, selection: selection, loader: loader)
        }
    }

    private func mergeFile(
        _ filePair: FilePair, before: MergeVerifier.MergedFile, selection: MergeSelection, loader: TreeLoader
    ) -> FileMerge {
        var merge = FileMerge()
        let plan: FilePlan
        do throws(InvocationError) {
            plan = try planFile(
                filePair, selection: selection, loader: loader, sourceSpec: input.source.spec, targetSpec: input.target.spec)
        } catch {
            merge.failure = MergeVerifier.Failure(stage: .planning, error: error)
            return merge
        }
        merge.change = plan.change
        merge.outcome = plan.outcome
        merge.expectations = plan.expectations
        let merged: MergeVerifier.MergedFile
        do throws(MergeVerifier.Failure) {
            merged = try MergeVerifier(input: input, expectations: plan.expectations).verify(plan.change, of: before, loader: loader)
        } catch {
            merge.failure = error
            return merge
        }
        let target = merged.filePair?.target
        merge.outcome.inserted = plan.outcome.inserted.map { insertion in
            var located = insertion
            if let target, let id = insertion.key.id, let entry = target.entry(id) {
                located.line = target.location(of: entry).line
            }
            return located
        }.sorted { $0.line < $1.line }
        let keysWithFindings = Set(merged.findings.map(\.key))
        let paired = merged.entryPairs.lazy.filter { $0.source != nil && $0.target != nil }.map(\.key)
        merge.checked = CheckedFilePair(
            findings: merged.findings, pairedCount: paired.count,
            pairedKeysWithFindings: Array(paired.filter { keysWithFindings.contains($0) }), unrecorded: merged.unrecorded)
        for pair in merged.entryPairs where plan.expectations.updated[pair.key] != nil && !keysWithFindings.contains(pair.key) {
            guard let (source, target) = pair.bothSides else { continue }
            merge.confirmations.append((pair.key, source.content, target.content))
        }
        merge.remaining = remainingWork(
            in: merged, selection: selection, explained: Set(plan.outcome.leftAlone.map(\.key)))
        return merge
    }

    /// The plan of merging files one by one, in file order, as `plan()` makes it of the whole
    /// trees: the first failure is thrown; the outcomes are taken in order; the lock (read as
    /// `baseline`, `lockSnapshot`) is updated for every pair brought back in sync.
    static func assemble(
        _ files: [FileMerge], workspace: Workspace, source: TreeSpec, target: TreeSpec, baseline: consuming Baseline?,
        lockSnapshot: FileSnapshot
    ) throws(InvocationError) -> MergePlan {
        let hasBaseline = baseline != nil
        if let failure = MergeVerifier.first(files.compactMap(\.failure)) { throw failure.error }
        var outcome = MergeOutcome()
        var changes: [MergePlan.FileChange] = []
        var expectations = MergeExpectations()
        for file in files {
            if let change = file.change { changes.append(change) }
            outcome.absorb(file.outcome)
            expectations.absorb(file.expectations)
        }
        if let lock = consume baseline,
           let lockChange = baselineChange(
               lock,
               read: lockSnapshot, of: workspace, languages: (source.language, target.language),
               confirming: files.flatMap(\.confirmations), expectations: expectations, outcome: &outcome) {
            changes.append(lockChange)
        }
        outcome.leftAlone += files.flatMap(\.remaining)
        let result = workspace.reconciler.checkResult(
            of: files.map(\.checked), source: source, target: target, hasBaseline: hasBaseline)
        return MergePlan(changes: changes, outcome: outcome, result: result)
    }

    /// What merging one file pair plans: the change of its target file (if any), and what it
    /// adds to the outcome and to what the verifier expects.
    private struct FilePlan: Sendable {
        var change: MergePlan.FileChange?
        var outcome = MergeOutcome()
        var expectations = MergeExpectations()
    }

    private func planFile(
        _ filePair: FilePair, selection: MergeSelection, loader: TreeLoader, sourceSpec: TreeSpec, targetSpec: TreeSpec
    ) throws(InvocationError) -> FilePlan {
        var plan = FilePlan()
        let file = filePair.file
        let path = targetSpec.filePath(file)
        let profile = loader.profile(for: file)
        if let source = filePair.source, !filePair.inTarget {
            guard selection.includesFile(file) else { return plan }
            guard selection.includesWholeFile(file) else {
                plan.outcome.leftAlone.append(MergeOutcome.LeftAlone(
                    key: EntryKey(file: file, id: nil),
                    reason: "\(targetSpec.displayPath(file)) does not exist; merge the whole file with --only \(file)"))
                return plan
            }
            let marked: [UInt8]
            let copied = Self.entriesCopied(into: source)
            do {
                marked = try EntryMarking.marked(
                    copied.entries, in: source.bytes, range: 0..<source.bytes.count,
                    marker: profile.needsTranslation,
                    extra: copied.removals + (EntryMarking.namespaceDeclaration(in: source, profile: profile).map { [$0] } ?? []))
            } catch {
                throw InvocationError("\(source.displayPath): \(error.description); nothing was written")
            }
            plan.change = MergePlan.FileChange(
                kind: .create, file: file, path: path, displayPath: targetSpec.displayPath(file),
                oldBytes: [], newBytes: marked, snapshot: .absent(path))
            plan.outcome.createdFiles.append(MergeOutcome.CreatedFile(file: file, entryCount: copied.entries.count))
            plan.expectations.createdFiles.insert(file)
            return plan
        }
        if let target = filePair.target, !filePair.inSource {
            guard request.prune, selection.includesWholeFile(file) else { return plan }
            plan.change = MergePlan.FileChange(
                kind: .delete, file: file, path: path, displayPath: target.displayPath,
                oldBytes: target.bytes, newBytes: [], snapshot: snapshot(path, target))
            plan.outcome.prunedFiles.append(file)
            plan.expectations.deletedFiles.insert(file)
            return plan
        }
        guard let source = filePair.source, let target = filePair.target, selection.includesFile(file) else { return plan }
        let pair = MergeFile(source: source, target: target, profile: profile)
        var replacements: [ByteReplacement] = []

        let insertions = try InsertionPlanner(pair: pair, marker: profile.needsTranslation, selection: selection).plan()
        replacements += insertions.replacements
        if !insertions.inserted.isEmpty, let declaration = EntryMarking.namespaceDeclaration(in: target, profile: profile) {
            replacements.append(declaration)
        }
        plan.outcome.leftAlone += insertions.leftAlone
        for (key, nested) in insertions.inserted {
            plan.outcome.inserted.append(MergeOutcome.Insertion(key: key, nestedCount: nested, line: 0))
            plan.expectations.inserted.insert(key)
        }

        let neutral = NeutralUpdatePlanner(
            pair: pair, baseline: input.baseline, sourceLanguage: sourceSpec.language,
            targetLanguage: targetSpec.language, sourceRoot: sourceSpec.displayRoot,
            targetRoot: targetSpec.displayRoot)
        for entryPair in Aligner.pairEntries(filePair) {
            guard let sourceEntry = entryPair.source, let targetEntry = entryPair.target,
                  selection.includes(sourceEntry, in: source)
            else { continue }
            switch neutral.decide(source: sourceEntry, target: targetEntry) {
            case .update(let paths, let edits)?:
                replacements += edits
                plan.outcome.updated.append(MergeOutcome.Update(key: entryPair.key, paths: paths))
                plan.expectations.updated[entryPair.key] = paths
            case .leave(let reason)?:
                plan.outcome.leftAlone.append(MergeOutcome.LeftAlone(key: entryPair.key, reason: reason))
            case nil:
                break
            }
        }

        if request.prune {
            let pruning = try OrphanPruner(pair: pair, selection: selection).plan()
            replacements += pruning.replacements
            plan.outcome.pruned += pruning.removed
            plan.expectations.pruned.formUnion(pruning.removedKeys)
        }

        guard !replacements.isEmpty else { return plan }
        let merged: [UInt8]
        do {
            merged = try ByteReplacement.apply(replacements, to: target.bytes)
        } catch {
            throw InvocationError("internal error: the edits planned for \(target.displayPath) conflict (\(error.description)); nothing was written")
        }
        guard merged != target.bytes else { return plan }
        plan.change = MergePlan.FileChange(
            kind: .update, file: file, path: path, displayPath: target.displayPath,
            oldBytes: target.bytes, newBytes: merged, snapshot: snapshot(path, target))
        return plan
    }

    /// What a new target file takes from its source: every entry but those that belong in the
    /// source only (Android's `translatable="false"` strings), which are cut with their lines.
    static func entriesCopied(into source: ParsedDocument) -> (entries: [Entry], removals: [ByteReplacement]) {
        let left = source.alignableEntries.filter(\.mayBeAbsentFromTarget)
        let outermost = left.filter { entry in !left.contains { $0.span.start < entry.span.start && entry.span.end <= $0.span.end } }
        let layout = LineLayout(bytes: source.bytes)
        let removals = outermost.map { entry in
            let range = layout.removalRange(of: entry.span)
            return ByteReplacement(range: range, bytes: [], expected: Array(source.bytes[range]))
        }
        let kept = source.alignableEntries.filter { entry in
            !outermost.contains { $0.span.start <= entry.span.start && entry.span.end <= $0.span.end }
        }
        return (kept, removals)
    }

    private func snapshot(_ path: String, _ document: ParsedDocument) -> FileSnapshot {
        input.snapshots[path] ?? .of(path, bytes: document.bytes)
    }

    /// Nothing is planned over a broken file or lock: every such finding is listed. Nor over a
    /// file the parser could not give exact positions in (the source tree's first, then the
    /// target's).
    static func refuse(broken: [Finding], inexact: [String]) throws(InvocationError) {
        if !broken.isEmpty {
            let lines = broken.map { finding in
                (finding.primaryLocation.map { "\($0): " } ?? "") + "\(finding.message) [\(finding.rule.id)]"
            }
            throw InvocationError("the input is broken, so nothing was written; fix it, then merge again:\n"
                + lines.map { "  \($0)" }.joined(separator: "\n"))
        }
        if let path = inexact.first {
            throw InvocationError("\(path): the parser could not give exact positions in this file, so it cannot be edited byte for byte; nothing was written")
        }
    }

    /// The display paths of a tree's documents without exact positions, in path order.
    static func inexactDocuments(_ tree: LoadedTree) -> [String] {
        tree.documents.values.filter { !$0.tree.spansAreExact }.sorted { $0.file < $1.file }.map(\.displayPath)
    }

    /// The lock after the merge (`baseline`, read as `snapshot`): pairs it updated that now
    /// have no finding are recorded as in sync, and records of pruned entries are dropped. `nil`
    /// when the lock stays as it is, or there is no lock file (`accept --all` creates it).
    ///
    /// The baseline is taken, not copied: a big project's lock holds hundreds of thousands of
    /// records, and its new bytes are as big as the old ones.
    private static func baselineChange(
        _ baseline: consuming Baseline, read snapshot: FileSnapshot, of workspace: Workspace,
        languages: (source: Language, target: Language),
        confirming confirmations: [(key: EntryKey, source: EntryContent, target: EntryContent)],
        expectations: MergeExpectations, outcome: inout MergeOutcome
    ) -> MergePlan.FileChange? {
        guard let oldBytes = snapshot.bytes else { return nil }
        var baseline = baseline
        var changed = false
        for confirmation in confirmations {
            let before = baseline.records[confirmation.key]
            baseline.confirm(confirmation.key, source: (languages.source, confirmation.source), target: (languages.target, confirmation.target))
            outcome.confirmed.append(confirmation.key)
            if baseline.records[confirmation.key] != before { changed = true }
        }
        var dropped = Array(expectations.pruned)
        if !expectations.deletedFiles.isEmpty {
            dropped += baseline.records.keys.filter { expectations.deletedFiles.contains($0.file) }
        }
        for key in dropped where baseline.records.removeValue(forKey: key) != nil { changed = true }
        guard changed else { return nil }
        let newBytes = baseline.serializedBytes(expectedSize: oldBytes.count)
        guard newBytes != oldBytes else { return nil }
        return MergePlan.FileChange(
            kind: .update, file: nil, path: workspace.lockPath, displayPath: workspace.lockDisplayPath,
            oldBytes: oldBytes, newBytes: newBytes, snapshot: snapshot)
    }

    /// What still needs a person in one file pair after the merge, among the selected entries:
    /// stale prose, mismatches the merge could not resolve, orphans kept.
    private func remainingWork(
        in merged: MergeVerifier.MergedFile, selection: MergeSelection, explained: Set<EntryKey>
    ) -> [MergeOutcome.LeftAlone] {
        let kept: Set<String> = [Rule.stale.id, Rule.orphan.id, Rule.mismatchAttribute.id, Rule.mismatchNeutral.id,
                                 Rule.mismatchStructure.id, Rule.mismatchEntity.id]
        var seen = explained
        var result: [MergeOutcome.LeftAlone] = []
        for finding in merged.findings where kept.contains(finding.rule.id) && !seen.contains(finding.key) {
            guard isSelected(finding.key, in: merged.filePair, selection: selection) else { continue }
            seen.insert(finding.key)
            var reason = finding.message
            if finding.rule == .orphan { reason += "; --prune removes it" }
            result.append(MergeOutcome.LeftAlone(key: finding.key, reason: reason))
        }
        return result
    }

    private func isSelected(_ key: EntryKey, in filePair: FilePair?, selection: MergeSelection) -> Bool {
        guard let id = key.id else { return selection.includesWholeFile(key.file) }
        for document in [filePair?.source, filePair?.target] {
            if let document, let entry = document.entry(id) { return selection.includes(entry, in: document) }
        }
        return false
    }
}

/// What the plan promises, for the verifier to hold it to.
struct MergeExpectations {
    /// Outermost inserted entries (their nested entries come with them).
    var inserted: Set<EntryKey> = []
    var updated: [EntryKey: [String]] = [:]
    /// Every pruned key, nested entries included.
    var pruned: Set<EntryKey> = []
    var createdFiles: Set<RelativePath> = []
    var deletedFiles: Set<RelativePath> = []

    /// Adds what another file's plan expects (files are planned apart; their keys differ).
    mutating func absorb(_ other: MergeExpectations) {
        inserted.formUnion(other.inserted)
        updated.merge(other.updated) { _, new in new }
        pruned.formUnion(other.pruned)
        createdFiles.formUnion(other.createdFiles)
        deletedFiles.formUnion(other.deletedFiles)
    }
}
