/// Recognising Han (Chinese) characters in text.
public enum Han {
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF, 0x30000...0x3134F:
            return true
        default:
            return false
        }
    }

    public static func contains(_ text: some StringProtocol) -> Bool {
        // Han starts at U+3400, whose UTF-8 lead byte is 0xE3: a text without such a byte
        // (any English text) is answered without decoding it.
        let mayHoldHan = text.utf8.withContiguousStorageIfAvailable { bytes in
            // The largest byte, in a plain loop the compiler vectorizes (a test per byte does
            // not vectorize); iterating the view costs several times more, and this runs for
            // every target text.
            var largest: UInt8 = 0
            for byte in bytes { largest = max(largest, byte) }
            return largest >= 0xE3
        } ?? text.utf8.contains(where: { $0 >= 0xE3 })
        guard mayHoldHan else { return false }
        return text.unicodeScalars.contains(where: isHan)
    }
}
