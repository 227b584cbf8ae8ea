extension TreeLoader {
    /// The listed files of two trees, as the file pairs `check` walks: every path of either tree,
    /// sorted, with the sides it exists on.
    public struct FileListing: Sendable {
        public var files: [RelativePath]
        public var inSource: Set<RelativePath>
        public var inTarget: Set<RelativePath>
    }

    /// Lists both trees' content files, with the errors `loadTrees` would throw for them.
    public func listFilePairs(source: TreeSpec, target: TreeSpec) throws(InvocationError) -> FileListing {
        let sourceFiles = try listFiles(in: source)
        let targetFiles = try listFiles(in: target)
        let inSource = Set(sourceFiles)
        let inTarget = Set(targetFiles)
        return FileListing(files: inSource.union(inTarget).sorted(), inSource: inSource, inTarget: inTarget)
    }

    /// Reads and parses one file of a tree, and gives the tree as far as that file goes: the
    /// file's document or its `parse-error` findings, or nothing when `exists` is false. One file
    /// pair can so be checked and released without the rest of the trees.
    ///
    /// The entries `deferral` names read their content only when it is asked for (`parse`).
    public func loadAlone(
        _ file: RelativePath, of spec: TreeSpec, side: TreeSide, exists: Bool, deferring deferral: ContentDeferral = .none
    ) -> LoadedTree {
        var tree = LoadedTree(spec: spec, side: side, files: exists ? [file] : [], documents: [:], failures: [:])
        guard exists else { return tree }
        switch loadDocument(file, of: spec, side: side, deferring: deferral) {
        case .success(let document): tree.documents[file] = document
        case .failure(let problem): tree.failures[file] = problem.findings
        }
        return tree
    }

    /// Reads and parses one file pair of `listing` alone, gives its two one-file trees to
    /// `body`, and tells `observer` when the pair is loaded and, once `body` has returned and the
    /// documents are gone, released: they live only as long as `body` runs. The entries
    /// `deferral` names read their content only if `body` asks for it.
    func withFilePair<Value>(
        _ file: RelativePath, of listing: FileListing, source: TreeSpec, target: TreeSpec,
        deferring deferral: ContentDeferral = .none, observing observer: (@Sendable (FilePairEvent) -> Void)?,
        _ body: (_ source: LoadedTree, _ target: LoadedTree) -> Value
    ) -> Value {
        let value = { () -> Value in
            let sourceTree = loadAlone(
                file, of: source, side: .source, exists: listing.inSource.contains(file), deferring: deferral)
            let targetTree = loadAlone(
                file, of: target, side: .target, exists: listing.inTarget.contains(file), deferring: deferral)
            observer?(.loaded(file, documents: sourceTree.documents.count + targetTree.documents.count))
            return body(sourceTree, targetTree)
        }()
        observer?(.released(file))
        return value
    }
}
