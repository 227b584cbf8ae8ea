extension Rule {
    public static let mismatchURL = Rule(
        id: "mismatch-url", defaultSeverity: .error,
        summary: "the URLs in the text differ between the two sides")
    public static let mismatchEmail = Rule(
        id: "mismatch-email", defaultSeverity: .error,
        summary: "the e-mail addresses in the text differ between the two sides")
    public static let mismatchPhone = Rule(
        id: "mismatch-phone", defaultSeverity: .error,
        summary: "the phone numbers in the text differ between the two sides ((+86) 1592-1592-066 = +86 159 2159 2066)")
}

/// `mismatch-url`, `mismatch-email`, `mismatch-phone`: the links and contact details written in
/// the text must be the same in both languages (see `LinkScanner` and `PhoneScanner` for how
/// they are normalised). Links in attributes (`href`) are neutral attributes, compared as such.
public struct LinkCheck: ExampleDescribedCheck {
    public var rule: Rule { .mismatchURL }
    public var readsOnlyThePair: Bool { true }
    public var rules: [Rule] { [.mismatchURL, .mismatchEmail, .mismatchPhone] }

    public init() {}

    static let kinds: [(NeutralToken.Kind, Rule, (one: String, many: String))] = [
        (.url, .mismatchURL, ("URL", "URLs")),
        (.email, .mismatchEmail, ("e-mail address", "e-mail addresses")),
        (.phone, .mismatchPhone, ("phone number", "phone numbers")),
    ]

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides else { return [] }
        var findings: [Finding] = []
        // Most texts have no fact without its counterpart: their kinds need no look.
        for text in context.facts(of: pair, source: source, target: target).texts
        where !text.comparison.sourceOnly.isEmpty || !text.comparison.targetOnly.isEmpty {
            for (kind, rule, noun) in Self.kinds {
                let (left, right) = text.comparison.unmatched(kind)
                guard !left.isEmpty || !right.isEmpty else { continue }
                findings.append(FactMessage.finding(rule, noun: noun, pair, text.aligned, source: left, target: right, in: context))
            }
        }
        return findings
    }

    public static let examples: [CheckExample] = [
        .found("主页 https://gaocegege.com", "homepage https://gaocegege.org"),
        .found("gaocegege.com（200k 阅读）", "gaocegege.cn (200k reads)"),
        .found("代码在 https://github.com/caicloud/ormb", "code at https://github.com/caicloud/ciao"),
        .found("邮箱 ce.gao@outlook.com", "e-mail ce.gao@gmail.com"),
        .found("电话 (+86) 1592-1592-066", "phone (+86) 1592-1592-067"),
        .found("电话 +86 159 2159 2066", "phone +1 159 2159 2066"),
        .passes("主页 https://gaocegege.com/", "homepage gaocegege.com"),
        .passes("gaocegege.com（200k 阅读，80k 访客）", "gaocegege.com (200k reads, 80k visitors)"),
        .passes("见 https://github.com/kubeflow/katib。", "see https://github.com/kubeflow/katib."),
        .passes("邮箱 CE.Gao@Outlook.com", "e-mail mailto:ce.gao@outlook.com"),
        .passes("电话 (+86) 1592-1592-066", "phone +86 159 2159 2066"),
        .passes("电话 15921592066", "phone +86 159 2159 2066"),
        .passes("设计了 Processing.R", "designed Processing.R"),
    ]
}
