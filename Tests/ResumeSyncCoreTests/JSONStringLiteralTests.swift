import Testing
@testable import ResumeSyncCore

/// `JSONStringLiteral.end`, which passes plain bytes eight at a time, against a reading of one
/// byte at a time.
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
            for position in 0..<20 {
                for tail in [[], [UInt8(ascii: "\"")], Array("abcdefghij\"".utf8)] {
                    let bytes = Array(repeating: UInt8(ascii: "a"), count: position) + special + tail
                    let found = bytes.withUnsafeBufferPointer { JSONStringLiteral.end(in: $0, from: 0) }
                    #expect(found == Self.referenceEnd(bytes), "\(special) at \(position), tail \(tail.count)")
                }
            }
        }
    }
}
