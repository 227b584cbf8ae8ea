extension Rule {
    public static let mismatchNumber = Rule(
        id: "mismatch-number", defaultSeverity: .error,
        summary: "the figures in the text differ between the two sides (20 万 = 200k = 200,000)")
}

/// `mismatch-number`: the figures a text states must be the same in both languages, compared
/// as multisets of values after normalisation (see `NumberScanner`). Digits that belong to a
/// date, a link, a phone number or an identifier are those rules' business, not this one's.
public struct NumberCheck: ExampleDescribedCheck {
    public var rule: Rule { .mismatchNumber }
    public var readsOnlyThePair: Bool { true }
    public var rules: [Rule] { [.mismatchNumber] }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides else { return [] }
        return context.facts(of: pair, source: source, target: target).texts.compactMap { text in
            let (left, right) = text.comparison.unmatched(.number)
            guard !left.isEmpty || !right.isEmpty else { return nil }
            return FactMessage.finding(
                .mismatchNumber, noun: ("number", "numbers"), pair, text.aligned, source: left, target: right, in: context)
        }
    }

    public static let examples: [CheckExample] = [
        .found("获得 114 stars", "it earned 115 stars"),
        .found("下降 12%", "fell by 12"),
        .found("调度延迟在 100 节点规模下", "at a scale of 1000 nodes"),
        .found("共被下载使用 686 次", "has been downloaded many times"),
        .found("第十届中国 R 语言会议", "11th China R Conference"),
        .passes("调度延迟在 100 节点规模下", "at a scale of 100 nodes"),
        .passes("20 万阅读", "200k reads"),
        .passes("20万阅读", "200,000 reads"),
        .passes("1.4k followers", "1,400 followers"),
        .passes("1.5 亿", "150 million"),
        .passes("接收率为 6%（1318/20651）", "the acceptance rate was 6 % (1318/20651)"),
        .passes("记录了 100 余篇学术论文", "notes on over 100 papers"),
        .passes("二等奖", "Second Prize"),
        .passes("第十届中国 R 语言会议", "10th China R Conference"),
        .passes("第二次会议", "Second Meeting"),
        .passes("2017 年 10 月", "October 2017"),
        .passes("2019 年加入", "joined in 2019"),
        .passes("研究成果发表在 ICA3PP'18 会议", "published at ICA3PP'18"),
        .passes("电话 (+86) 1592-1592-066", "phone +86 159 2159 2066"),
        .passes("Apache 2.0 许可证", "the Apache 2.0 license"),
    ]
}
