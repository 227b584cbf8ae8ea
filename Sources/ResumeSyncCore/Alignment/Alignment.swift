/// A file as it stands in both trees; either side may be absent or broken.
public struct FilePair: Sendable {
    public var file: RelativePath
    public var source: ParsedDocument?
    public var target: ParsedDocument?
    /// The file exists in the source tree (parsed or not).
    public var inSource: Bool
    public var inTarget: Bool

    /// Both sides exist and parsed, so their entries can be aligned.
    public var isComparable: Bool { source != nil && target != nil }
}

/// An entry as it stands on both sides: aligned by ID within the paired files.
public struct EntryPair: Sendable {
    public var key: EntryKey
    public var source: Entry?
    public var target: Entry?

    /// Both entries, when the pair has both. Unwrapped after a test for `nil`: bound with
    /// `guard let`, each optional was copied through `Optional`'s generic value witnesses, some
    /// hundred instructions a check for every pair.
    var bothSides: (source: Entry, target: Entry)? {
        guard source != nil, target != nil else { return nil }
        return (source.unsafelyUnwrapped, target.unsafelyUnwrapped)
    }
}

/// Pairs files by their path relative to the tree roots, and entries by ID within them.
public enum Aligner {
    public static func pairFiles(source: LoadedTree, target: LoadedTree) -> [FilePair] {
        let files = Set(source.files).union(target.files).sorted()
        return files.map { file in
            FilePair(
                file: file,
                source: source.documents[file],
                target: target.documents[file],
                inSource: source.files.contains(file),
                inTarget: target.files.contains(file))
        }
    }

    /// Source entries in source order, then the target's orphans in target order. Entries whose
    /// ID is duplicated on either side are left out: alignment never guesses.
    public static func pairEntries(_ pair: FilePair) -> [EntryPair] {
        guard let source = pair.source, let target = pair.target else { return [] }
        // Most files have no duplicate ID: then no entry needs a look-up to be left out.
        let mayBeDuplicated = !source.duplicateIDs.isEmpty || !target.duplicateIDs.isEmpty
        func isDuplicated(_ id: EntryID) -> Bool {
            mayBeDuplicated && (source.duplicateIDs[id] != nil || target.duplicateIDs[id] != nil)
        }
        var pairs: [EntryPair] = []
        pairs.reserveCapacity(source.entries.count)
        // The target entries paired with a source one, by position.
        var paired = [Bool](repeating: false, count: target.entries.count)
        // Translations keep their source's order: the target entry one past the last found is
        // tried before the look-up, and is the one whenever no entry was added or removed.
        var guess = 0
        for entry in source.entries where !isDuplicated(entry.id) {
            let index = guess < target.entries.count && target.entries[guess].id == entry.id
                ? guess : target.index(of: entry.id)
            if let index {
                paired[index] = true
                guess = index + 1
            }
            pairs.append(EntryPair(key: entry.key, source: entry, target: index.map { target.entries[$0] }))
        }
        for (index, entry) in target.entries.enumerated() where !paired[index] && !isDuplicated(entry.id) {
            pairs.append(EntryPair(key: entry.key, source: nil, target: entry))
        }
        return pairs
    }
}
