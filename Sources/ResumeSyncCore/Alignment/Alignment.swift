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
        var pairs: [EntryPair] = []
        var seen: Set<EntryID> = []
        for entry in source.alignableEntries where target.duplicateIDs[entry.id] == nil {
            seen.insert(entry.id)
            pairs.append(EntryPair(key: entry.key, source: entry, target: target.entry(entry.id)))
        }
        for entry in target.alignableEntries where !seen.contains(entry.id) && source.duplicateIDs[entry.id] == nil {
            pairs.append(EntryPair(key: entry.key, source: nil, target: entry))
        }
        return pairs
    }
}
