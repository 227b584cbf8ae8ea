/// A content language, by its BCP 47-style code (`zh`, `zh-CN`, `en`).
public struct Language: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    /// Whether the language is written with Han characters, so that Han text in it is expected.
    /// Worked out from the code once: the checks ask it for every entry pair.
    public let writesHan: Bool

    public init(_ code: String) {
        self.code = code
        let primary = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        writesHan = ["zh", "ja", "ko", "yue", "wuu", "lzh", "cmn"].contains(primary)
    }

    public var description: String { code }
}

/// One of the two parallel trees: where it is, what language it holds, and how to show its paths.
public struct TreeSpec: Hashable, Sendable {
    /// The folder, as a file-system path.
    public var root: String
    /// The folder as shown in diagnostics (the path the user gave, relative when they gave it so).
    public var displayRoot: String
    public var language: Language

    public init(root: String, displayRoot: String? = nil, language: Language? = nil) {
        self.root = root
        self.displayRoot = displayRoot ?? root
        self.language = language ?? Language(Self.lastComponent(of: root))
    }

    /// The path of a file of this tree as shown to the user (`zh/work.xml`).
    public func displayPath(_ file: RelativePath) -> String {
        var base = displayRoot
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        if base.isEmpty || base == "." { return file.rawValue }
        return "\(base)/\(file.rawValue)"
    }

    public func filePath(_ file: RelativePath) -> String {
        var base = root
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(file.rawValue)"
    }

    private static func lastComponent(of path: String) -> String {
        let trimmed = path.split(separator: "/").last.map(String.init) ?? path
        return trimmed.isEmpty ? path : trimmed
    }
}
