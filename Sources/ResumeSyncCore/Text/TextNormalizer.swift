/// The text forms that comparisons and fingerprints rest on.
public enum TextNormalizer {
    /// Runs of white space become one space; leading and trailing space goes.
    ///
    /// Works on UTF-8 bytes, without decoding: this runs over every text of every file.
    public static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        var string = String(text)
        // Most texts need trimming at most: they are returned as they are, or as a slice,
        // without building (and validating) a new string.
        guard let folded = string.withUTF8({ foldedRange($0) }) else {
            return string.withUTF8 { collapsingWhitespace(utf8: $0) }
        }
        if folded == 0..<string.utf8.count { return string }
        let utf8 = string.utf8
        return String(string[utf8.index(utf8.startIndex, offsetBy: folded.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: folded.upperBound)])
    }

    /// The byte range of the text without its leading and trailing white space, when inside
    /// it every run of white space is already one ASCII space; `nil` when something inside
    /// needs folding.
    private static func foldedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let count = bytes.count
        var index = skippingSpace(bytes, from: 0)
        let start = index
        var end = index
        let base = UnsafeRawPointer(bytes.baseAddress)
        while index < count {
            // English prose: eight bytes at a time while they are printable ASCII and single
            // spaces (at the loop's top the byte before `index` is never white space).
            if let base, index + 9 <= count,
               isFoldedASCII(base.loadUnaligned(fromByteOffset: index, as: UInt64.self),
                             next: base.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)) {
                index += 8
                end = index
                continue
            }
            let byte = bytes[index]
            if byte > 0x20 && byte < 0x7F {
                index += 1
                while index < count, bytes[index] &- 0x21 < 0x5E { index += 1 }
                end = index
                continue
            }
            if byte >= 0xE4 && byte <= 0xE9 {
                // U+4000 to U+9FFF, most of any Chinese text: no white space there.
                index = UTF8Bytes.endOfIdeographRun(bytes, from: index)
                end = index
                continue
            }
            if byte == 0x20, index + 1 < count, spaceLength(bytes, at: index + 1) == 0 {
                // One ASCII space between two characters: already folded.
                index += 1
                continue
            }
            let space = spaceLength(bytes, at: index)
            if space > 0 {
                // Any other white space is fine only where nothing but white space follows.
                return skippingSpace(bytes, from: index) == count ? start..<end : nil
            }
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            index = min(index + length, count)
            end = index
        }
        return start..<end
    }

    /// Whether the eight bytes of `word` are printable ASCII or an ASCII space that the byte
    /// after it (in `next`, the eight bytes one further on) is not, the last of them printable:
    /// nothing there to fold. The byte tests of "Bit Twiddling Hacks", exact for ASCII bytes.
    @inline(__always)
    private static func isFoldedASCII(_ word: UInt64, next: UInt64) -> Bool {
        let highBits = ASCIIWord.highBits
        guard word & highBits == 0 else { return false }
        let printable = ASCIIWord.bytes(of: word, in: 0x21, 0x7F)
        let space = ASCIIWord.bytes(of: word, in: 0x20, 0x21)
        // A byte of `next` from 0x80 up is no space; with its high bit cleared it might look like one.
        let nextIsSpace = ASCIIWord.bytes(of: next & ~highBits, in: 0x20, 0x21) & ~(next & highBits)
        return printable | (space & ~nextIsSpace) == highBits && printable & (1 << 63) != 0
    }

    /// The index after the white space starting at `index`.
    private static func skippingSpace(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var position = index
        while position < bytes.count {
            let length = spaceLength(bytes, at: position)
            if length == 0 { break }
            position += length
        }
        return position
    }

    /// Whether the text is empty or white space only (what collapsing it would leave empty),
    /// found without making the collapsed string.
    public static func isBlank(_ text: String) -> Bool {
        var string = text
        return string.withUTF8 { skippingSpace($0, from: 0) == $0.count }
    }

    private static func collapsingWhitespace(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                // Printable ASCII, most of any text, needs no look at what follows.
                let byte = bytes[index]
                if byte > 0x20 && byte < 0x7F {
                    if pendingSpace {
                        output[written] = 0x20
                        written += 1
                        pendingSpace = false
                    }
                    output[written] = byte
                    written += 1
                    index += 1
                    continue
                }
                let spaceLength = spaceLength(bytes, at: index)
                if spaceLength > 0 {
                    pendingSpace = written > 0
                    index += spaceLength
                    continue
                }
                if pendingSpace {
                    output[written] = 0x20
                    written += 1
                }
                pendingSpace = false
                let lead = bytes[index]
                let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                let end = min(index + length, bytes.count)
                while index < end {
                    output[written] = bytes[index]
                    written += 1
                    index += 1
                }
            }
            return written
        }
    }

    /// The length in bytes of the white-space character at `index`, or 0: ASCII space and
    /// controls, NEL, no-break space, and Unicode's other space separators (as `CharacterClass`).
    @inline(__always)
    private static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0x20 || (0x09...0x0D).contains(lead) ? 1 : 0 }
        guard index + 1 < bytes.count else { return 0 }
        let second = bytes[index + 1]
        switch lead {
        case 0xC2:
            return second == 0x85 || second == 0xA0 ? 2 : 0
        case 0xE1, 0xE2, 0xE3:
            guard index + 2 < bytes.count else { return 0 }
            let third = bytes[index + 2]
            switch (lead, second, third) {
            case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0x80...0x8A), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9),
                 (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80):
                return 3
            default:
                return 0
            }
        default:
            return 0
        }
    }

    /// The form a fingerprint is taken of: edits that do not change meaning leave it unchanged.
    ///
    /// White space is folded, full-width punctuation and letters become their half-width forms,
    /// and a space survives only between two letters or digits, so `支持GPU共享`, `支持 GPU 共享`
    /// and `支持 GPU  共享` are one text.
    public static func fingerprintForm(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        fingerprintForm(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The fingerprint form's UTF-8 bytes, written to `output`: a buffer, or straight into a
    /// `FingerprintHasher`, so that fingerprinting an entry makes no string at all.
    public static func fingerprintForm(_ text: some StringProtocol, into output: inout some UTF8Sink) {
        // One pass over the UTF-8 bytes: map to half width, fold spaces, keep a space only
        // between two word characters. Bytes that stay as they are (ASCII other than space,
        // and the ideographs of U+4000 to U+9FFF, which are never space, word or mapped) are
        // written as runs; other scalars are decoded (a String's bytes are valid UTF-8) and
        // copied as written unless they map to ASCII.
        var string = String(text)
        string.withUTF8 { bytes in
            var previousIsWord = false
            var pendingSpace = false
            // `bytes[runStart..<index]` are to be written as they are. While a space is
            // pending the run is empty: the space, if kept, goes before what follows.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if Self.isPlainASCII(lead) {
                    if pendingSpace {
                        let isWord = CharacterClass.isWord(Unicode.Scalar(lead))
                        if previousIsWord, isWord { output.append(0x20) }
                        pendingSpace = false
                    }
                    // The rest of the run stays as it is; only its last byte says whether a
                    // word ends there.
                    index += 1
                    while index < bytes.count, Self.isPlainASCII(bytes[index]) { index += 1 }
                    previousIsWord = CharacterClass.isWord(Unicode.Scalar(bytes[index - 1]))
                    continue
                }
                if lead >= 0xE4, lead <= 0xE9 {
                    pendingSpace = false
                    previousIsWord = false
                    index = UTF8Bytes.endOfIdeographRun(bytes, from: index)
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let (original, length) = UTF8Bytes.scalar(in: bytes, at: index)
                let scalar = length == 1 ? original : halfWidth(original)
                if CharacterClass.isSpace(scalar) {
                    pendingSpace = true
                } else {
                    let isWord = isWordScalar(scalar)
                    if pendingSpace, previousIsWord, isWord { output.append(0x20) }
                    pendingSpace = false
                    if length == 1 || scalar != original {
                        append(scalar, to: &output)
                    } else {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                    }
                    previousIsWord = isWord
                }
                index += length
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        }
    }

    /// An ASCII byte that is not white space: the fingerprint form writes it as it is.
    @inline(__always)
    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && (byte < 0x09 || byte > 0x0D)
    }

    /// Full-width ASCII and CJK punctuation mapped to their ASCII counterparts.
    public static func halfWidth(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            append(halfWidth(scalar), to: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    @inline(__always)
    private static func append(_ scalar: Unicode.Scalar, to output: inout some UTF8Sink) {
        if scalar.value < 0x80 {
            output.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { output.append($0) }
        }
    }

    /// Whether `halfWidth(_:)` may map the scalar: nothing below U+2018 and nothing from U+3012
    /// to U+FF00 (the ideographs among them) is mapped, so most of any text is passed by this test.
    @inline(__always)
    static func mayMapToHalfWidth(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2018 && !(0x3012..<0xFF01).contains(scalar.value)
    }

    public static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if (0xFF01...0xFF5E).contains(value), let mapped = Unicode.Scalar(value - 0xFEE0) { return mapped }
        switch value {
        case 0x3000: return " "
        case 0x3001: return ","
        case 0x3002: return "."
        case 0x201C, 0x201D, 0x300C, 0x300D: return "\""
        case 0x2018, 0x2019, 0x300E, 0x300F: return "'"
        case 0x3010: return "["
        case 0x3011: return "]"
        default: return scalar
        }
    }

    @inline(__always)
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return CharacterClass.isWord(scalar) }
        if Han.isHan(scalar) { return false }
        return CharacterClass.isWord(scalar)
    }
}

