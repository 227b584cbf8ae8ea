extension Rule {
    public static let mismatchDate = Rule(
        id: "mismatch-date", defaultSeverity: .error,
        summary: "the dates or periods in the text differ between the two sides (2017.10 = Oct 2017)")
}

/// `mismatch-date`: dates and periods written in the text must be the same in both languages,
/// compared as values at the precision written (see `DateScanner`): `2019 年 4 月至 2020 年
/// 1 月` = `Apr 2019 – Jan 2020`, `至今` = `Present`.
public struct DateCheck: ExampleDescribedCheck {
    public var rule: Rule { .mismatchDate }
    public var readsOnlyThePair: Bool { true }
    public var rules: [Rule] { [.mismatchDate] }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides else { return [] }
        return context.facts(of: pair, source: source, target: target).texts.compactMap { text in
            let (left, right) = text.comparison.unmatched(.date)
            guard !left.isEmpty || !right.isEmpty else { return nil }
            return FactMessage.finding(
                .mismatchDate, noun: ("date", "dates"), pair, text.aligned, source: left, target: right, in: context)
        }
    }

    public static let examples: [CheckExample] = [
        .found("2019年4月加入", "joined in May 2019"),
        .found("2019 年 4 月至 2020 年 1 月", "Apr 2019 – Feb 2020"),
        .found("2020年2月至今", "Feb 2020 – Jan 2021"),
        .found("2018.11", "Nov 2019"),
        .found("发表于 2020年6月12日", "published on June 13, 2020"),
        .found("2018–2019 学年", "the 2018 school year"),
        .passes("2017.10", "Oct 2017"),
        .passes("2019年4月", "April 2019"),
        .passes("2019 年 4 月", "04/2019"),
        .passes("2019-04", "2019-04"),
        .passes("2019/4", "Apr. 2019"),
        .passes("2019 年 4 月至 2020 年 1 月", "Apr 2019 – Jan 2020"),
        .passes("2019.04 - 2020.01", "April 2019 to January 2020"),
        .passes("2020年2月至今", "Feb 2020 – Present"),
        .passes("2020.02 ~ 现在", "Feb 2020 - Now"),
        .passes("2019 年 4 月至 6 月", "Apr 2019 – Jun 2019"),
        .passes("2020年6月12日", "June 12, 2020"),
        .passes("2020 年 6 月 12 日", "12 June 2020"),
        .passes("2018 至 2019 年", "2018–2019"),
        .passes("2019 年加入", "joined in 2019"),
        .passes("现在是才云科技的工程师", "now an engineer at Caicloud"),
        .passes("Google Summer of Code 2018、2020 导师", "mentor for Google Summer of Code 2018 and 2020"),
    ]
}
