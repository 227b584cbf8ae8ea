public import ResumeSyncXML

/// One file of a tree, parsed: its bytes, its entries in document order, and what was wrong.
public struct ParsedDocument: Sendable {
    public var file: RelativePath
    public var displayPath: String
    public var bytes: [UInt8]
    public var lineTable: LineTable
    public var tree: XMLDocumentTree
    /// Every entry, in document order (parents before the entries nested in them).
    public private(set) var entries: [Entry]
    /// IDs that occur more than once, with the start offsets of every occurrence.
    public private(set) var duplicateIDs: [EntryID: [Int]]
    private var positions: [EntryID: Int]
    /// The exact hash of the bytes before the first entry, when the entries have exact hashes.
    let prologHash: UInt64?

    /// A document as the extractor found it, with its look-up of IDs.
    init(file: RelativePath, displayPath: String, bytes: [UInt8], tree: XMLDocumentTree, extracted: EntryExtractor.Result) {
        self.file = file
        self.displayPath = displayPath
        self.bytes = bytes
        self.lineTable = LineTable(bytes: bytes)
        self.tree = tree
        self.entries = extracted.entries
        self.duplicateIDs = extracted.duplicateIDs
        self.positions = extracted.firstIndices
        self.prologHash = extracted.prologHash
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
