#if canImport(Glibc)
import Glibc
#endif

/// A lock record exactly as `Baseline.serialized()` writes it, read straight from its bytes:
///
///     {"key":"K","sides":{"en":{"neutral":"H","prose":"H","text":"T"},"zh":{…}}}
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
              let (secondLanguage, second) = side(&cursor, at: offset, in: source), cursor.skip("}}"),
              cursor.atEnd, firstLanguage != secondLanguage
        else { return nil }
        return (key, Baseline.Sides((firstLanguage, first), (secondLanguage, second)))
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

        /// 16 hex digits and the closing quote (digits as `Fingerprint.value(ofHex:)` reads
        /// them, straight from the buffer).
        mutating func fingerprint() -> Fingerprint? {
            guard index + 17 <= bytes.count, bytes[index + 16] == UInt8(ascii: "\"") else { return nil }
            var value: UInt64 = 0
            for digitIndex in index..<index + 16 {
                guard let digit = HexDigit.value(bytes[digitIndex]) else { return nil }
                value = value << 4 | UInt64(digit)
            }
            index += 17
            return Fingerprint(value: value)
        }
    }
}
