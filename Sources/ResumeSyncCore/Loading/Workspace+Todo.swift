extension Workspace {
    /// The translation TODO report (`todo`, `status`), made one file pair at a time as `check()`
    /// finds its result: each pair is read, checked and planned as `merge` would plan it, its
    /// share of the report is made, and its documents are released before the worker takes the
    /// next pair. The report is exactly `TodoReport(reconcile(), merge: mergeOutcome(for:))`.
    ///
    /// When merge would refuse the trees (a broken file or lock) or could not plan some file, the
    /// report says what merge does by rule instead, for every item: then the trees are read
    /// again, whole, and the report made from them. Broken input is rare, and the report is then
    /// not printed anyway (`todo` and `status` stop with exit status 2).
    ///
    /// - Parameter progress: told, one call at a time, how many file pairs are done.
    public func todoReport(progress: (@Sendable (RunProgress) -> Void)? = nil) throws(InvocationError) -> TodoReport {
        if let report = try streamedTodoReport(progress: progress) { return report }
        let whole = try reconcile(reporting: progress)
        return TodoReport(whole, merge: mergeOutcome(for: whole))
    }

    /// The report made one file pair at a time (`observer` told as each is loaded and
    /// released), or `nil` when merge would refuse the trees or could not plan some file.
    func streamedTodoReport(
        observing observer: (@Sendable (FilePairEvent) -> Void)? = nil, progress: (@Sendable (RunProgress) -> Void)? = nil
    ) throws(InvocationError) -> TodoReport? {
        let workspace = self
        let (result, parts) = try checkFilePairs(observing: observer, keepingTrees: true, progress: progress) { shown, silences in
            workspace.todoPart(of: shown, silences: silences)
        }
        let planned = parts.compactMap { $0 }
        guard planned.count == parts.count, !result.findings.contains(where: \.rule.meansBrokenInput) else { return nil }
        return TodoReport(parts: planned, source: source, target: target, hasBaseline: result.hasBaseline)
    }

    /// What `merge SOURCE TARGET` would do over these trees, for the reports that say so; `nil`
    /// when merge would refuse (broken input), and the reports then say what merge does by rule.
    public func mergeOutcome(for result: Reconciliation) -> MergeOutcome? {
        let input = MergeInput.reading(self, source: result.source, target: result.target, result: result)
        return try? MergePlanner(input: input, request: MergeRequest()).plan().outcome
    }

    /// One file pair's share of the TODO report, with what merge would do in it; `nil` when
    /// merge would refuse the pair or fail on it.
    private func todoPart(of shown: ShownFilePair, silences: SilenceList?) -> TodoReport.FilePart? {
        guard let filePair = shown.filePair else { return nil }
        // The pair's findings as the whole run keeps them: silenced ones left out, in document
        // order.
        var findings = silences.map { SilencingOutcome.applying($0, to: shown.findings).kept } ?? shown.findings
        findings.sort(by: Finding.documentOrder)
        guard !findings.contains(where: \.rule.meansBrokenInput) else { return nil }
        let result = Reconciliation(
            source: shown.source, target: shown.target, filePairs: [filePair], entryPairs: shown.entryPairs,
            findings: findings, hasBaseline: shown.baseline != nil, unrecordedPairs: shown.unrecorded)
        // Planned as `mergeOutcome(for:)` plans the whole trees, but for this pair alone and without
        // the lock's change: the report does not show it, and it would write the whole baseline
        // out for every file.
        let input = MergeInput(
            workspace: self, source: shown.source, target: shown.target, baseline: shown.baseline, result: result,
            snapshots: [:], lockSnapshot: .absent(lockPath))
        guard let plan = try? MergePlanner(input: input, request: MergeRequest()).plan() else { return nil }
        return TodoReport.FilePart(result, filePair: filePair, merge: plan.outcome)
    }
}