/// Fast character classes for the hot paths: ASCII is decided without Unicode property
/// look-ups, which cost more than everything else in extraction put together.
public enum CharacterClass {
    /// White space: XML's four characters, the other ASCII controls that act as space, and
    /// Unicode's space separators (no-break and ideographic spaces among them).
    @inline(__always)
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x80: return false
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Letters and digits of any script.
    @inline(__always)
    public static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80: return false
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}

/// A stable 64-bit FNV-1a digest, written as 16 hex digits: the same on every machine and run,
/// unlike Swift's seeded `Hasher`.
///
/// Kept as the number, not as its text: 16 digits are one byte too many for Swift's inline
/// small strings, and the lock holds two fingerprints a side for every entry.
public struct Fingerprint: Hashable, Sendable, Codable, CustomStringConvertible {
    public var value: UInt64

    public init(value: UInt64) {
        self.value = value
    }

    /// Reads exactly 16 hex digits (either case); `nil` for anything else, which a lock
    /// record then reports as not valid.
    public init?(hex: some StringProtocol) {
        guard let value = Self.value(ofHex: hex.utf8) else { return nil }
        self.value = value
    }

    /// The value of exactly 16 hex digits, or `nil`: no sign, no prefix, no other length.
    static func value(ofHex digits: some Sequence<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in digits {
            guard let digit = HexDigit.value(byte) else { return nil }
            count += 1
            guard count <= 16 else { return nil }
            value = value << 4 | UInt64(digit)
        }
        return count == 16 ? value : nil
    }

