#if canImport(Glibc)
import Glibc
#endif

/// A baseline side's text: in memory (a side just confirmed), or where it is in a lock.
enum BaselineText: Sendable, Equatable {
    case inline(String)
    /// A JSON string literal's content (between the quotes, escapes not yet decoded).
    case lock(LockBytes, offset: Int, length: Int)

    var string: String {
        switch self {
        case .inline(let text):
            return text
        case .lock(let source, let offset, let length):
            return source.withBytes(offset: offset, length: length) { JSONStringLiteral.decode($0) } ?? ""
        }
    }

    static func == (lhs: BaselineText, rhs: BaselineText) -> Bool {
        if case .lock(let left, let leftOffset, let leftLength) = lhs,
           case .lock(let right, let rightOffset, let rightLength) = rhs,
           left === right, leftOffset == rightOffset, leftLength == rightLength {
            return true
        }
        return lhs.string == rhs.string
    }
}

/// The bytes of a lock file as read: an open descriptor of the file, or the bytes themselves.
///
/// The descriptor is opened once, so every later read is of the file that was parsed, even
/// after `accept` or `merge` replaced it (they rename a new file over it: the old one lives on
/// while it is open). `pread` keeps reads from several threads independent.
final class LockBytes: Sendable {
    private enum Storage {
        case descriptor(Int32)
        case memory([UInt8])
    }

    private let storage: Storage

    init(descriptor: Int32) {
        storage = .descriptor(descriptor)
    }

    init(memory bytes: [UInt8]) {
        storage = .memory(bytes)
    }

    deinit {
        if case .descriptor(let descriptor) = storage { close(descriptor) }
    }

    /// Copies up to `buffer.count` bytes at `offset` into `buffer`: how many (0 past the end),
    /// `nil` when they cannot be read. With `pread`, so that threads reading regions of one lock
    /// at once never move a shared file position.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int? {
        guard offset >= 0, let base = buffer.baseAddress else { return nil }
        switch storage {
        case .memory(let bytes):
            let count = max(0, min(buffer.count, bytes.count - offset))
            bytes.withUnsafeBufferPointer { source in
                if count > 0, let start = source.baseAddress { base.update(from: start + offset, count: count) }
            }
            return count
        case .descriptor(let descriptor):
            var count: Int
            repeat {
                count = pread(descriptor, base, buffer.count, off_t(offset))
            } while count < 0 && errno == EINTR
            return count >= 0 ? count : nil
        }
    }

    /// Runs `body` over `length` bytes at `offset`; `nil` when they can no longer be read.
    func withBytes<Result>(offset: Int, length: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result?) -> Result? {
        switch storage {
        case .memory(let bytes):
            guard offset >= 0, length >= 0, offset + length <= bytes.count else { return nil }
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offset..<offset + length])) }
        case .descriptor(let descriptor):
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(length, 1))
            defer { buffer.deallocate() }
            var done = 0
            while done < length {
                let count = pread(descriptor, buffer.baseAddress.map { $0 + done }, length - done, off_t(offset + done))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return nil }
                done += count
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<length]))
        }
    }
}

