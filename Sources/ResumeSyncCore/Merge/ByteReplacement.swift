/// One edit of a file: the bytes in `range` of the original are replaced by `bytes` (an empty
/// range inserts, empty bytes delete). Edits are always made against the original bytes, as
/// swift-markdown's `Replacement(range:text:)`, never by writing the document out again, so
/// every byte outside the ranges stays as it was.
public struct ByteReplacement: Hashable, Sendable {
    public var range: Range<Int>
    public var bytes: [UInt8]
    /// The original bytes the range must still hold: checked before splicing.
    public var expected: [UInt8]

    public init(range: Range<Int>, bytes: [UInt8], expected: [UInt8]) {
        self.range = range
        self.bytes = bytes
        self.expected = expected
    }

    /// An insertion at `offset`.
    public static func insert(_ bytes: [UInt8], at offset: Int) -> ByteReplacement {
        ByteReplacement(range: offset..<offset, bytes: bytes, expected: [])
    }
}

/// Two edits touch the same bytes, or an edit no longer matches the file: a bug in planning,
/// never something to write.
public struct SpliceError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String

    public var description: String { "\(message) at byte \(offset)" }
}

extension ByteReplacement {
    /// Applies non-overlapping replacements to `original`. Insertions at the same offset keep
    /// their given order and come before a replacement that starts there.
    public static func apply(_ replacements: [ByteReplacement], to original: [UInt8]) throws(SpliceError) -> [UInt8] {
        let ordered = replacements.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.range, rhs.element.range)
            if a.lowerBound != b.lowerBound { return a.lowerBound < b.lowerBound }
            if a.isEmpty != b.isEmpty { return a.isEmpty }
            return lhs.offset < rhs.offset
        }.map(\.element)
        var result: [UInt8] = []
        result.reserveCapacity(original.count + ordered.reduce(0) { $0 + $1.bytes.count })
        var position = 0
        for replacement in ordered {
            let range = replacement.range
            guard range.lowerBound >= position, range.upperBound <= original.count else {
                throw SpliceError(offset: range.lowerBound, message: "overlapping or out-of-range edits")
            }
            guard Array(original[range]) == replacement.expected else {
                throw SpliceError(offset: range.lowerBound, message: "an edit no longer matches the file's bytes")
            }
            result += original[position..<range.lowerBound]
            result += replacement.bytes
            position = range.upperBound
        }
        result += original[position...]
        return result
    }
}
