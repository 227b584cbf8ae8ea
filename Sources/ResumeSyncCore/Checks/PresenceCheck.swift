/// `missing` and `orphan`: an entry on one side only. Reported once for the outermost entry
/// absent from the other side; the entries nested in it are counted in its message.
public struct PresenceCheck: EntryCheck {
    public var rule: Rule { .missing }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        if let source = pair.source, pair.target == nil {
            guard !source.mayBeAbsentFromTarget, let document = context.filePair.source,
                  !source.isCoveredByParent(missingFrom: context.filePair.target) else { return [] }
            let nested = Self.descendantCount(of: source, in: document)
            return [Finding(
                rule: .missing, key: pair.key,
                message: "\(pair.key) is missing from \(context.target.displayRoot)" + Self.nestedNote(nested),
                source: context.sourceLocation(source))]
        }
        if let target = pair.target, pair.source == nil {
            guard let document = context.filePair.target,
                  !target.isCoveredByParent(missingFrom: context.filePair.source) else { return [] }
            let nested = Self.descendantCount(of: target, in: document)
            return [Finding(
                rule: .orphan, key: pair.key,
                message: "\(pair.key) is in \(context.target.displayRoot) but not in \(context.source.displayRoot)"
                    + Self.nestedNote(nested),
                target: context.targetLocation(target))]
        }
        return []
    }

    static func descendantCount(of entry: Entry, in document: ParsedDocument) -> Int {
        entry.children.reduce(0) { total, child in
            guard let nested = document.entry(child) else { return total }
            return total + 1 + descendantCount(of: nested, in: document)
        }
    }

    static func nestedNote(_ count: Int) -> String {
        switch count {
        case 0: return ""
        case 1: return ", with 1 nested entry"
        default: return ", with \(count) nested entries"
        }
    }
}

/// `missing` and `orphan` for whole files.
enum FilePresenceCheck {
    static func findings(for pair: FilePair, source: TreeSpec, target: TreeSpec) -> [Finding] {
        let key = EntryKey(file: pair.file, id: nil)
        if pair.inSource, !pair.inTarget {
            let entries = pair.source?.alignableEntries.count ?? 0
            return [Finding(
                rule: .missing, key: key,
                message: "\(target.displayPath(pair.file)) does not exist"
                    + (entries > 0 ? " (\(entries) entries to translate)" : ""),
                source: SourceLocation(path: source.displayPath(pair.file), line: 1, column: 1, byteOffset: 0))]
        }
        if pair.inTarget, !pair.inSource {
            return [Finding(
                rule: .orphan, key: key,
                message: "\(target.displayPath(pair.file)) has no counterpart \(source.displayPath(pair.file))",
                target: SourceLocation(path: target.displayPath(pair.file), line: 1, column: 1, byteOffset: 0))]
        }
        return []
    }
}

/// `duplicate-id`: two elements of one file with the same ID cannot be aligned.
enum DuplicateIDCheck {
    static func findings(for document: ParsedDocument, side: TreeSide) -> [Finding] {
        document.duplicateIDs.keys.sorted().flatMap { id -> [Finding] in
            let offsets = document.duplicateIDs[id] ?? []
            guard let first = offsets.first else { return [] }
            let firstLocation = document.location(ofOffset: first)
            return offsets.dropFirst().map { offset in
                let location = document.location(ofOffset: offset)
                return Finding(
                    rule: .duplicateID, key: EntryKey(file: document.file, id: id),
                    message: "the ID '\(id)' is used again here (first at line \(firstLocation.line)); IDs must be unique within a file",
                    source: side == .source ? location : nil,
                    target: side == .target ? location : nil)
            }
        }
    }
}
