/// Reads the planned files back before anything is written: each must parse, with exact
/// positions, and compare with the source as planned. Inserted entries are there, marked, nested
/// where the source has them, with the source's content; updated pairs now agree; pruned
/// entries are gone; and every other entry of the target says exactly what it said before.
struct MergeVerifier {
    let input: MergeInput
    let expectations: MergeExpectations

    /// The comparison of the trees as they will be after the merge.
    func verify(_ changes: [MergePlan.FileChange]) throws(InvocationError) -> Reconciliation {
        let loader = TreeLoader(configuration: input.workspace.configuration)
        // The new files are parsed on every core, then taken in order: the first that fails is
        // the one reported, as when they were parsed one after another.
        let parsed = changes.parallelMap { change -> Result<ParsedDocument, TreeLoader.LoadProblem>? in
            guard let file = change.file, change.kind != .delete else { return nil }
            return loader.parse(change.newBytes, file: file, displayPath: change.displayPath, side: .target)
        }
        var target = input.target
        for (change, parse) in zip(changes, parsed) {
            guard let file = change.file else { continue }
            switch change.kind {
            case .delete:
                target.documents[file] = nil
                target.files.removeAll { $0 == file }
            case .update, .create:
                guard let parse else { continue }
                switch parse {
                case .success(let document):
                    guard document.tree.spansAreExact else { throw failure(change.displayPath, "its positions are not exact") }
                    target.documents[file] = document
                    if !target.files.contains(file) {
                        target.files.append(file)
                        target.files.sort()
                    }
                case .failure(let problem):
                    throw failure(change.displayPath, "it would not parse: \(problem.findings.first?.message ?? "unknown error")")
                }
            }
        }
        // Only the changed files are compared again: the checks see one file pair at a time, so
        // the findings of every other file stay as they were.
        let changed = Set(changes.compactMap(\.file))
        let partial = input.workspace.reconciler.reconcile(
            source: Self.restricted(input.source, to: changed), target: Self.restricted(target, to: changed),
            baseline: input.baseline)
        if let broken = partial.findings.first(where: \.rule.meansBrokenInput) {
            throw failure(broken.primaryLocation?.path ?? "a target file", "\(broken.message) [\(broken.rule.id)]")
        }
        // Every changed file is held to what was planned, on every core; the first file (in
        // path order) that falls short is the one reported.
        let documents = target.documents
        let verdicts = changed.sorted().parallelMap { file -> InvocationError? in
            guard let document = documents[file] else { return nil }
            do throws(InvocationError) {
                try verify(document, was: input.target.documents[file])
                return nil
            } catch {
                return error
            }
        }
        if let failure = verdicts.lazy.compactMap({ $0 }).first { throw failure }
        var merged = input.result
        merged.target = target
        merged.filePairs = Aligner.pairFiles(source: input.source, target: target)
        let oldPairs = Dictionary(grouping: input.result.entryPairs, by: \.key.file)
        let newPairs = Dictionary(grouping: partial.entryPairs, by: \.key.file)
        merged.entryPairs = merged.filePairs.flatMap { pair in
            (changed.contains(pair.file) ? newPairs[pair.file] : oldPairs[pair.file]) ?? []
        }
        merged.findings = (input.result.findings.filter { !changed.contains($0.key.file) } + partial.findings)
            .sorted(by: Finding.documentOrder)
        merged.unrecordedPairs = input.result.unrecordedPairs.filter { !changed.contains($0.file) } + partial.unrecordedPairs
        let stillMissing = merged.findings.filter { $0.rule == .missing && expectations.inserted.contains($0.key) }
        if let missing = stillMissing.first {
            throw failure(input.target.spec.displayPath(missing.key.file), "\(missing.key) would still be missing")
        }
        return merged
    }

    private func verify(_ document: ParsedDocument, was old: ParsedDocument?) throws(InvocationError) {
        let path = document.displayPath
        let source = input.source.documents[document.file]
        var expectedIDs: Set<EntryID> = []
        for entry in old?.alignableEntries ?? [] where !expectations.pruned.contains(entry.key) {
            expectedIDs.insert(entry.id)
            guard let now = document.entry(entry.id) else { throw failure(path, "\(entry.key) would be lost") }
            if let paths = expectations.updated[entry.key] {
                guard let counterpart = source?.entry(entry.id) else { continue }
                let wanted = NeutralContentCheck.byPath(counterpart.content.neutralValues)
                let got = NeutralContentCheck.byPath(now.content.neutralValues)
                for path in paths where wanted[path]?.value != got[path]?.value {
                    throw failure(document.displayPath, "\(entry.key) would not get the source's \(path)")
                }
                guard now.content.segments == entry.content.segments else {
                    throw failure(path, "the text of \(entry.key) would change")
                }
            } else if now.content != entry.content || now.parent != entry.parent || now.needsTranslation != entry.needsTranslation {
                throw failure(path, "\(entry.key), which the merge does not touch, would change")
            }
        }
        let inserted: [Entry]
        if expectations.createdFiles.contains(document.file), let source {
            inserted = MergePlanner.entriesCopied(into: source).entries
        } else {
            inserted = (source?.alignableEntries ?? []).filter { entry in
                old?.entry(entry.id) == nil && isInserted(entry, in: source)
            }
        }
        for entry in inserted {
            expectedIDs.insert(entry.id)
            guard let now = document.entry(entry.id) else { throw failure(path, "\(entry.key) would not be inserted") }
            guard now.needsTranslation else { throw failure(path, "\(entry.key) would not be marked for translation") }
            guard now.parent == entry.parent else { throw failure(path, "\(entry.key) would be nested in the wrong place") }
            guard now.content == entry.content else { throw failure(path, "\(entry.key) would not say what the source says") }
        }
        let actualIDs = Set(document.alignableEntries.map(\.id))
        guard actualIDs == expectedIDs, document.duplicateIDs.isEmpty else {
            let extra = actualIDs.subtracting(expectedIDs).sorted().map(\.rawValue)
            throw failure(path, "its entries would not be the planned ones\(extra.isEmpty ? "" : " (unplanned: \(extra.joined(separator: ", ")))")")
        }
    }

    /// The tree with only `files` in it.
    static func restricted(_ tree: LoadedTree, to files: Set<RelativePath>) -> LoadedTree {
        var result = tree
        result.files = tree.files.filter(files.contains)
        result.documents = tree.documents.filter { files.contains($0.key) }
        result.failures = tree.failures.filter { files.contains($0.key) }
        return result
    }

    /// Whether the entry is inside an outermost inserted entry (or is one).
    private func isInserted(_ entry: Entry, in document: ParsedDocument?) -> Bool {
        var current: Entry? = entry
        while let next = current {
            if expectations.inserted.contains(next.key) { return true }
            current = next.parent.flatMap { document?.entry($0) }
        }
        return false
    }

    private func failure(_ path: String, _ detail: String) -> InvocationError {
        InvocationError("internal error: the merged \(path) would not be what was planned (\(detail)); nothing was written. Please report this with the files involved")
    }
}
