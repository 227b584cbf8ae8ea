import Foundation

/// A figure, normalised so that the forms of both languages compare equal: `20 万` = `200k` =
/// `200,000`, `1.4k` = `1,400`, `6 %` = `6%`, `1318/20651` as a fraction, `10th` = `第十届` = 10.
public struct NumberToken: Hashable, Sendable {
    /// The value with any multiplier applied (`200000` for `20 万`); for a fraction, `nil`.
    public let magnitude: Decimal?
    public let isPercent: Bool
    /// `1318/20651`: compared as written, numerator and denominator.
    public let fraction: (numerator: Int, denominator: Int)?
    /// `10th`, `第十届`: an ordinal, which an English ordinal word (`Second`) may stand for.
    public let isOrdinal: Bool
    /// The normalised value that comparisons use: `200000`, `6%`, `1318/20651`. Worked out once:
    /// printing a decimal is most of what a number costs, and equality and hashing read it.
    public let key: String

    public init(magnitude: Decimal?, isPercent: Bool = false, fraction: (Int, Int)? = nil, isOrdinal: Bool = false) {
        self.init(magnitude: magnitude, isPercent: isPercent, fraction: fraction, isOrdinal: isOrdinal, printed: nil)
    }

    /// With `printed`, the magnitude as `Decimal` prints it, when the caller knows it already
    /// (a whole number read from its digits prints as those digits without leading zeros).
    init(magnitude: Decimal?, isPercent: Bool = false, fraction: (Int, Int)? = nil, isOrdinal: Bool = false, printed: String?) {
        self.magnitude = magnitude
        self.isPercent = isPercent
        self.fraction = fraction.map { (numerator: $0.0, denominator: $0.1) }
        self.isOrdinal = isOrdinal
        if let fraction {
            key = "\(fraction.0)/\(fraction.1)"
        } else {
            key = (printed ?? magnitude.map { "\($0)" } ?? "?") + (isPercent ? "%" : "")
        }
    }

    /// The value as a whole number, when it is one (`2019`, not `2.5` or `6%`).
    public var wholeValue: Int? {
        guard fraction == nil, !isPercent, let magnitude, magnitude == magnitude.rounded(0) else { return nil }
        return NSDecimalNumber(decimal: magnitude).intValue
    }

