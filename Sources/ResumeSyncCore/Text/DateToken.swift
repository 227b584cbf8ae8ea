/// A calendar date at the precision it was written with: a year, a month or a day.
public struct DateValue: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2019`, `2019-04`, `2019-04-12`: the form neutral attributes use.
    public var description: String {
        var text = String(year)
        if let month { text += "-" + (month < 10 ? "0" : "") + String(month) }
        if let day { text += "-" + (day < 10 ? "0" : "") + String(day) }
        return text
    }
}

/// One date, or a period from a date to a date or to the present.
public struct DateToken: Hashable, Sendable {
    public enum End: Hashable, Sendable {
        case date(DateValue)
        /// `至今`, `现在`, `Present`, `Now`.
        case present
    }

    public var start: DateValue
    /// `nil` for a single date.
    public var end: End?

    public init(start: DateValue, end: End? = nil) {
        self.start = start
        self.end = end
    }

    /// A year written alone with a date marker (`2019 年`): it may match the plain number
    /// `2019` of the other language ("in 2019").
    public var isYearOnly: Bool { end == nil && start.month == nil }

    public var key: String {
        switch end {
        case nil: return start.description
        case .present: return "\(start)..present"
        case .date(let date): return "\(start)..\(date)"
        }
    }
}

/// Dates and periods in Chinese and English forms.
///
/// Chinese: `2019年4月`, `2019 年 4 月 12 日`, `2019.04`, `2019-04`, `2019/4`, `2019.04.12`;
/// English: `Apr 2019`, `April 2019`, `Sept. 2019`, `June 12, 2020`, `12 June 2020`, `04/2019`,
/// `2019-04-12`. A period joins two of them, or one and the present, with `至`, `到`, `-`, `–`,
/// `—`, `~`, `to`, `until` or `through`; `至今`, `现在`, `Present` and `Now` end a period (only
/// there: "现在" in a sentence is a word, not a date), and a period may leave out the repeated
/// year (`2019 年 4 月至 6 月`). A year alone is a date only with `年` or as an end of a period
/// (`2018–2019`); otherwise `2018` is a number. Years run from 1900 to 2099.
enum DateScanner {
    static let monthNames: [String: Int] = [
        "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
        "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
        "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
        "Oct": 10, "Nov": 11, "Dec": 12,
    ]
    static let presentWords = ["至今", "今", "现在", "目前", "Present", "present", "Now", "now", "Today", "today"]
    static let connectorWords = ["to", "until", "till", "through"]

    static func match(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        if let previous = scan[index - 1], previous.isASCIIAlphanumeric || Punctuation.beforeDate.contains(previous) {
            return nil
        }
        guard let start = single(scan, index) else { return nil }
        if let end = periodEnd(scan, from: start.end, start: start.value) {
            return (end.end, .date(DateToken(start: start.value, end: end.value)))
        }
        guard !start.bareYear else { return nil }
        return (start.end, .date(DateToken(start: start.value)))
    }

    /// One date at `index`; `bareYear` when it is four digits and nothing else.
    static func single(_ scan: TokenScan, _ index: Int) -> (value: DateValue, end: Int, bareYear: Bool)? {
        guard let first = scan[index] else { return nil }
        if first.isASCIIDigit, let year = scan.digits(at: index, maximum: 5), year.count == 4 {
            guard (1900...2099).contains(year.value) else { return nil }
            return yearLed(scan, year: year.value, after: year.end)
        }
        if first.isASCIIDigit {
            return dayLed(scan, index)
        }
        if first.isASCIIUppercase {
            return monthLed(scan, index)
        }
        return nil
    }

    /// `2019年4月12日`, `2019.04.12`, `2019-04`, `2019/4`, or the year alone.
    private static func yearLed(_ scan: TokenScan, year: Int, after yearEnd: Int) -> (value: DateValue, end: Int, bareYear: Bool)? {
        let marker = scan.skippingSpaces(from: yearEnd)
        if scan[marker] == "年" {
            var value = DateValue(year: year)
            var end = marker + 1
            if let month = number(scan, scan.skippingSpaces(from: end), in: 1...12, maxDigits: 2),
               scan[scan.skippingSpaces(from: month.end)] == "月" {
                value.month = month.value
                end = scan.skippingSpaces(from: month.end) + 1
                if let day = number(scan, scan.skippingSpaces(from: end), in: 1...31, maxDigits: 2),
                   let unit = scan[scan.skippingSpaces(from: day.end)], unit == "日" || unit == "号" {
                    value.day = day.value
                    end = scan.skippingSpaces(from: day.end) + 1
                }
            }
            return (value, end, false)
        }
        if let separator = scan[yearEnd], Punctuation.dateSeparators.contains(separator),
           let month = number(scan, yearEnd + 1, in: 1...12, maxDigits: 2) {
            var value = DateValue(year: year, month: month.value)
            var end = month.end
            if scan[end] == separator, let day = number(scan, end + 1, in: 1...31, maxDigits: 2) {
                value.day = day.value
                end = day.end
            }
            if !endsCleanly(scan, end) { return (DateValue(year: year), yearEnd, true) }
            return (value, end, false)
        }
        guard endsCleanly(scan, yearEnd) else { return nil }
        return (DateValue(year: year), yearEnd, true)
    }

    /// `12 June 2020`, `04/2019`.
    private static func dayLed(_ scan: TokenScan, _ index: Int) -> (value: DateValue, end: Int, bareYear: Bool)? {
        guard let day = scan.digits(at: index, maximum: 3), day.count <= 2 else { return nil }
        if scan[day.end] == "/", let year = fourDigitYear(scan, day.end + 1), (1...12).contains(day.value) {
            return (DateValue(year: year.value, month: day.value), year.end, false)
        }
        guard (1...31).contains(day.value), scan[day.end] == " ",
              let month = monthName(scan, day.end + 1) else { return nil }
        var position = month.end
        if scan[position] == "," { position += 1 }
        guard let year = fourDigitYear(scan, scan.skippingSpaces(from: position)), year.start > month.end else { return nil }
        return (DateValue(year: year.value, month: month.value, day: day.value), year.end, false)
    }

    /// `Apr 2019`, `April 2019`, `Sept. 2019`, `June 12, 2020`, `June 12th, 2020`.
    private static func monthLed(_ scan: TokenScan, _ index: Int) -> (value: DateValue, end: Int, bareYear: Bool)? {
        guard let month = monthName(scan, index) else { return nil }
        let position = scan.skippingSpaces(from: month.end)
        guard position > month.end || scan[month.end - 1] == "." else { return nil }
        if let year = fourDigitYear(scan, position) {
            return (DateValue(year: year.value, month: month.value), year.end, false)
        }
        guard let day = number(scan, position, in: 1...31, maxDigits: 2, allowOrdinal: true) else { return nil }
        var after = day.end
        if scan[after] == "," { after += 1 }
        guard let year = fourDigitYear(scan, scan.skippingSpaces(from: after)), year.start > day.end else { return nil }
        return (DateValue(year: year.value, month: month.value, day: day.value), year.end, false)
    }

    /// After a date: a connector and the period's end, if there is one.
    private static func periodEnd(_ scan: TokenScan, from index: Int, start: DateValue) -> (value: DateToken.End, end: Int)? {
        var position = scan.skippingSpaces(from: index)
        if let connector = scan[position], Punctuation.periodConnectors.contains(connector) {
            position += 1
        } else if let word = connectorWords.first(where: { scan.hasWord($0, at: position) }),
                  scan[position + word.unicodeScalars.count] == " " {
            position += word.unicodeScalars.count
        } else {
            return nil
        }
        position = scan.skippingSpaces(from: position)
        for word in presentWords where scan.hasWord(word, at: position) {
            let end = position + word.unicodeScalars.count
            if endsCleanly(scan, end) { return (.present, end) }
        }
        if let date = single(scan, position) {
            return (.date(date.value), date.end)
        }
        // `2019 年 4 月至 6 月`: the year is not repeated.
        if let month = number(scan, position, in: 1...12, maxDigits: 2),
           scan[scan.skippingSpaces(from: month.end)] == "月" {
            var value = DateValue(year: start.year, month: month.value)
            var end = scan.skippingSpaces(from: month.end) + 1
            if let day = number(scan, scan.skippingSpaces(from: end), in: 1...31, maxDigits: 2),
               let unit = scan[scan.skippingSpaces(from: day.end)], unit == "日" || unit == "号" {
                value.day = day.value
                end = scan.skippingSpaces(from: day.end) + 1
            }
            return (.date(value), end)
        }
        return nil
    }

    // MARK: - Pieces

    private static func monthName(_ scan: TokenScan, _ index: Int) -> (value: Int, end: Int)? {
        var position = index
        while let scalar = scan[position], scalar.isASCIILetter { position += 1 }
        guard (3...9).contains(position - index), let month = monthNames[scan.string(index..<position)] else { return nil }
        if scan[position] == "." { position += 1 }
        return (month, position)
    }

    private static func fourDigitYear(_ scan: TokenScan, _ index: Int) -> (value: Int, start: Int, end: Int)? {
        guard let year = scan.digits(at: index, maximum: 5), year.count == 4,
              (1900...2099).contains(year.value), endsCleanly(scan, year.end) else { return nil }
        return (year.value, index, year.end)
    }

    /// A number of at most `maxDigits` digits in `range`, not followed by another digit.
    private static func number(
        _ scan: TokenScan, _ index: Int, in range: ClosedRange<Int>, maxDigits: Int, allowOrdinal: Bool = false
    ) -> (value: Int, end: Int)? {
        guard let digits = scan.digits(at: index, maximum: maxDigits + 1), digits.count <= maxDigits,
              range.contains(digits.value) else { return nil }
        var end = digits.end
        if allowOrdinal, let suffix = ["st", "nd", "rd", "th"].first(where: { scan.hasWord($0, at: end) }) {
            end += suffix.count
        }
        return (digits.value, end)
    }

    /// Nothing glued to the end: no further ASCII letter or digit.
    private static func endsCleanly(_ scan: TokenScan, _ index: Int) -> Bool {
        guard let next = scan[index] else { return true }
        return !next.isASCIIAlphanumeric
    }
}
