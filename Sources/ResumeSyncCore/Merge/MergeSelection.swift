/// Which entries a merge may touch: all of them, or those named with `--only` (an entry key
/// takes the entries nested in it along; a file takes all of its entries).
struct MergeSelection {
    private var files: Set<RelativePath>
    private var keys: Set<EntryKey>
    let isEverything: Bool

    static let everything = MergeSelection(files: [], keys: [], isEverything: true)

    /// Reads the keys as typed (`work.xml#id`, `en/work.xml#id`, `work.xml`), refusing a key
    /// that names nothing in either tree, so that a typo never passes for "nothing to do".
    init(_ texts: [String], in result: Reconciliation) throws(InvocationError) {
        guard !texts.isEmpty else {
            self = .everything
            return
        }
        var files: Set<RelativePath> = []
        var keys: Set<EntryKey> = []
        let known = Set(result.filePairs.map(\.file))
        for text in texts {
            let key = try Acceptance.resolve(text, in: result)
            guard known.contains(key.file) else {
                throw InvocationError("'\(text)' names no file of \(result.source.spec.displayRoot) or \(result.target.spec.displayRoot)")
            }
            guard let id = key.id else {
                files.insert(key.file)
                continue
            }
            let exists = [result.source.documents[key.file], result.target.documents[key.file]]
                .contains { $0?.entry(id) != nil }
            guard exists else {
                throw InvocationError("there is no entry \(key) in \(result.source.spec.displayRoot) or \(result.target.spec.displayRoot)")
            }
            keys.insert(key)
        }
        self.init(files: files, keys: keys, isEverything: false)
    }

    private init(files: Set<RelativePath>, keys: Set<EntryKey>, isEverything: Bool) {
        self.files = files
        self.keys = keys
        self.isEverything = isEverything
    }

    func includesFile(_ file: RelativePath) -> Bool {
        isEverything || files.contains(file) || keys.contains { $0.file == file }
    }

    /// Whether the merge may touch the whole file (create or delete it).
    func includesWholeFile(_ file: RelativePath) -> Bool {
        isEverything || files.contains(file)
    }

    /// Whether `entry` (of `document`) is selected, itself or through an entry it is nested in.
    func includes(_ entry: Entry, in document: ParsedDocument) -> Bool {
        if isEverything || files.contains(entry.key.file) { return true }
        var current: Entry? = entry
        while let next = current {
            if keys.contains(next.key) { return true }
            current = next.parent.flatMap { document.entry($0) }
        }
        return false
    }

    /// Whether the key was named with `--only` itself.
    func names(_ key: EntryKey) -> Bool { keys.contains(key) }
}