    public static func == (lhs: NumberToken, rhs: NumberToken) -> Bool { lhs.key == rhs.key && lhs.isOrdinal == rhs.isOrdinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

extension Decimal {
    func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}

/// Numbers in text: Arabic digits with optional thousands separators (an ASCII comma before
/// each group of three), a decimal part, `%` (or `percent`), a multiplier (`k`/`K` a thousand,
/// `M` a million, `万` ten thousand, `亿` a hundred million, `thousand`, `million`, `billion`),
/// an English ordinal suffix (`10th`), and fractions (`1318/20651`); and `第` with Chinese
/// numerals (`第十届`, `第二次`), read as an ordinal. Chinese number words elsewhere are words:
/// `二等奖` is not a number. Words of approximation (`余`, `over`) are not part of the value:
/// `100 余篇` and `over 100` agree.
enum NumberScanner {
    static let latinMultipliers: [String: Decimal] = ["k": 1_000, "K": 1_000, "M": 1_000_000]
    static let wordMultipliers: [String: Decimal] = ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000]
    /// `万` and `亿`, asked after every figure: compared rather than hashed.
    static func hanMultiplier(_ scalar: Unicode.Scalar) -> Decimal? {
        switch scalar {
        case "万": return 10_000
        case "亿": return 100_000_000
        default: return nil
        }
    }
    static let ordinalSuffixes = ["st", "nd", "rd", "th"]

    static func match(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        if scan[index] == "第" { return chineseOrdinal(scan, index) }
        guard let first = scan[index], first.isASCIIDigit else { return nil }
        if let previous = scan[index - 1], previous.isASCIIDigit || previous.isLatinLetter { return nil }
        if scan[index - 1] == ".", scan[index - 2]?.isASCIIDigit == true { return nil }
        guard let integer = integerPart(scan, index) else { return nil }
        var text = integer.text
        var end = integer.end
        if scan[end] == ".", let decimals = scan.digits(at: end + 1) {
            text += "." + scan.string(end + 1..<decimals.end)
            end = decimals.end
        }
        // A fraction of two whole numbers.
        if !text.unicodeScalars.contains("."), scan[end] == "/", let denominator = scan.digits(at: end + 1),
           !(scan[denominator.end]?.isASCIIAlphanumeric ?? false),
           let numerator = Int(text) {
            return (denominator.end, .number(NumberToken(magnitude: nil, fraction: (numerator, denominator.value))))
        }
        // Most figures are whole numbers of a few digits: read without a decimal parser, and
        // printed as an integer unless a multiplier changes them.
        let whole = text.utf8.count <= 18 ? Int(text) : nil
        guard var magnitude = whole.map({ Decimal($0) }) ?? Decimal(string: text, locale: posix) else { return nil }
        // A whole number's digits print it unless it has a leading zero (`007` is 7).
        var printed = whole.map { text.utf8.count == 1 || text.utf8.first != UInt8(ascii: "0") ? text : String($0) }
        var isPercent = false
        var isOrdinal = false
        let afterSpace = scan.skippingSpaces(from: end)
        if let suffix = word(scan, end), let multiplier = latinMultipliers[suffix] {
            magnitude *= multiplier
            printed = nil
            end += suffix.unicodeScalars.count
        } else if let suffix = word(scan, end), ordinalSuffixes.contains(suffix), !text.unicodeScalars.contains(".") {
            isOrdinal = true
            end += suffix.unicodeScalars.count
        } else if let suffix = word(scan, end), suffix == "x" {
            end += 1
        } else if let unit = scan[afterSpace], let multiplier = hanMultiplier(unit) {
            magnitude *= multiplier
            printed = nil
            end = afterSpace + 1
        } else if afterSpace > end, let suffix = word(scan, afterSpace), let multiplier = wordMultipliers[suffix] {
            magnitude *= multiplier
            printed = nil
            end = afterSpace + suffix.unicodeScalars.count
        }
        let percentAt = scan.skippingSpaces(from: end)
        if scan[percentAt] == "%" || scan[percentAt] == "٪" {
            isPercent = true
            end = percentAt + 1
        } else if percentAt > end, word(scan, percentAt) == "percent" {
            isPercent = true
            end = percentAt + 7
        }
        return (end, .number(NumberToken(magnitude: magnitude, isPercent: isPercent, isOrdinal: isOrdinal, printed: printed)))
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Digits, with ASCII commas before groups of exactly three (`200,000`; not `2017,2018`).
    private static func integerPart(_ scan: TokenScan, _ index: Int) -> (text: String, end: Int)? {
        guard let head = scan.digits(at: index) else { return nil }
        var text = scan.string(index..<head.end)
        var end = head.end
        guard head.count <= 3 else { return (text, end) }
        while scan.originalScalar(end) == ",", let group = scan.digits(at: end + 1), group.count == 3 {
            text += scan.string(end + 1..<group.end)
            end = group.end
        }
        return (text, end)
    }

    /// The run of ASCII letters at `index`, when it is a whole word.
    private static func word(_ scan: TokenScan, _ index: Int) -> String? {
        var position = index
        while let scalar = scan[position], scalar.isASCIILetter { position += 1 }
        guard position > index else { return nil }
        return scan.string(index..<position)
    }

    /// `第十届`, `第二次`, `第 3 名` (the Arabic form is read as a plain number).
    private static func chineseOrdinal(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        var position = index + 1
        while let scalar = scan[position], ChineseNumerals.digit(scalar) != nil || ChineseNumerals.unit(scalar) != nil {
            position += 1
        }
        guard position > index + 1, let value = ChineseNumerals.value(scan.string(index + 1..<position)) else { return nil }
        return (position, .number(NumberToken(magnitude: Decimal(value), isOrdinal: true, printed: String(value))))
    }
}

/// Chinese numerals up to the thousands (`十` 10, `二十一` 21, `一百零五` 105, `两千` 2000).
enum ChineseNumerals {
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇": return 0
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    static func unit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十": return 10
        case "百": return 100
        case "千": return 1000
        default: return nil
        }
    }

    /// The value of well-formed numerals: a unit follows a digit, except a leading `十`
    /// (`十一`); `千` alone is not a number.
    static func value(_ text: String) -> Int? {
        var total = 0
        var pending: Int?
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if let digit = digit(scalar) {
                guard pending == nil else { return nil }
                // `零` marks a skipped place (`一百零五`), it is not a digit of its own.
                if digit != 0 || index == text.unicodeScalars.count - 1 { pending = digit }
            } else if let unit = unit(scalar) {
                guard pending != nil || (unit == 10 && index == 0) else { return nil }
                total += (pending ?? 1) * unit
                pending = nil
            } else {
                return nil
            }
        }
        total += pending ?? 0
        return total
    }
}
