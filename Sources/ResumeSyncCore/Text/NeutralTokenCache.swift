import Synchronization

/// The tokens of texts already cut, so that the cross-language checks of one file pair cut
/// each segment once rather than once a check.
///
/// Lives in a `CheckContext`, which lives for one file pair: its memory is bounded by the
/// text of two files.
public final class NeutralTokenCache: Sendable {
    private let tokensByText = Mutex<[TextKey: [NeutralToken]]>([:])
    private let comparisons = Mutex<[[TextKey]: TokenComparison]>([:])

    public init() {}

    public func tokens(in text: String) -> [NeutralToken] {
        let key = TextKey(text: text)
        if let known = tokensByText.withLock({ $0[key] }) { return known }
        let tokens = NeutralTokenizer.tokens(in: text)
        tokensByText.withLock { $0[key] = tokens }
        return tokens
    }

    /// The comparison of two texts' tokens, made once for the checks that read it.
    public func comparison(source: String, target: String) -> TokenComparison {
        let key = [TextKey(text: source), TextKey(text: target)]
        if let known = comparisons.withLock({ $0[key] }) { return known }
        let comparison = TokenComparison(source: tokens(in: source), target: tokens(in: target))
        comparisons.withLock { $0[key] = comparison }
        return comparison
    }
}

/// A text compared by its UTF-8 bytes: hashing a `String` normalises it first, which for
/// Chinese text cost more than the look-up saved.
private struct TextKey: Hashable, Sendable {
    var text: String

    static func == (lhs: TextKey, rhs: TextKey) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
