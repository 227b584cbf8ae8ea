/// Reads the planned files back before anything is written: each must parse, with exact
/// positions, and compare with the source as planned. Inserted entries are there, marked, nested
/// where the source has them, with the source's content; updated pairs now agree; pruned
/// entries are gone; and every other entry of the target says exactly what it said before.
///
/// Files are verified one at a time (each file pair is checked on its own), so that a merge can
/// plan, verify and release one file pair before it reads the next.
struct MergeVerifier {
    let input: MergeInput
    let expectations: MergeExpectations

    /// How far a file got before it fell short. When several files fail, the one reported is the
    /// first in path order at the earliest stage: a file that would not parse before one whose
    /// entries would be wrong, as when every file was parsed before any was compared.
    enum Stage: Int, Comparable, Sendable {
        case planning
        case parsing
        case reading
        case comparing
        case inserting

        static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Failure: Error, Sendable {
        var stage: Stage
        var error: InvocationError
    }

    /// One file pair as it will be after the merge.
    struct MergedFile: Sendable {
        var filePair: FilePair?
        var entryPairs: [EntryPair]
        /// Severities applied, in document order.
        var findings: [Finding]
        var unrecorded: [EntryKey]
    }

    /// The file pair `before` (as `input` has it, with its findings and entry pairs) after
    /// `change`: the same pair when there is no change, the changed target parsed and the pair
    /// compared again otherwise.
    func verify(
        _ change: MergePlan.FileChange?, of before: MergedFile, loader: TreeLoader
    ) throws(Failure) -> MergedFile {
        guard let change, let file = change.file else { return before }
        var target = MergeInput.alone(file, of: input.target)
        switch change.kind {
        case .delete:
            target.documents[file] = nil
            target.files = []
        case .update, .create:
            switch loader.parse(change.newBytes, file: file, displayPath: change.displayPath, side: .target) {
            case .success(let document):
                guard document.tree.spansAreExact else { throw failure(.parsing, change.displayPath, "its positions are not exact") }
                target.documents[file] = document
                target.failures[file] = nil
                target.files = [file]
            case .failure(let problem):
                throw failure(.parsing, change.displayPath, "it would not parse: \(problem.findings.first?.message ?? "unknown error")")
            }
        }
        // Only the changed file is compared again: the checks see one file pair at a time, so the
        // findings of every other file stay as they were.
        let merged = input.workspace.reconciler.reconcile(
            source: MergeInput.alone(file, of: input.source), target: target, baseline: input.baseline)
        if let broken = merged.findings.first(where: \.rule.meansBrokenInput) {
            throw failure(.reading, broken.primaryLocation?.path ?? "a target file", "\(broken.message) [\(broken.rule.id)]")
        }
        if let document = target.documents[file] {
            do throws(InvocationError) {
                try verify(document, was: input.target.documents[file])
            } catch {
                throw Failure(stage: .comparing, error: error)
            }
        }
        if let missing = merged.findings.first(where: { $0.rule == .missing && expectations.inserted.contains($0.key) }) {
            throw failure(.inserting, input.target.spec.displayPath(missing.key.file), "\(missing.key) would still be missing")
        }
        return MergedFile(
            filePair: merged.filePairs.first, entryPairs: merged.entryPairs, findings: merged.findings,
            unrecorded: merged.unrecordedPairs)
    }

    /// Verifies every change against `input` (each file pair on its own, on every core), and
    /// throws the failure `MergePlanner` would report.
    func verify(_ changes: [MergePlan.FileChange]) throws(InvocationError) {
        let loader = TreeLoader(configuration: input.workspace.configuration)
        let failures = changes.parallelMap { change -> Failure? in
            guard let file = change.file else { return nil }
            let before = MergedFile(
                filePair: nil, entryPairs: [], findings: input.result.findings.filter { $0.key.file == file }, unrecorded: [])
            do throws(Failure) {
                _ = try verify(change, of: before, loader: loader)
                return nil
            } catch {
                return error
            }
        }
        if let first = Self.first(failures.compactMap { $0 }) { throw first.error }
    }

    /// The failure reported among several, given in path order: the earliest stage's first.
    static func first(_ failures: [Failure]) -> Failure? {
        failures.min { $0.stage < $1.stage }
    }

    private func verify(_ document: ParsedDocument, was old: ParsedDocument?) throws(InvocationError) {
        let path = document.displayPath
        let source = input.source.documents[document.file]
        var expectedIDs: Set<EntryID> = []
        for entry in old?.alignableEntries ?? [] where !expectations.pruned.contains(entry.key) {
            expectedIDs.insert(entry.id)
            guard let now = document.entry(entry.id) else { throw error(path, "\(entry.key) would be lost") }
            if let paths = expectations.updated[entry.key] {
                guard let counterpart = source?.entry(entry.id) else { continue }
                let wanted = NeutralContentCheck.byPath(counterpart.content.neutralValues)
                let got = NeutralContentCheck.byPath(now.content.neutralValues)
                for path in paths where wanted[path]?.value != got[path]?.value {
                    throw error(document.displayPath, "\(entry.key) would not get the source's \(path)")
                }
                guard now.content.segments == entry.content.segments else {
                    throw error(path, "the text of \(entry.key) would change")
                }
            } else if now.content != entry.content || now.parent != entry.parent || now.needsTranslation != entry.needsTranslation {
                throw error(path, "\(entry.key), which the merge does not touch, would change")
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
            guard let now = document.entry(entry.id) else { throw error(path, "\(entry.key) would not be inserted") }
            guard now.needsTranslation else { throw error(path, "\(entry.key) would not be marked for translation") }
            guard now.parent == entry.parent else { throw error(path, "\(entry.key) would be nested in the wrong place") }
            guard now.content == entry.content else { throw error(path, "\(entry.key) would not say what the source says") }
        }
        let actualIDs = Set(document.alignableEntries.map(\.id))
        guard actualIDs == expectedIDs, document.duplicateIDs.isEmpty else {
            let extra = actualIDs.subtracting(expectedIDs).sorted().map(\.rawValue)
            throw error(path, "its entries would not be the planned ones\(extra.isEmpty ? "" : " (unplanned: \(extra.joined(separator: ", ")))")")
        }
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

    private func failure(_ stage: Stage, _ path: String, _ detail: String) -> Failure {
        Failure(stage: stage, error: error(path, detail))
    }

    private func error(_ path: String, _ detail: String) -> InvocationError {
        InvocationError("internal error: the merged \(path) would not be what was planned (\(detail)); nothing was written. Please report this with the files involved")
    }
}
