/// What happens to one file pair during `Workspace.check`, told to an observer so that a test
/// can hold the run to keeping only a few documents at once.
enum FilePairEvent: Hashable, Sendable {
    /// The pair's files are read and parsed: `documents` documents (0 to 2) are now alive.
    case loaded(RelativePath, documents: Int)
    /// The pair is checked and its documents are released.
    case released(RelativePath)
}

extension Workspace {
    /// What `check` reports, found one file pair at a time: each pair's two files are read,
    /// parsed, checked and released before the worker takes the next pair, so memory follows the
    /// findings and not the size of the trees. It finds exactly what `reconcile().checkResult`
    /// finds.
    public func check() throws(InvocationError) -> CheckResult {
        try check(observing: nil)
    }

    /// `check()`, telling `observer` as each file pair is loaded and released (from the worker
    /// threads, possibly at the same time).
    func check(observing observer: (@Sendable (FilePairEvent) -> Void)?) throws(InvocationError) -> CheckResult {
        try checkFilePairs(observing: observer) { _, _ in () }.result
    }

    /// The pipeline of `check`: each file pair is read, parsed, checked, shown to `show` (with
    /// the silences, so that it can leave out what they silence) and released; `progress` is
    /// told, one call at a time, how many pairs are done of how many. Returns the check result
    /// and what `show` made of each pair, in file order. The documents keep their XML trees only
    /// when `keepingTrees` (`show` plans a merge).
    func checkFilePairs<Shown: Sendable>(
        observing observer: (@Sendable (FilePairEvent) -> Void)? = nil,
        keepingTrees: Bool = false,
        progress: ((RunProgress) -> Void)? = nil,
        showing show: @escaping @Sendable (ShownFilePair, SilenceList?) -> Shown
    ) throws(InvocationError) -> (result: CheckResult, shown: [Shown]) {
        var treeLoader = TreeLoader(configuration: configuration)
        treeLoader.source = fileSource
        treeLoader.keepsTrees = keepingTrees
        let loader = treeLoader
        // The lock holds a record for every entry: read it while the first files are parsed.
        let workspace = self
        let pendingBaseline = Background { () -> Result<FiledBaseline?, BaselineError> in
            Result { () throws(BaselineError) in try workspace.readFiledBaseline() }
        }
        let listing = try loader.listFilePairs(source: source, target: target)
        let silences = try readSilences()
        let reconciler = reconciler
        // Progress counts files, as reading the trees whole does: those of as many pairs as are
        // done (in file order), so that it ends at every file of both trees.
        var filesBefore = [0]
        filesBefore.reserveCapacity(listing.files.count + 1)
        for file in listing.files {
            let files = (listing.inSource.contains(file) ? 1 : 0) + (listing.inTarget.contains(file) ? 1 : 0)
            filesBefore.append((filesBefore.last ?? 0) + files)
        }
        let fileCounts = filesBefore
        let parts = listing.files.parallelMap(completed: { done in
            progress?(RunProgress(phase: .checking, filesRead: fileCounts[done], totalFiles: fileCounts[fileCounts.count - 1]))
        }) { file in
            // The content of a pair that its lock record verifies is never read, so it waits to
            // be asked for; the rest is built as the entries are found (reading it later walks
            // each element twice). While the lock is still being read, every entry's waits.
            let deferral: ContentDeferral = switch pendingBaseline.valueIfDone {
            case nil: .all
            case .success(let filed?)?: .verified(in: filed.baseline(of: file))
            case .success(nil)?, .failure?: .none
            }
            return loader.withFilePair(
                file, of: listing, source: workspace.source, target: workspace.target, deferring: deferral, observing: observer
            ) {
                sourceTree, targetTree in
                let baseline = (try? pendingBaseline.value.get())??.baseline(of: file)
                let (checked, shown) = reconciler.checkFilePairShowing(source: sourceTree, target: targetTree, baseline: baseline)
                return (checked, show(shown, silences))
            }
        }
        let checked = parts.map(\.0)
        var result: CheckResult
        switch pendingBaseline.value {
        case .success(let baseline):
            result = reconciler.checkResult(of: checked, source: source, target: target, hasBaseline: baseline != nil)
            result.baseline = baseline
        case .failure(let error):
            result = reconciler.checkResult(
                of: checked, source: source, target: target, hasBaseline: false, baselineFindings: [lockFinding(error)])
        }
        return (result.silenced(by: silences), parts.map(\.1))
    }
}
