/// A text being cut into neutral tokens: its scalars as written and in half-width form, and
/// which of them a token has already taken.
///
/// Scanners look at the half-width form (`２０１９` reads as `2019`, `，` as `,`) and at the
/// original where the difference matters (an ASCII comma groups thousands, a Chinese one lists).
struct TokenScan {
    let original: [Unicode.Scalar]
    let scalars: [Unicode.Scalar]
    /// For each scalar, the kinds of token that may start there (`TokenStarts`), so that a
    /// pass of the tokenizer skips the rest with one byte test, and whether a token has taken
    /// it (`TokenStarts.takenBit`): one array where two were made for every text.
    private(set) var starts: [TokenStarts]
    /// Some scalar is taken.
    private(set) var hasTaken = false
    private(set) var tokens: [NeutralToken] = []

    /// What the text holds at all, so that a scanner that cannot match is not run
    /// (an e-mail address needs an `@`, a URL a `.` or `:`, a figure a digit).
    let hasAt: Bool
    let hasDotOrColon: Bool
    let hasDigit: Bool
    let hasAmpersand: Bool

    init(_ text: String) {
        // This runs for every text of every entry: the scalars, where tokens may start and the
        // flags come from one decoding pass over the UTF-8 bytes into buffers of the right
        // size, and the half-width form shares the original's storage unless some scalar
        // actually changes.
        var text = text
        var changed = false
        var at = false, dot = false, digit = false, ampersand = false
        var starts: [TokenStarts] = []
        let original = text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { scalars, scalarCount in
                starts = [TokenStarts](unsafeUninitializedCapacity: bytes.count) { kinds, kindCount in
                    if Self.isASCII(bytes) {
                        // Most English texts: a byte is a scalar, nothing maps, and the starts
                        // and flags come from tables.
                        var flags: UInt8 = 0
                        Self.asciiTables.withUnsafeBufferPointer { tables in
                            for (index, byte) in bytes.enumerated() {
                                scalars.initializeElement(at: index, to: Unicode.Scalar(byte))
                                kinds.initializeElement(at: index, to: TokenStarts(rawValue: tables[Int(byte)].starts))
                                flags |= tables[Int(byte)].flags
                            }
                        }
                        at = flags & Flag.at != 0
                        dot = flags & Flag.dotOrColon != 0
                        digit = flags & Flag.digit != 0
                        ampersand = flags & Flag.ampersand != 0
                        scalarCount = bytes.count
                        kindCount = bytes.count
                        return
                    }
                    var index = 0
                    while index < bytes.count {
                        // A run of ideographs of U+4000 to U+9FFF (`第` aside): each keeps its
                        // width, sets no flag and starts nothing. Decoded from its three bytes,
                        // never a surrogate, so always a scalar; the run is read with its count
                        // and place in locals, which the compiler keeps in registers.
                        // (Indices within the buffers cannot overflow: wrapping arithmetic
                        // spares the loop its overflow checks.)
                        var count = scalarCount
                        var position = index
                        while position &+ 2 < bytes.count, bytes[position] &- 0xE4 < 6 {
                            let value = UInt32(bytes[position] & 0x0F) << 12 | UInt32(bytes[position &+ 1] & 0x3F) << 6
                                | UInt32(bytes[position &+ 2] & 0x3F)
                            if value == 0x7B2C { break }
                            scalars.initializeElement(at: count, to: unsafeBitCast(value, to: Unicode.Scalar.self))
                            kinds.initializeElement(at: count, to: [])
                            count &+= 1
                            position &+= 3
                        }
                        if count > scalarCount {
                            scalarCount = count
                            index = position
                            continue
                        }
                        let (written, length) = UTF8Bytes.scalar(in: bytes, at: index)
                        index += length
                        let scalar = length == 1 ? written : TextNormalizer.halfWidth(written)
                        if scalar != written { changed = true }
                        let flags = Self.flags(of: scalar)
                        at = at || flags & Flag.at != 0
                        dot = dot || flags & Flag.dotOrColon != 0
                        digit = digit || flags & Flag.digit != 0
                        ampersand = ampersand || flags & Flag.ampersand != 0
                        scalars.initializeElement(at: scalarCount, to: written)
                        kinds.initializeElement(at: scalarCount, to: TokenStarts(of: scalar))
                        scalarCount += 1
                    }
                    kindCount = scalarCount
                }
            }
        }
        self.original = original
        self.scalars = changed ? Self.halfWidthForm(of: original) : original
        self.starts = starts
        hasAt = at
        hasDotOrColon = dot
        hasDigit = digit
        hasAmpersand = ampersand
    }

    /// The half-width form of scalars some of which change: a copy of them with those that may
    /// change mapped, where mapping each one of a Chinese text cost a fifth of the scan's start.
    private static func halfWidthForm(of original: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var scalars = original
        scalars.withUnsafeMutableBufferPointer { scalars in
            for index in scalars.indices where TextNormalizer.mayMapToHalfWidth(scalars[index]) {
                scalars[index] = TextNormalizer.halfWidth(scalars[index])
            }
        }
        return scalars
    }

    /// The tokens taken, in text order: sorted where they are rather than into a new array.
    mutating func tokensInTextOrder() -> [NeutralToken] {
        tokens.sort { $0.range.lowerBound < $1.range.lowerBound }
        return tokens
    }

    /// The bits of `flags(of:)`.
    private enum Flag {
        static let at: UInt8 = 1, dotOrColon: UInt8 = 2, digit: UInt8 = 4, ampersand: UInt8 = 8
    }

    /// Which of the `has…` flags a half-width scalar sets.
    @inline(__always)
    private static func flags(of scalar: Unicode.Scalar) -> UInt8 {
        switch scalar {
        case "@": return Flag.at
        case ".", ":": return Flag.dotOrColon
        case "&": return Flag.ampersand
        case "0"..."9", "第": return Flag.digit
        default: return 0
        }
    }

    /// Starts and flags of each ASCII byte, made from `TokenStarts(of:)` and `flags(of:)`.
    private static let asciiTables: [(starts: UInt8, flags: UInt8)] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return (TokenStarts(of: scalar).rawValue, flags(of: scalar))
    }

    /// Whether every byte is ASCII: one pass the compiler vectorizes.
    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var all: UInt8 = 0
        for byte in bytes { all |= byte }
        return all < 0x80
    }

    /// Whether any scalar of `text` may start a token: a text of Han characters, spaces and
    /// punctuation alone (most Chinese titles and sentences without figures) has no token,
    /// and is told so from its bytes without decoding it into a scan.
    static func mayHoldTokens(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                // The three-byte sequences of U+4000 to U+9FFF (most CJK ideographs) keep their
                // width and start nothing, `第` (E7 AC AC) aside.
                if lead >= 0xE4, lead <= 0xE9, !(lead == 0xE7 && bytes[index &+ 1] == 0xAC && bytes[index &+ 2] == 0xAC) {
                    index &+= 3
                    continue
                }
                let (scalar, length) = UTF8Bytes.scalar(in: bytes, at: index)
                if !TokenStarts(of: length == 1 ? scalar : TextNormalizer.halfWidth(scalar)).isEmpty { return true }
                index += length
            }
            return false
        }
    }

    var count: Int { scalars.count }

    subscript(index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    /// The scalar at `index` as written, before the half-width mapping.
    func originalScalar(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < original.count ? original[index] : nil
    }

    /// The first index from `index` on where `kind` may start, or `count`: eight places at a
    /// time, as most of a Chinese text, and much of any, is places where nothing starts.
    @inline(__always)
    func nextStart(of kind: TokenStarts, from index: Int) -> Int {
        starts.withUnsafeBufferPointer { starts in
            var position = index
            if MemoryLayout<TokenStarts>.stride == 1, let base = UnsafeRawPointer(starts.baseAddress) {
                // A byte of the word is not zero after the mask exactly where its place may start `kind`.
                let mask = UInt64(kind.rawValue) &* 0x0101_0101_0101_0101
                while position + 8 <= starts.count {
                    let found = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self)) & mask
                    if found != 0 { return position + found.trailingZeroBitCount / 8 }
                    position += 8
                }
            }
            while position < starts.count, starts[position].rawValue & kind.rawValue == 0 { position += 1 }
            return position
        }
    }

    /// Whether a token (or a marked word) has taken the scalar at `index`.
    func isTaken(_ index: Int) -> Bool {
        starts[index].rawValue & TokenStarts.takenBit != 0
    }

    func isFree(_ range: Range<Int>) -> Bool {
        range.allSatisfy { !isTaken($0) }
    }

    /// Records a token over `range` (its text as written) so that later scanners skip it.
    mutating func take(_ range: Range<Int>, _ value: consuming TokenValue) {
        mark(range)
        tokens.append(NeutralToken(value: value, text: Self.makeString(original[range]), range: range))
    }

    /// Takes `range` without a token: later scanners skip it.
    mutating func mark(_ range: Range<Int>) {
        hasTaken = hasTaken || !range.isEmpty
        starts.withUnsafeMutableBufferPointer { starts in
            for index in range { starts[index] = TokenStarts(rawValue: starts[index].rawValue | TokenStarts.takenBit) }
        }
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

/// The kinds of token a half-width scalar may start, one bit for each pass of the tokenizer
/// (see `NeutralTokenizer`): each pass runs its scanner only where its bit is set.
struct TokenStarts: OptionSet, Sendable {
    let rawValue: UInt8

    /// `&` of an entity reference.
    static let entity = TokenStarts(rawValue: 1 << 0)
    /// An ASCII letter or digit: URLs and e-mail addresses.
    static let alphanumeric = TokenStarts(rawValue: 1 << 1)
    /// A digit, `+`, `(` or the `t` of `tel:`.
    static let phone = TokenStarts(rawValue: 1 << 2)
    /// A digit or an uppercase letter (a month's name).
    static let date = TokenStarts(rawValue: 1 << 3)
    /// A Latin letter or `@`.
    static let latin = TokenStarts(rawValue: 1 << 4)
    /// A digit or `第`.
    static let number = TokenStarts(rawValue: 1 << 5)
    /// Not a kind: set on a scalar once a token takes it (`TokenScan.mark`). No kind has it, so
    /// looking for where a kind starts never sees it.
    static let takenBit: UInt8 = 1 << 7

    @inline(__always)
    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    @inline(__always)
    init(of scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x30...0x39: self = [.alphanumeric, .phone, .date, .number]
        case 0x41...0x5A: self = [.alphanumeric, .date, .latin]
        case 0x74: self = [.alphanumeric, .latin, .phone]
        case 0x61...0x7A: self = [.alphanumeric, .latin]
        case 0x26: self = .entity
        case 0x2B, 0x28: self = .phone
        case 0x40: self = .latin
        case 0x7B2C: self = .number
        case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x024F: self = .latin
        default: self = []
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
