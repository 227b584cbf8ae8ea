public import ResumeSyncXML

/// One file of a tree, parsed: its bytes, its entries in document order, and what was wrong.
public struct ParsedDocument: Sendable {
    public var file: RelativePath
    public var displayPath: String
    public var bytes: [UInt8]
    public var lineTable: LineTable
    public var tree: XMLDocumentTree
    /// Every entry, in document order (parents before the entries nested in them).
    public var entries: [Entry]
    /// IDs that occur more than once, with the start offsets of every occurrence.
    public var duplicateIDs: [EntryID: [Int]]
    private var positions: [EntryID: Int]

    public init(
        file: RelativePath, displayPath: String, bytes: [UInt8], tree: XMLDocumentTree,
        entries: [Entry], duplicateIDs: [EntryID: [Int]]
    ) {
        self.file = file
        self.displayPath = displayPath
        self.bytes = bytes
        self.lineTable = LineTable(bytes: bytes)
        self.tree = tree
        self.entries = entries
        self.duplicateIDs = duplicateIDs
        var positions: [EntryID: Int] = [:]
        positions.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() where positions[entry.id] == nil {
            positions[entry.id] = index
        }
        self.positions = positions
    }

    /// The entry with this ID; `nil` when there is none or the ID is duplicated.
    public func entry(_ id: EntryID) -> Entry? {
        index(of: id).map { entries[$0] }
    }

    /// Where in `entries` the entry with this ID is; `nil` when there is none or the ID is
    /// duplicated.
    func index(of id: EntryID) -> Int? {
        guard duplicateIDs.isEmpty || duplicateIDs[id] == nil else { return nil }
        return positions[id]
    }

    public func location(ofOffset offset: Int) -> SourceLocation {
        lineTable.location(of: offset, path: displayPath)
    }

    public func location(of entry: Entry) -> SourceLocation {
        location(ofOffset: entry.span.start)
    }

    /// The entries that can be aligned: those whose ID is unique in the file.
    public var alignableEntries: [Entry] {
        entries.filter { duplicateIDs[$0.id] == nil }
    }
}
