/// A phone number, reduced to its digits: `(+86) 1592-1592-066` and `+86 159 2159 2066` are both
/// country code 86, number 15921592066.
public struct PhoneNumber: Hashable, Sendable {
    /// The country code when the number is written with `+` and the code stands apart
    /// (`+86 …`, `(+86) …`); `nil` when it is not written or cannot be told from the rest.
    public var countryCode: String?
    /// Every digit after the `+` (country code included) when there is one, else all digits.
    public var digits: String
    public var hasPlus: Bool

    public init(countryCode: String?, digits: String, hasPlus: Bool) {
        self.countryCode = countryCode
        self.digits = digits
        self.hasPlus = hasPlus
    }

    /// The number without its country code and trunk `0`, as dialled at home.
    public var national: String {
        var rest = Substring(digits)
        if let countryCode, rest.hasPrefix(countryCode) { rest = rest.dropFirst(countryCode.count) }
        while rest.hasPrefix("0") { rest = rest.dropFirst() }
        return String(rest)
    }

    public var key: String {
        if let countryCode { return "+\(countryCode) \(national)" }
        return hasPlus ? "+\(digits)" : national
    }

    /// The same number: equal digits, or one side leaves out the country code the other writes.
    public func isSameNumber(as other: PhoneNumber) -> Bool {
        if hasPlus && other.hasPlus { return digits == other.digits }
        if !hasPlus && !other.hasPlus { return national == other.national }
        let (international, local) = hasPlus ? (self, other) : (other, self)
        let code = international.digits.dropLast(local.national.count)
        return !local.national.isEmpty && international.digits.hasSuffix(local.national)
            && (1...4).contains(code.count)
    }
}

/// Phone numbers in text: `+CC …` or `(+CC) …` with digit groups, a national number of ten or
/// more digits in groups (`1592-1592-066`), or a Chinese mobile number written without
/// separators (11 digits starting 13–19). Dates such as `2019-04-12` are never phone numbers.
enum PhoneScanner {
    static func match(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        if let previous = scan[index - 1], previous.isASCIIAlphanumeric || Punctuation.beforePhone.contains(previous) {
            return nil
        }
        var position = index
        if scan.hasWord("tel:", at: position) { position += 4 }
        // Every form below needs eight digits or more, all in the run of digits and the marks
        // between them that starts here: most figures (`820%`, `2019 年`) end sooner.
        guard digitsAhead(scan, from: position) >= 8 else { return nil }
        var countryCode: String?
        var hasPlus = false
        var digits = ""
        // `(+86)` or `+86`
        let parenthesised = scan[position] == "(" && scan[position + 1] == "+"
        if parenthesised || scan[position] == "+" {
            hasPlus = true
            position += parenthesised ? 2 : 1
            guard let code = scan.digits(at: position, maximum: 15) else { return nil }
            digits = scan.string(position..<code.end)
            position = code.end
            if parenthesised {
                guard scan[position] == ")", code.count <= 4 else { return nil }
                position += 1
                countryCode = digits
            } else if code.count <= 3, let next = scan[position], next == " " || next == "-" || next == "(" {
                countryCode = digits
            }
        } else {
            guard let first = scan[position], first.isASCIIDigit || first == "(" else { return nil }
        }
        var groupSizes: [Int] = []
        var usedHyphen = false
        var usedParentheses = false
        var end = position
        // Digit groups separated by one space or hyphen, or an area code in parentheses.
        while true {
            var next = end
            if let separator = scan[next], separator == " " || separator == "-" { next += 1 }
            if scan[next] == "(", let area = scan.digits(at: next + 1, maximum: 5), scan[area.end] == ")" {
                digits += scan.string(next + 1..<area.end)
                groupSizes.append(area.count)
                usedParentheses = true
                end = area.end + 1
                continue
            }
            guard let group = scan.digits(at: next, maximum: 15) else { break }
            // A space after a complete number starts the next phrase (`066 100 nodes`).
            if scan[end] == " ", digits.count - (countryCode?.count ?? 0) >= 10 { break }
            if scan[end] == "-" { usedHyphen = true }
            digits += scan.string(next..<group.end)
            groupSizes.append(group.count)
            end = group.end
        }
        guard end > index, !(scan[end]?.isASCIIAlphanumeric ?? false) else { return nil }
        if scan[end] == "." || scan[end] == "/", scan[end + 1]?.isASCIIDigit == true { return nil }
        let total = digits.count
        if hasPlus {
            guard (8...15).contains(total) else { return nil }
        } else {
            let mobilePrefix = digits.hasPrefix("1") && (digits.dropFirst().first.map { ("3"..."9").contains($0) } ?? false)
            let mobile = total == 11 && mobilePrefix
                && (groupSizes.count == 1 || groupSizes == [3, 4, 4] || usedHyphen)
            let grouped = (10...15).contains(total) && groupSizes.count >= 2 && (usedHyphen || usedParentheses)
            guard mobile || grouped, DateScanner.match(scan, index) == nil else { return nil }
        }
        return (end, .phone(PhoneNumber(countryCode: countryCode, digits: digits, hasPlus: hasPlus)))
    }

    /// The digits, counted up to eight, of the run from `index` of digits, spaces, hyphens,
    /// parentheses and plus signs: as many as a number read from there can hold, or more.
    private static func digitsAhead(_ scan: TokenScan, from index: Int) -> Int {
        var count = 0
        var position = index
        while count < 8, let scalar = scan[position] {
            if scalar.isASCIIDigit {
                count += 1
            } else if !(scalar == " " || scalar == "-" || scalar == "(" || scalar == ")" || scalar == "+") {
                break
            }
            position += 1
        }
        return count
    }
}
