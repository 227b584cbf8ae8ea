/// An entry's ID, unique within its file (`caicloud-tech-lead`).
public struct EntryID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: EntryID, rhs: EntryID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A file's path relative to its tree root, with `/` separators (`work.xml`, `docs/intro.xml`).
public struct RelativePath: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: RelativePath, rhs: RelativePath) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a finding or a baseline record is about: a whole file, or one entry in it.
///
/// Written `work.xml#caicloud-tech-lead` for an entry and `work.xml` for a file.
public struct EntryKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: RelativePath
    public var id: EntryID?

    public init(file: RelativePath, id: EntryID?) {
        self.file = file
        self.id = id
    }

    /// Reads `file#id` or `file`; `nil` for text that names neither.
    public init?(parsing text: String) {
        let parts = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { return nil }
        file = RelativePath(String(first))
        if parts.count == 2 {
            guard !parts[1].isEmpty else { return nil }
            id = EntryID(String(parts[1]))
        } else {
            id = nil
        }
    }

    public var description: String {
        guard let id else { return file.rawValue }
        return "\(file.rawValue)#\(id.rawValue)"
    }

    public static func < (lhs: EntryKey, rhs: EntryKey) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        return (lhs.id?.rawValue ?? "") < (rhs.id?.rawValue ?? "")
    }
}
