import Testing
@testable import ResumeSyncCore

/// `JSONStringLiteral.end`, which passes plain bytes sixteen (or eight) at a time and goes
/// straight to the first that needs a look, against a reading of one byte at a time.
@Suite struct JSONStringLiteralEndTests {
    /// The closing quote's index, byte by byte: a control character or an escape other than
    /// the two-byte ones gives `nil` (no `\u` here: those are the escape tests' business).
    static func referenceEnd(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index
            case 0..<0x20: return nil
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count, Array(#""\/bfnrt"#.utf8).contains(bytes[index + 1]) else { return nil }
                index += 2
            default: index += 1
            }
        }
        return nil
    }

    @Test func everySpecialByteIsSeenAtEveryPositionOfAWord() {
        let specials: [[UInt8]] = [
            [UInt8(ascii: "\"")], [0x00], [0x1F], [0x0A], [UInt8(ascii: "\\"), UInt8(ascii: "\"")],
            [UInt8(ascii: "\\"), UInt8(ascii: "n")], [UInt8(ascii: "\\"), UInt8(ascii: "x")], [UInt8(ascii: "\\")],
        ]
        let plain: [[UInt8]] = [[0x20], [0x7F], [0x80], [0xFF], Array("中".utf8), [0x21], [0x23], [0x5B], [0x5D]]
        for special in specials + plain {
            // Past two vectors, so that a special byte is met in every lane of each, and in
            // each byte of the words read near the end.
            for position in 0..<40 {
                for tail in [[], [UInt8(ascii: "\"")], Array("abcdefghij\"".utf8)] {
                    let bytes = Array(repeating: UInt8(ascii: "a"), count: position) + special + tail
                    let found = bytes.withUnsafeBufferPointer { JSONStringLiteral.end(in: $0, from: 0) }
                    #expect(found == Self.referenceEnd(bytes), "\(special) at \(position), tail \(tail.count)")
                }
            }
        }
    }

    /// Runs of bytes near the special ones (a borrow from a control character or a zero can
    /// mark the bytes above it): the first that needs a look must be the one found.
    @Test func theFirstByteThatNeedsALookIsFoundAmongOthersThatMayLookLikeIt() {
        let alphabet: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x61, 0x6E, 0x7F, 0x80, 0xA2, 0xDC, 0xE4, 0xFF]
        var generator = BaselineReaderTests.SplitMix(state: 7)
        for round in 0..<4_000 {
            let count = Int.random(in: 0...48, using: &generator)
            // Mostly plain bytes, so that the literal often runs long before its first special.
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0
                    ? alphabet.randomElement(using: &generator)! : UInt8(ascii: "a")
            }
            let start = count > 0 ? Int.random(in: 0..<count, using: &generator) : 0
            let found = bytes.withUnsafeBufferPointer { JSONStringLiteral.end(in: $0, from: start) }
            let expected = Self.referenceEnd(Array(bytes[start...])).map { $0 + start }
            #expect(found == expected, "round \(round): \(bytes) from \(start)")
        }
    }
}
