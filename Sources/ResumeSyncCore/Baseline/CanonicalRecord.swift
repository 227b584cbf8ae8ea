#if canImport(Glibc)
import Glibc
#endif

/// A lock record exactly as `Baseline.serialized()` writes it, read straight from its bytes:
///
///     {"key":"K","sides":{"en":{"neutral":"H","prose":"H","text":"T"},"zh":{…}}}
///     {"key":"K","sides":{"en":{…},"zh":{…}},"verified":"H"}
///
/// Decoding 200,000 such lines with `JSONDecoder` costs seconds and keeps every text as a
/// `String`; this reads the key and fingerprints and notes where each text is. Any line of
/// another shape (spaces, key order, fields, one side or three, an escape it is not sure of)
/// gives `nil`, and `JSONDecoder` reads it instead.
enum CanonicalRecord {
    /// A record's key as the line holds it.
    enum Key {
        /// Printable ASCII without a backslash: the bytes are the text, and `#` splits it
        /// byte by byte exactly as `EntryKey(parsing:)` splits the text.
        case plain(UnsafeBufferPointer<UInt8>)
        /// Any other key, its escapes decoded.
        case text(String)
    }

    /// The record's key and its two sides, texts left in `source`; `line` starts at byte
    /// `offset` of the lock.
    static func read(
        _ line: UnsafeBufferPointer<UInt8>, at offset: Int, in source: LockBytes
    ) -> (key: Key, sides: Baseline.Sides)? {
        var cursor = Cursor(bytes: line)
        guard cursor.skip(#"{"key":""#), let keyRange = cursor.literal() else { return nil }
        let keyBytes = UnsafeBufferPointer(rebasing: line[keyRange])
        let key: Key
        if keyBytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) {
            key = .plain(keyBytes)
        } else if let text = JSONStringLiteral.decode(keyBytes) {
            key = .text(text)
        } else {
            return nil
        }
        guard cursor.skip(#","sides":{""#),
              let (firstLanguage, first) = side(&cursor, at: offset, in: source), cursor.skip(#",""#),
              let (secondLanguage, second) = side(&cursor, at: offset, in: source), cursor.skip("}"),
              firstLanguage != secondLanguage
        else { return nil }
        var verified: Fingerprint?
        if cursor.skip(#","verified":""#) {
            guard let fingerprint = cursor.fingerprint() else { return nil }
            verified = fingerprint
        }
        guard cursor.skip("}"), cursor.atEnd else { return nil }
        return (key, Baseline.Sides((firstLanguage, first), (secondLanguage, second), verified: verified))
    }

    /// `CODE":{"neutral":"H","prose":"H","text":"T"}`, the cursor just past `CODE`'s quote.
    private static func side(
        _ cursor: inout Cursor, at offset: Int, in source: LockBytes
    ) -> (String, Baseline.Side)? {
        guard let code = cursor.literal(), !cursor.bytes[code].contains(UInt8(ascii: "\\")),
              cursor.skip(#":{"neutral":""#), let neutral = cursor.fingerprint(),
              cursor.skip(#","prose":""#), let prose = cursor.fingerprint(),
              cursor.skip(#","text":""#), let text = cursor.literal(),
              cursor.skip("}")
        else { return nil }
        let language = String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[code]), as: UTF8.self)
        let storedText = BaselineText.lock(source, offset: offset + text.lowerBound, length: text.count)
        return (language, Baseline.Side(prose: prose, neutral: neutral, storedText: storedText))
    }

    /// A position in a line, moved over the expected pieces one by one.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        /// Moves past `expected` when the line continues with it.
        mutating func skip(_ expected: StaticString) -> Bool {
            let count = expected.utf8CodeUnitCount
            guard index + count <= bytes.count, let base = bytes.baseAddress,
                  memcmp(base + index, expected.utf8Start, count) == 0
            else { return false }
            index += count
            return true
        }

        /// The content of the string literal whose opening quote was just passed, and moves
        /// past its closing quote.
        mutating func literal() -> Range<Int>? {
            guard let end = JSONStringLiteral.end(in: bytes, from: index) else { return nil }
            defer { index = end + 1 }
            return index..<end
        }

        /// 16 hex digits and the closing quote, the digits read eight at a time.
        mutating func fingerprint() -> Fingerprint? {
            guard index + 17 <= bytes.count, bytes[index + 16] == UInt8(ascii: "\""),
                  let base = UnsafeRawPointer(bytes.baseAddress),
                  let high = CanonicalRecord.value(ofHexDigits: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)),
                  let low = CanonicalRecord.value(ofHexDigits: base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
            else { return nil }
            index += 17
            return Fingerprint(value: UInt64(high) << 32 | UInt64(low))
        }
    }

    /// The value of the eight hex digits (either case) that are the bytes of `word` in memory
    /// order, or `nil` when one is not a hex digit: what `Fingerprint.value(ofHex:)` reads,
    /// all eight bytes at once.
    static func value(ofHexDigits word: UInt64) -> UInt32? {
        let bytes = UInt64(littleEndian: word)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        guard bytes & highBits == 0 else { return nil }
        // Every byte is below 0x80, so adding at most 0x80 to each never carries into the next:
        // a byte's high bit then tells whether it was at least (or at most) the bound.
        func atLeast(_ bound: UInt64, _ bytes: UInt64) -> UInt64 { (bytes &+ ones &* (0x80 - bound)) & highBits }
        func atMost(_ bound: UInt64, _ bytes: UInt64) -> UInt64 { ~(bytes &+ ones &* (0x7F - bound)) & highBits }
        let decimal = atLeast(0x30, bytes) & atMost(0x39, bytes)
        let lowercased = bytes | 0x2020_2020_2020_2020
        let letter = atLeast(0x61, lowercased) & atMost(0x66, lowercased)
        guard decimal | letter == highBits else { return nil }
        // A digit's low four bits are its value; a letter's (bit 6 set) are its value less 9.
        var value = (bytes & 0x0F0F_0F0F_0F0F_0F0F) &+ ((bytes >> 6) & ones) &* 9
        // The first digit is the lowest byte: join bytes in pairs, pairs in fours, then halves.
        value = (value & 0x000F_000F_000F_000F) << 4 | (value >> 8 & 0x000F_000F_000F_000F)
        value = (value & 0x0000_00FF_0000_00FF) << 8 | (value >> 16 & 0x0000_00FF_0000_00FF)
        value = (value & 0x0000_0000_0000_FFFF) << 16 | (value >> 32 & 0x0000_0000_0000_FFFF)
        return UInt32(truncatingIfNeeded: value)
    }
}
