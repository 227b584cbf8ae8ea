/// How far a run has got, for a progress bar: files read out of all files of both trees, then
/// the checks.
public struct RunProgress: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        /// Reading and parsing the files of one tree (its folder as shown to the user).
        case reading(String)
        /// Every file is read; the entries are being aligned and checked.
        case checking
    }

    public var phase: Phase
    public var filesRead: Int
    public var totalFiles: Int

    public init(phase: Phase, filesRead: Int, totalFiles: Int) {
        self.phase = phase
        self.filesRead = filesRead
        self.totalFiles = totalFiles
    }
}

extension Workspace {
    /// `reconcile()`, telling `progress` before each file is read and before the checks run.
    ///
    /// Library code never draws anything: the command line decides whether a bar is shown (only
    /// on a terminal). It must give exactly what `reconcile()` gives: it loads with the same
    /// loader, one file at a time as `TreeLoader.load` does, then reconciles the same way, and
    /// a test compares the two over every fixture. A change to `reconcile()` belongs here too.
    public func reconcile(progress: (RunProgress) -> Void) throws(InvocationError) -> Reconciliation {
        let loader = TreeLoader(configuration: configuration)
        let sourceFiles = try loader.listFiles(in: source)
        let targetFiles = try loader.listFiles(in: target)
        let total = sourceFiles.count + targetFiles.count
        var read = 0
        func load(_ spec: TreeSpec, _ files: [RelativePath], side: TreeSide) -> LoadedTree {
            var documents: [RelativePath: ParsedDocument] = [:]
            var failures: [RelativePath: [Finding]] = [:]
            for file in files {
                progress(RunProgress(phase: .reading(spec.displayRoot), filesRead: read, totalFiles: total))
                switch loader.loadDocument(file, of: spec, side: side) {
                case .success(let document): documents[file] = document
                case .failure(let problem): failures[file] = problem.findings
                }
                read += 1
            }
            return LoadedTree(spec: spec, side: side, files: files, documents: documents, failures: failures)
        }
        let sourceTree = load(source, sourceFiles, side: .source)
        let targetTree = load(target, targetFiles, side: .target)
        progress(RunProgress(phase: .checking, filesRead: read, totalFiles: total))
        do {
            let baseline = try readBaseline()
            return reconciler.reconcile(source: sourceTree, target: targetTree, baseline: baseline)
        } catch {
            return reconciler.reconcile(
                source: sourceTree, target: targetTree, baseline: nil, baselineFindings: [lockFinding(error)])
        }
    }
}
