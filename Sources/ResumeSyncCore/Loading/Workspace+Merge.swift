extension Workspace {
    /// The plan of `merge` over these trees, made one file pair at a time as `check()` finds its
    /// result: each pair is read, planned, read back and compared as planned, and its documents
    /// are released before the worker takes the next pair; only the change (old and new bytes)
    /// and what the summary says are kept. It is exactly
    /// `MergePlanner(input: MergeInput.load(self), request: request).plan()`.
    ///
    /// `--only` keys are resolved against the whole trees (a key must name an entry of either
    /// tree), so with them the trees are read whole, as `MergeInput.load` reads them.
    public func mergePlan(_ request: MergeRequest) throws(InvocationError) -> MergePlan {
        try mergePlan(request, observing: nil)
    }

    /// `mergePlan(_:)`, telling `observer` as each file pair is loaded and released (from the
    /// worker threads).
    func mergePlan(
        _ request: MergeRequest, observing observer: (@Sendable (FilePairEvent) -> Void)?
    ) throws(InvocationError) -> MergePlan {
        guard request.only.isEmpty else {
            return try MergePlanner(input: MergeInput.load(self), request: request).plan()
        }
        let loader = TreeLoader(configuration: configuration)
        let (lockSnapshot, baseline, lockFindings) = MergeInput.readLock(of: self)
        let listing = try loader.listFilePairs(source: source, target: target)
        let workspace = self
        let reconciler = reconciler
        let files = listing.files.parallelMap { file -> StreamedMerge in
            loader.withFilePair(file, of: listing, source: workspace.source, target: workspace.target, observing: observer) {
                sourceTree, targetTree in
                var part = StreamedMerge(
                    broken: [], inexactSource: MergePlanner.inexactDocuments(sourceTree),
                    inexactTarget: MergePlanner.inexactDocuments(targetTree), merge: nil)
                let result = reconciler.reconcile(source: sourceTree, target: targetTree, baseline: baseline)
                part.broken = result.findings.filter(\.rule.meansBrokenInput)
                // Nothing is planned over broken input: the merge refuses it below.
                guard part.broken.isEmpty, part.inexactSource.isEmpty, part.inexactTarget.isEmpty else { return part }
                let input = MergeInput(
                    workspace: workspace, source: sourceTree, target: targetTree, baseline: baseline, result: result,
                    snapshots: [:], lockSnapshot: lockSnapshot)
                part.merge = MergePlanner(input: input, request: request)
                    .mergeFiles(result.filePairs, selection: .everything).first
                return part
            }
        }
        try MergePlanner.refuse(
            broken: (configuration.applySeverities(to: lockFindings) + files.flatMap(\.broken)).sorted(by: Finding.documentOrder),
            inexact: files.flatMap(\.inexactSource) + files.flatMap(\.inexactTarget))
        return try MergePlanner.assemble(
            files.compactMap(\.merge), workspace: self, source: source, target: target,
            // Handed over, so that updating the lock does not copy every record.
            baseline: consume baseline, lockSnapshot: lockSnapshot)
    }

    /// What merging one file pair leaves once its documents are released.
    private struct StreamedMerge: Sendable {
        /// Its `parse-error` and `duplicate-id` findings: with any, nothing is planned.
        var broken: [Finding]
        /// Its documents without exact positions (display paths), on each side.
        var inexactSource: [String]
        var inexactTarget: [String]
        var merge: MergePlanner.FileMerge?
    }
}

