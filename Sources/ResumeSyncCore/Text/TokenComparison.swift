/// The neutral tokens of one text in each language, and those with no counterpart on the other
/// side.
///
/// Tokens are matched as multisets by normalised value, kind by kind; then three documented
/// allowances pair what is written differently by habit rather than by fact:
/// - a phone number may leave out the country code the other side writes;
/// - a year marked as a date in one language (`2019 年`) matches the plain number in the other
///   (`in 2019`);
/// - a Chinese ordinal (`第二次`) matches an English ordinal word (`Second`), which is otherwise
///   a word and not a number (as `二等奖` is not one either).
public struct TokenComparison: Sendable {
    public var source: [NeutralToken]
    public var target: [NeutralToken]
    /// Tokens of the source with no counterpart in the target, in text order.
    public private(set) var sourceOnly: [NeutralToken] = []
    /// Tokens of the target with no counterpart in the source, in text order.
    public private(set) var targetOnly: [NeutralToken] = []

    public init(source: String, target: String) {
        self.init(source: NeutralTokenizer.tokens(in: source), target: NeutralTokenizer.tokens(in: target))
    }

    public init(source: [NeutralToken], target: [NeutralToken]) {
        self.source = source
        self.target = target
        // In one pass each: filtering first made an array of the compared tokens only to map it.
        var left = source.compactMap { Self.isCompared($0.kind) ? Keyed($0) : nil }
        var right = target.compactMap { Self.isCompared($0.kind) ? Keyed($0) : nil }
        guard !left.isEmpty || !right.isEmpty else { return }
        Self.cancel(&left, &right) { $0.token.kind == $1.token.kind && $0.token.kind != .phone && $0.key == $1.key }
        Self.cancel(&left, &right) { Self.samePhone($0.token, $1.token, exact: true) }
        Self.cancel(&left, &right) { Self.samePhone($0.token, $1.token, exact: false) }
        Self.cancel(&left, &right) { Self.yearMatchesNumber($0.token, $1.token) }
        Self.cancel(&left, &right) { Self.yearMatchesNumber($1.token, $0.token) }
        var sourceOnly = left.map(\.token)
        var targetOnly = right.map(\.token)
        Self.cancelOrdinals(&sourceOnly, words: target)
        Self.cancelOrdinals(&targetOnly, words: source)
        self.sourceOnly = sourceOnly
        self.targetOnly = targetOnly
    }

    /// The kinds of fact both sides must state alike (entities and names have checks of their own).
    private static func isCompared(_ kind: NeutralToken.Kind) -> Bool {
        switch kind {
        case .url, .email, .phone, .date, .number: return true
        case .entity, .identifier: return false
        }
    }

    /// A token with its normalised value worked out once: a number's key prints a decimal,
    /// too dear to redo for every pair of tokens tried.
    private struct Keyed {
        var token: NeutralToken
        var key: String

        init(_ token: NeutralToken) {
            self.token = token
            key = token.key
        }
    }

    /// Unmatched tokens of one kind on each side.
    public func unmatched(_ kind: NeutralToken.Kind) -> (source: [NeutralToken], target: [NeutralToken]) {
        (sourceOnly.filter { $0.kind == kind }, targetOnly.filter { $0.kind == kind })
    }

    /// Removes pairs that `matches`, each token used once, first come first paired.
    private static func cancel(
        _ left: inout [Keyed], _ right: inout [Keyed],
        _ matches: (Keyed, Keyed) -> Bool
    ) {
        guard !left.isEmpty, !right.isEmpty else { return }
        var remaining = right
        left = left.filter { token in
            guard let index = remaining.firstIndex(where: { matches(token, $0) }) else { return true }
            remaining.remove(at: index)
            return false
        }
        right = remaining
    }

    private static func samePhone(_ left: NeutralToken, _ right: NeutralToken, exact: Bool) -> Bool {
        guard case .phone(let a) = left.value, case .phone(let b) = right.value else { return false }
        return exact ? a == b : a.isSameNumber(as: b)
    }

    private static func yearMatchesNumber(_ left: NeutralToken, _ right: NeutralToken) -> Bool {
        guard case .date(let date) = left.value, date.isYearOnly,
              case .number(let number) = right.value, !number.isOrdinal else { return false }
        return number.wholeValue == date.start.year
    }

    /// Drops ordinals that an English ordinal word of the other side stands for.
    private static func cancelOrdinals(_ tokens: inout [NeutralToken], words: [NeutralToken]) {
        let hasOrdinal = tokens.contains { token in
            if case .number(let number) = token.value { return number.isOrdinal }
            return false
        }
        guard hasOrdinal else { return }
        var available = words.compactMap { token -> Int? in
            guard case .identifier(let word) = token.value else { return nil }
            return OrdinalWords.value(of: word.text)
        }
        tokens = tokens.filter { token in
            guard case .number(let number) = token.value, number.isOrdinal, let value = number.wholeValue,
                  let index = available.firstIndex(of: value) else { return true }
            available.remove(at: index)
            return false
        }
    }
}

/// English ordinal words, `first` to `twentieth`, `thirtieth` … `hundredth`, any case.
enum OrdinalWords {
    static let values: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
        "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    ]

    static func value(of word: String) -> Int? {
        values[word.lowercased()]
    }
}
