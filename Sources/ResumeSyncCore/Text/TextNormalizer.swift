/// The text forms that comparisons and fingerprints rest on.
public enum TextNormalizer {
    /// Runs of white space become one space; leading and trailing space goes.
    public static func collapsingWhitespace(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }

    /// The form a fingerprint is taken of: edits that do not change meaning leave it unchanged.
    ///
    /// White space is folded, full-width punctuation and letters become their half-width forms,
    /// and a space survives only between two letters or digits, so `支持GPU共享`, `支持 GPU 共享`
    /// and `支持 GPU  共享` are one text.
    public static func fingerprintForm(_ text: some StringProtocol) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in collapsingWhitespace(halfWidth(text)).unicodeScalars {
            scalars.append(scalar)
        }
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == " " {
                let before = index > 0 ? scalars[index - 1] : nil
                let after = index + 1 < scalars.count ? scalars[index + 1] : nil
                guard let before, let after, isWordScalar(before), isWordScalar(after) else { continue }
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// Full-width ASCII and CJK punctuation mapped to their ASCII counterparts.
    public static func halfWidth(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(halfWidth(scalar))
        }
        return String(result)
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

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if Han.isHan(scalar) { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

/// A stable 64-bit FNV-1a digest, written as 16 hex digits: the same on every machine and run,
/// unlike Swift's seeded `Hasher`.
public struct Fingerprint: Hashable, Sendable, Codable, CustomStringConvertible {
    public var hex: String

    public init(hex: String) {
        self.hex = hex
    }

    public init(of parts: [String]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            hash ^= 0x1F
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        hex = String(repeating: "0", count: 16 - digits.count) + digits
    }

    public var description: String { hex }

    public init(from decoder: Decoder) throws {
        hex = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
