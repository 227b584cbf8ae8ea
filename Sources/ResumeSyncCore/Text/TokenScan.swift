/// A text being cut into neutral tokens: its scalars as written and in half-width form, and
/// which of them a token has already taken.
///
/// Scanners look at the half-width form (`２０１９` reads as `2019`, `，` as `,`) and at the
/// original where the difference matters (an ASCII comma groups thousands, a Chinese one lists).
struct TokenScan {
    let original: [Unicode.Scalar]
    let scalars: [Unicode.Scalar]
    private(set) var taken: [Bool]
    private(set) var tokens: [NeutralToken] = []

    /// What the text holds at all, so that a scanner that cannot match is not run
    /// (an e-mail address needs an `@`, a URL a `.` or `:`, a figure a digit).
    let hasAt: Bool
    let hasDotOrColon: Bool
    let hasDigit: Bool
    let hasAmpersand: Bool

    init(_ text: String) {
        // This runs for every text of every entry: the scalars are read in one decoding pass
        // (`Array(text.unicodeScalars)` counts them first), the flags in one more, and the
        // half-width form shares the original's storage unless some scalar actually changes.
        var original: [Unicode.Scalar] = []
        original.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { original.append(scalar) }
        var changed = false
        var at = false, dot = false, digit = false, ampersand = false
        for written in original {
            let scalar = TextNormalizer.halfWidth(written)
            if scalar != written { changed = true }
            switch scalar {
            case "@": at = true
            case ".", ":": dot = true
            case "&": ampersand = true
            case "0"..."9", "第": digit = true
            default: break
            }
        }
        self.original = original
        self.scalars = changed ? original.map(TextNormalizer.halfWidth) : original
        taken = Array(repeating: false, count: original.count)
        hasAt = at
        hasDotOrColon = dot
        hasDigit = digit
        hasAmpersand = ampersand
    }

    var count: Int { scalars.count }

    subscript(index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    /// The scalar at `index` as written, before the half-width mapping.
    func originalScalar(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < original.count ? original[index] : nil
    }

    func isFree(_ range: Range<Int>) -> Bool {
        range.allSatisfy { !taken[$0] }
    }

    /// Records a token over `range` (its text as written) so that later scanners skip it.
    mutating func take(_ range: Range<Int>, _ value: TokenValue) {
        mark(range)
        tokens.append(NeutralToken(value: value, text: Self.makeString(original[range]), range: range))
    }

    /// Takes `range` without a token: later scanners skip it.
    mutating func mark(_ range: Range<Int>) {
        for index in range { taken[index] = true }
    }

    /// The half-width scalars of a range as a string.
    func string(_ range: Range<Int>) -> String {
        Self.makeString(scalars[range.clamped(to: 0..<scalars.count)])
    }

    /// A string of scalars, encoded to UTF-8 in one go (appending scalar by scalar to a
    /// `String.UnicodeScalarView` was a fifth of the checks' time).
    static func makeString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var position = 0
            for scalar in scalars {
                UTF8.encode(scalar, into: { byte in
                    buffer[position] = byte
                    position += 1
                })
            }
            return position
        }
    }

    /// Whether the text at `index` starts with `word` (ASCII, case-sensitive).
    func hasWord(_ word: String, at index: Int) -> Bool {
        var position = index
        for scalar in word.unicodeScalars {
            guard self[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    /// The index after a run of spaces starting at `index`.
    func skippingSpaces(from index: Int) -> Int {
        var position = index
        while let scalar = self[position], CharacterClass.isSpace(scalar) { position += 1 }
        return position
    }

    /// The end of a run of ASCII digits at `index`, and its value, limited to `maximum` digits.
    func digits(at index: Int, maximum: Int = 18) -> (end: Int, value: Int, count: Int)? {
        var position = index
        var value = 0
        while let scalar = self[position], scalar.isASCIIDigit, position - index < maximum {
            value = value * 10 + Int(scalar.value - 48)
            position += 1
        }
        guard position > index else { return nil }
        return (position, value, position - index)
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    var isASCIIUppercase: Bool { ("A"..."Z").contains(self) }

    /// A letter of the Latin script: ASCII, and the accented letters of Latin-1 and Latin Extended.
    var isLatinLetter: Bool {
        if isASCIILetter { return true }
        switch value {
        case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x024F: return true
        default: return false
        }
    }

    var isLatinAlphanumeric: Bool { isLatinLetter || isASCIIDigit }
}

/// A few punctuation scalars: ASCII ones as bits of a mask, the rest (a handful of CJK and
/// typographic marks) in a short list. The scanners ask this for nearly every scalar; hashing
/// each one into a `Set` was a tenth of their time.
struct ScalarSet: Sendable {
    private let low: UInt64
    private let high: UInt64
    private let others: [Unicode.Scalar]

    init(_ characters: String) {
        var low: UInt64 = 0, high: UInt64 = 0
        var others: [Unicode.Scalar] = []
        for scalar in characters.unicodeScalars {
            switch scalar.value {
            case 0..<64: low |= 1 << UInt64(scalar.value)
            case 64..<128: high |= 1 << UInt64(scalar.value - 64)
            default: others.append(scalar)
            }
        }
        self.low = low
        self.high = high
        self.others = others
    }

    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<64: return low & (1 << UInt64(scalar.value)) != 0
        case 64..<128: return high & (1 << UInt64(scalar.value - 64)) != 0
        default: return others.contains(scalar)
        }
    }
}

/// The punctuation the scanners look for, by role.
enum Punctuation {
    static let beforeDate = ScalarSet("./+")
    static let dateSeparators = ScalarSet(".-/")
    static let periodConnectors = ScalarSet("至到-–—~")
    static let codeConnectors = ScalarSet("/_+#")
    static let beforeURL = ScalarSet("@.-_/:")
    static let notInURL = ScalarSet("<>\"`")
    static let afterURL = ScalarSet(".,;:!?'*")
    static let inEntityName = ScalarSet("._:-")
    static let beforePhone = ScalarSet("+/.-_")
    static let emailLocal = ScalarSet("._%+-")
}