/// JSON string literals as the lock holds them, read from UTF-8 bytes without Foundation.
enum JSONStringLiteral {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The index of the quote that closes the literal whose content starts at `start`, or
    /// `nil` when the literal is not one this reader is sure of.
    ///
    /// Sure means: every escape is one of JSON's (`\" \\ \/ \b \f \n \r \t \uXXXX`, a high
    /// surrogate always followed by a low one) and there is no raw control character. Whatever
    /// else is left to `JSONDecoder`, so that what it accepts and rejects stays the rule.
    static func end(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return nil }
        var index = start
        while index < bytes.count {
            // A text is mostly plain bytes: pass sixteen of them at a time (eight near the end)
            // while none needs a look, then go straight to the first that does.
            if index + 16 <= bytes.count {
                let found = bytesNeedingALook(base.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self))
                if found.x | found.y == 0 {
                    index += 16
                    continue
                }
                index += found.x != 0 ? found.x.trailingZeroBitCount / 8 : 8 + found.y.trailingZeroBitCount / 8
            } else if index + 8 <= bytes.count {
                let found = bytesNeedingALook(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if found == 0 {
                    index += 8
                    continue
                }
                index += found.trailingZeroBitCount / 8
            }
            let byte = bytes[index]
            if byte == quote { return index }
            if byte < 0x20 { return nil }
            guard byte == backslash else {
                index += 1
                continue
            }
            guard let length = escapeLength(in: bytes, at: index) else { return nil }
            index += length
        }
        return nil
    }

    /// The high bit of each of the eight bytes of `word` (in memory order) that is a quote, a
    /// backslash or a control character (below 0x20), with the word tests of "Bit Twiddling
    /// Hacks". A borrow can mark a byte above one that is marked rightly, never below it: the
    /// lowest mark is always a byte that needs a look.
    private static func bytesNeedingALook(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let bytes = UInt64(littleEndian: word)
        // A byte below `limit` (at most 0x80) has its high bit set in the result.
        func below(_ limit: UInt64, _ word: UInt64) -> UInt64 { (word &- ones &* limit) & ~word & highBits }
        let quotes = below(1, bytes ^ (ones &* UInt64(quote)))
        let backslashes = below(1, bytes ^ (ones &* UInt64(backslash)))
        return below(0x20, bytes) | quotes | backslashes
    }

    /// `bytesNeedingALook` of sixteen bytes, as two words: in byte lanes the tests are exact
    /// (no borrow crosses a lane), and wrapping arithmetic stays vector instructions (the
    /// compiler spells out vector comparisons lane by lane).
    @inline(__always)
    private static func bytesNeedingALook(_ bytes: SIMD16<UInt8>) -> SIMD2<UInt64> {
        // A lane is zero after `^ quote` when it was a quote, and `(x &- 1) & ~x` has its high
        // bit set only where `x` is zero; `(x &- 0x20) & ~x`, only where `x` is below 0x20.
        let quotes = bytes ^ quote, backslashes = bytes ^ backslash
        let found = ((quotes &- 1) & ~quotes) | ((backslashes &- 1) & ~backslashes) | ((bytes &- 0x20) & ~bytes)
        let words = unsafeBitCast(found & SIMD16(repeating: 0x80), to: SIMD2<UInt64>.self)
        return SIMD2(UInt64(littleEndian: words.x), UInt64(littleEndian: words.y))
    }

    /// The length of the valid escape at `index` (a backslash), or `nil`.
    private static func escapeLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index + 1 < bytes.count else { return nil }
        switch bytes[index + 1] {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return 2
        case UInt8(ascii: "u"):
            guard let unit = codeUnit(in: bytes, at: index + 2) else { return nil }
            if (0xDC00...0xDFFF).contains(unit) { return nil }
            guard (0xD800...0xDBFF).contains(unit) else { return 6 }
            guard index + 7 < bytes.count, bytes[index + 6] == backslash, bytes[index + 7] == UInt8(ascii: "u"),
                  let low = codeUnit(in: bytes, at: index + 8), (0xDC00...0xDFFF).contains(low)
            else { return nil }
            return 12
        default:
            return nil
        }
    }

    /// The four hex digits at `index` as a UTF-16 code unit.
    private static func codeUnit(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = HexDigit.value(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The text of a literal's content (without its quotes); `nil` for an escape `end`
    /// would refuse. Bytes that are not UTF-8 become U+FFFD, as `String(decoding:)` makes them.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.contains(backslash) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == backslash else {
                output.append(byte)
                index += 1
                continue
            }
            guard let length = escapeLength(in: bytes, at: index) else { return nil }
            switch bytes[index + 1] {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = codeUnit(in: bytes, at: index + 2) ?? 0
                if length == 12, let low = codeUnit(in: bytes, at: index + 8) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let value = Unicode.Scalar(scalar) else { return nil }
                UTF8.encode(value) { output.append($0) }
            default: output.append(bytes[index + 1])
            }
            index += length
        }
        return String(decoding: output, as: UTF8.self)
    }
}
