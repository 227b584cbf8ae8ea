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
        try refuseBrokenInput()
        let result = input.result
        let selection = try MergeSelection(request.only, in: result)
        let loader = TreeLoader(configuration: input.workspace.configuration)
        let sourceSpec = input.source.spec
        let targetSpec = input.target.spec
        // Each file pair is planned on its own, on every core; the plans are taken in file order,
        // so the outcome and the changes are those of planning the files one after another, and
        // the error reported is that of the first file that has one.
        let plans = result.filePairs.parallelMap { filePair in
            Result { () throws(InvocationError) in
                try planFile(filePair, selection: selection, loader: loader, sourceSpec: sourceSpec, targetSpec: targetSpec)
            }
        }
        var outcome = MergeOutcome()
        var changes: [MergePlan.FileChange] = []
        var expectations = MergeExpectations()
        for plan in plans {
            let plan = try plan.get()
            if let change = plan.change { changes.append(change) }
            outcome.absorb(plan.outcome)
            expectations.absorb(plan.expectations)
        }

        let verifier = MergeVerifier(input: input, expectations: expectations)
        let merged = try verifier.verify(changes)
        outcome.inserted = outcome.inserted.map { insertion in
            var located = insertion
            if let document = merged.target.documents[insertion.key.file], let id = insertion.key.id,
               let entry = document.entry(id) {
                located.line = document.location(of: entry).line
            }
            return located
        }.sorted { ($0.key.file, $0.line) < ($1.key.file, $1.line) }
        if let lockChange = baselineChange(after: merged, expectations: expectations, outcome: &outcome) {
            changes.append(lockChange)
        }
        outcome.leftAlone += remainingWork(in: merged, selection: selection, explained: Set(outcome.leftAlone.map(\.key)))
        return MergePlan(changes: changes, outcome: outcome, result: merged)
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

    /// Nothing is planned over a broken file or lock: every such finding is listed.
    private func refuseBrokenInput() throws(InvocationError) {
        let broken = input.result.findings.filter(\.rule.meansBrokenInput)
        if !broken.isEmpty {
            let lines = broken.map { finding in
                (finding.primaryLocation.map { "\($0): " } ?? "") + "\(finding.message) [\(finding.rule.id)]"
            }
            throw InvocationError("the input is broken, so nothing was written; fix it, then merge again:\n"
                + lines.map { "  \($0)" }.joined(separator: "\n"))
        }
        for tree in [input.source, input.target] {
            for document in tree.documents.values.sorted(by: { $0.file < $1.file }) where !document.tree.spansAreExact {
                throw InvocationError("\(document.displayPath): the parser could not give exact positions in this file, so it cannot be edited byte for byte; nothing was written")
            }
        }
    }

    /// The lock after the merge: pairs it updated that now have no finding are recorded as in
    /// sync, and records of pruned entries are dropped. `nil` when the lock stays as it is (or
    /// there is none: `accept --all` creates it).
    private func baselineChange(
        after merged: Reconciliation, expectations: MergeExpectations, outcome: inout MergeOutcome
    ) -> MergePlan.FileChange? {
        guard let old = input.baseline, let oldBytes = input.lockSnapshot.bytes else { return nil }
        var baseline = old
        let keysWithFindings = Set(merged.findings.map(\.key))
        let sourceLanguage = input.source.spec.language
        let targetLanguage = input.target.spec.language
        for pair in merged.entryPairs where expectations.updated[pair.key] != nil && !keysWithFindings.contains(pair.key) {
            guard let source = pair.source, let target = pair.target else { continue }
            baseline.confirm(pair.key, source: (sourceLanguage, source.content), target: (targetLanguage, target.content))
            outcome.confirmed.append(pair.key)
        }
        for key in expectations.pruned { baseline.records[key] = nil }
        for key in baseline.records.keys where expectations.deletedFiles.contains(key.file) {
            baseline.records[key] = nil
        }
        guard baseline != old else { return nil }
        let newBytes = Array(baseline.serialized().utf8)
        guard newBytes != oldBytes else { return nil }
        return MergePlan.FileChange(
            kind: .update, file: nil, path: input.workspace.lockPath, displayPath: input.workspace.lockDisplayPath,
            oldBytes: oldBytes, newBytes: newBytes, snapshot: input.lockSnapshot)
    }

    /// What still needs a person after the merge, among the selected entries: stale prose,
    /// mismatches the merge could not resolve, orphans kept.
    private func remainingWork(
        in merged: Reconciliation, selection: MergeSelection, explained: Set<EntryKey>
    ) -> [MergeOutcome.LeftAlone] {
        let kept: Set<String> = [Rule.stale.id, Rule.orphan.id, Rule.mismatchAttribute.id, Rule.mismatchNeutral.id,
                                 Rule.mismatchStructure.id, Rule.mismatchEntity.id]
        var seen = explained
        var result: [MergeOutcome.LeftAlone] = []
        for finding in merged.findings where kept.contains(finding.rule.id) && !seen.contains(finding.key) {
            guard isSelected(finding.key, in: merged, selection: selection) else { continue }
            seen.insert(finding.key)
            var reason = finding.message
            if finding.rule == .orphan { reason += "; --prune removes it" }
            result.append(MergeOutcome.LeftAlone(key: finding.key, reason: reason))
        }
        return result
    }

    private func isSelected(_ key: EntryKey, in result: Reconciliation, selection: MergeSelection) -> Bool {
        guard let id = key.id else { return selection.includesWholeFile(key.file) }
        for document in [result.source.documents[key.file], result.target.documents[key.file]] {
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
