/// A file pattern of `[files] include`/`exclude`, matched against paths relative to a tree root.
///
/// The syntax is the familiar one of `.gitignore` and shells: `*` any run of characters but `/`,
/// `?` one such character, `[abc]`, `[a-z]`, `[!x]` one of (or none of) a set, `{a,b}` either
/// alternative, `**` as a whole segment any number of folders (`docs/**/*.xml`), `\` quotes the
/// next character. A pattern without `/` matches a file name at any depth (`strings.xml`); with
/// one it matches the whole path (`docs/*.xml`); a leading `/` anchors a name to the root.
public struct GlobPattern: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    private let alternatives: [[Token]]
    /// For each alternative shaped `**/*TAIL` (any folders, then a name that ends in TAIL, which
    /// holds no `/` and no run): TAIL, which only the path's last characters need to match.
    /// Every pattern of file extensions has that shape, and every listed file is matched.
    private let nameTails: [[Token]?]

    private enum Token: Hashable, Sendable {
        case literal(Character)
        case anyCharacter
        case anyRun
        /// `**/`: zero or more whole folders.
        case anyFolders
        /// A trailing `**`: everything below.
        case anything
        case set(negated: Bool, members: [ClosedRange<Character>])
    }

    public var description: String { text }

    /// Compiles `text`, or says where and why it is not a pattern.
    public init(_ text: String) throws(GlobPatternError) {
        self.text = text
        let characters = Array(text)
        guard !characters.isEmpty else { throw GlobPatternError(message: "the pattern is empty", offset: 0) }
        var body = characters
        var anchored = false
        if body.first == "/" {
            anchored = true
            body.removeFirst()
            guard !body.isEmpty else { throw GlobPatternError(message: "the pattern '/' names no files", offset: 0) }
        }
        let offsetBase = anchored ? 1 : 0
        let expanded = try Self.expandBraces(body, offsetBase: offsetBase)
        var compiled: [[Token]] = []
        for variant in expanded {
            let segments = variant.split(separator: "/", omittingEmptySubsequences: false)
            if segments.contains(where: { $0 == [".", "."] }) {
                throw GlobPatternError(message: "the pattern leaves the tree with '..'", offset: offsetBase)
            }
            var tokens = try Self.tokens(variant, offsetBase: offsetBase)
            if !anchored, !variant.contains("/") { tokens.insert(.anyFolders, at: 0) }
            compiled.append(tokens)
        }
        alternatives = compiled
        nameTails = compiled.map(Self.nameTail)
    }

    /// Whether a path relative to the tree root (`docs/intro.xml`) matches.
    public func matches(_ path: String) -> Bool {
        var characters: [Character]?
        for (tokens, tail) in zip(alternatives, nameTails) {
            if let tail {
                if Self.nameEnds(path, with: tail) { return true }
                continue
            }
            let all = characters ?? Array(path)
            characters = all
            var memo: [Int: Bool] = [:]
            if Self.match(tokens, 0, all, 0, &memo) { return true }
        }
        return false
    }

    /// `matches` by the general matcher alone, for every alternative: the definition the
    /// shortcut of `nameTails` is held to.
    func matchesByTokens(_ path: String) -> Bool {
        let characters = Array(path)
        return alternatives.contains { tokens in
            var memo: [Int: Bool] = [:]
            return Self.match(tokens, 0, characters, 0, &memo)
        }
    }

    /// TAIL of an alternative `**/*TAIL`, when it has that shape.
    private static func nameTail(of tokens: [Token]) -> [Token]? {
        guard tokens.count >= 2, tokens[0] == .anyFolders, tokens[1] == .anyRun else { return nil }
        let tail = Array(tokens.dropFirst(2))
        for token in tail {
            switch token {
            case .literal(let character) where character == "/": return nil
            case .literal, .anyCharacter, .set: continue
            case .anyRun, .anyFolders, .anything: return nil
            }
        }
        return tail
    }

    /// Whether the path's last characters match `tail`, none of them a `/`: then the folders
    /// before and the rest of the name are what `**/` and `*` take.
    private static func nameEnds(_ path: String, with tail: [Token]) -> Bool {
        var index = path.endIndex
        for token in tail.reversed() {
            guard index > path.startIndex else { return false }
            index = path.index(before: index)
            let character = path[index]
            guard character != "/" else { return false }
            switch token {
            case .literal(let expected):
                guard character == expected else { return false }
            case .anyCharacter:
                continue
            case .set(let negated, let members):
                guard members.contains(where: { $0.contains(character) }) != negated else { return false }
            case .anyRun, .anyFolders, .anything:
                return false
            }
        }
        return true
    }

    private static func match(_ tokens: [Token], _ t: Int, _ path: [Character], _ p: Int, _ memo: inout [Int: Bool]) -> Bool {
        let key = t * (path.count + 1) + p
        if let known = memo[key] { return known }
        let result: Bool
        if t == tokens.count {
            result = p == path.count
        } else {
            switch tokens[t] {
            case .literal(let character):
                result = p < path.count && path[p] == character && match(tokens, t + 1, path, p + 1, &memo)
            case .anyCharacter:
                result = p < path.count && path[p] != "/" && match(tokens, t + 1, path, p + 1, &memo)
            case .set(let negated, let members):
                result = p < path.count && path[p] != "/"
                    && members.contains { $0.contains(path[p]) } != negated
                    && match(tokens, t + 1, path, p + 1, &memo)
            case .anyRun:
                var end = p
                var found = match(tokens, t + 1, path, end, &memo)
                while !found, end < path.count, path[end] != "/" {
                    end += 1
                    found = match(tokens, t + 1, path, end, &memo)
                }
                result = found
            case .anyFolders:
                // Zero folders, or any prefix that ends just after a `/`.
                var found = match(tokens, t + 1, path, p, &memo)
                var end = p
                while !found, end < path.count {
                    if path[end] == "/" { found = match(tokens, t + 1, path, end + 1, &memo) }
                    end += 1
                }
                result = found
            case .anything:
                result = true
            }
        }
        memo[key] = result
        return result
    }

    /// `{a,b}c` → `ac`, `bc`; nested braces expand from the inside out.
    private static func expandBraces(_ characters: [Character], offsetBase: Int) throws(GlobPatternError) -> [[Character]] {
        var index = 0
        var depth = 0
        var open: Int?
        var commas: [Int] = []
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if character == "[" {
                // Braces inside a set are members, not alternatives.
                index = try setEnd(characters, from: index, offsetBase: offsetBase) + 1
                continue
            }
            if character == "{" {
                if depth == 0 { open = index; commas = [] }
                depth += 1
            } else if character == "}" {
                guard depth > 0 else {
                    throw GlobPatternError(message: "the pattern has a '}' that no '{' opens", offset: offsetBase + index)
                }
                depth -= 1
                if depth == 0, let start = open {
                    let prefix = Array(characters[..<start])
                    let suffix = Array(characters[(index + 1)...])
                    let bounds = [start] + commas + [index]
                    var variants: [[Character]] = []
                    for which in 0..<(bounds.count - 1) {
                        let inner = Array(characters[(bounds[which] + 1)..<bounds[which + 1]])
                        for expanded in try expandBraces(prefix + inner + suffix, offsetBase: offsetBase) {
                            variants.append(expanded)
                        }
                    }
                    return variants
                }
            } else if character == ",", depth == 1 {
                commas.append(index)
            }
            index += 1
        }
        if depth > 0, let start = open {
            throw GlobPatternError(message: "the pattern has a '{' that is never closed", offset: offsetBase + start)
        }
        return [characters]
    }

    /// The index of the `]` that closes the set opened at `start`.
    private static func setEnd(_ characters: [Character], from start: Int, offsetBase: Int) throws(GlobPatternError) -> Int {
        var index = start + 1
        if index < characters.count, characters[index] == "!" || characters[index] == "^" { index += 1 }
        // A `]` right after the opening is a member.
        if index < characters.count, characters[index] == "]" { index += 1 }
        while index < characters.count, characters[index] != "]" {
            if characters[index] == "/" { break }
            index += characters[index] == "\\" ? 2 : 1
        }
        guard index < characters.count, characters[index] == "]" else {
            throw GlobPatternError(message: "the pattern has a '[' that is never closed", offset: offsetBase + start)
        }
        return index
    }

    private static func tokens(_ characters: [Character], offsetBase: Int) throws(GlobPatternError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                guard index + 1 < characters.count else {
                    throw GlobPatternError(message: "the pattern ends with a lone '\\'", offset: offsetBase + index)
                }
                tokens.append(.literal(characters[index + 1]))
                index += 2
                continue
            case "?":
                tokens.append(.anyCharacter)
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    let startsSegment = index == 0 || characters[index - 1] == "/"
                    let next = index + 2
                    guard startsSegment, next == characters.count || characters[next] == "/" else {
                        throw GlobPatternError(
                            message: "'**' must be a whole path segment (write 'a/**/b', or '*' within a name)",
                            offset: offsetBase + index)
                    }
                    if next == characters.count {
                        tokens.append(.anything)
                        index = next
                    } else {
                        tokens.append(.anyFolders)
                        index = next + 1
                    }
                    continue
                }
                tokens.append(.anyRun)
            case "[":
                let end = try setEnd(characters, from: index, offsetBase: offsetBase)
                tokens.append(try set(Array(characters[(index + 1)..<end]), offset: offsetBase + index))
                index = end + 1
                continue
            case "]":
                throw GlobPatternError(message: "the pattern has a ']' that no '[' opens", offset: offsetBase + index)
            default:
                tokens.append(.literal(character))
            }
            index += 1
        }
        return tokens
    }

    private static func set(_ body: [Character], offset: Int) throws(GlobPatternError) -> Token {
        var members: [ClosedRange<Character>] = []
        var index = 0
        var negated = false
        if let first = body.first, first == "!" || first == "^" {
            negated = true
            index = 1
        }
        guard index < body.count else {
            throw GlobPatternError(message: "the pattern has an empty set '[]'", offset: offset)
        }
        while index < body.count {
            var low = body[index]
            if low == "\\", index + 1 < body.count {
                index += 1
                low = body[index]
            }
            if index + 2 < body.count, body[index + 1] == "-" {
                let high = body[index + 2]
                guard low <= high else {
                    throw GlobPatternError(message: "the range '\(low)-\(high)' runs backwards", offset: offset)
                }
                members.append(low...high)
                index += 3
            } else {
                members.append(low...low)
                index += 1
            }
        }
        return .set(negated: negated, members: members)
    }
}

/// Why a pattern does not compile, and where in it (0-based character offset).
public struct GlobPatternError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}

/// Which files of a tree are content: those that match an include pattern and no exclude one.
public struct FileSelection: Hashable, Sendable {
    public var include: [GlobPattern]
    public var exclude: [GlobPattern]

    public init(include: [GlobPattern], exclude: [GlobPattern]) {
        self.include = include
        self.exclude = exclude
    }

    /// Every file whose extension is one of these, case-insensitively, at any depth.
    public init(extensions: Set<String>) {
        let patterns = extensions.sorted().compactMap { name -> GlobPattern? in
            let set = name.map { character -> String in
                let lower = character.lowercased()
                let upper = character.uppercased()
                return lower == upper ? (character.isLetter || character.isNumber ? String(character) : "\\\(character)") : "[\(lower)\(upper)]"
            }.joined()
            return try? GlobPattern("**/*.\(set)")
        }
        self.init(include: patterns, exclude: [])
    }

    public func contains(_ path: String) -> Bool {
        include.contains { $0.matches(path) } && !exclude.contains { $0.matches(path) }
    }
}