    public init(of parts: [String]) {
        var hasher = FingerprintHasher()
        for part in parts {
            for byte in part.utf8 { hasher.append(byte) }
            hasher.endPart()
        }
        self = hasher.fingerprint
    }

    /// The 16 lowercase hex digits, zero-padded.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public var description: String { hex }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self.value(ofHex: text.utf8) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not 16 hex digits")
        }
        self.value = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Where UTF-8 bytes are written, one at a time or in runs.
public protocol UTF8Sink {
    mutating func append(_ byte: UInt8)
    /// Writes a run of bytes.
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: UTF8Sink where Element == UInt8 {}

/// A fingerprint taken as its parts are written: FNV-1a over each part's bytes, each part
/// closed by a unit separator, as `Fingerprint(of:)` does with whole strings.
public struct FingerprintHasher: UTF8Sink {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }

    /// The run hashed in a local, so that the multiply chain is not also a chain of stores
    /// and loads through `self`.
    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        var hash = self.hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        self.hash = hash
    }

    /// Ends the current part.
    public mutating func endPart() {
        append(0x1F)
    }

    public var fingerprint: Fingerprint { Fingerprint(value: hash) }
}

/// Eight bytes tested at once, each below 0x80 (the byte tests of "Bit Twiddling Hacks"): the
/// high bit of each byte of a result is that byte's answer, and no byte carries into the next.
enum ASCIIWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The bytes of `word` that are at least `bound` (at most 0x80).
    @inline(__always)
    static func bytes(of word: UInt64, atLeast bound: UInt64) -> UInt64 {
        (word &+ ones &* (0x80 - bound)) & highBits
    }

    /// The bytes of `word` from `low` up to, not including, `high`.
    @inline(__always)
    static func bytes(of word: UInt64, in low: UInt64, _ high: UInt64) -> UInt64 {
        bytes(of: word, atLeast: low) & ~bytes(of: word, atLeast: high)
    }
}

/// Decoding of valid UTF-8 (a `String`'s own bytes), one scalar at a time.
enum UTF8Bytes {
    /// The scalar that starts at `index` and the number of its bytes.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The index past the run of U+4000 to U+9FFF (three bytes each, lead E4 to E9) that starts
    /// at `index` (whose byte is such a lead), or the end. Three at a time while eight bytes
    /// are there to load: their leads are at 0, 3 and 6, and valid UTF-8 holds the last one's
    /// two more bytes. Only leads are looked at, as one at a time.
    @inline(__always)
    static func endOfIdeographRun(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        let count = bytes.count
        var position = index
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while position + 8 <= count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                guard UInt8(truncatingIfNeeded: word) &- 0xE4 < 6, UInt8(truncatingIfNeeded: word >> 24) &- 0xE4 < 6,
                      UInt8(truncatingIfNeeded: word >> 48) &- 0xE4 < 6
                else { break }
                position += 9
            }
        }
        while position < count, bytes[position] &- 0xE4 < 6 { position += 3 }
        return min(position, count)
    }
}

/// ASCII hex digits, as fingerprints and JSON `\u` escapes write them.
enum HexDigit {
    /// The value of one hex digit, either case; `nil` for any other byte.
    @inline(__always)
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }
}
