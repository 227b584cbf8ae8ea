extension Rule {
    public static let glossary = Rule(
        id: "glossary", defaultSeverity: .error,
        summary: "the source uses a glossary term and the target lacks the translation the glossary gives for it")
}

/// `glossary`: where the source text uses a term of the configured glossary (`才云科技`), the
/// target text must use the glossary's translation (`Caicloud`), as whole words and with its
/// case; a possessive or plural after it is fine (`Caicloud's`). Longer terms win over the
/// shorter ones inside them (see `GlossaryMatcher`).
public struct GlossaryCheck: ExampleDescribedCheck {
    public var rule: Rule { .glossary }
    public var readsOnlyThePair: Bool { true }
    public var rules: [Rule] { [.glossary] }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides, !context.configuration.glossary.isEmpty else { return [] }
        let matcher = context.glossary
        return AlignedText.pairs(source, target).compactMap { text in
            var seen: Set<GlossaryTerm> = []
            let missing = matcher.sourceTerms(in: text.source).map(\.term).filter { term in
                seen.insert(term).inserted && !GlossaryMatcher.contains(term.target, in: text.target)
            }
            guard !missing.isEmpty else { return nil }
            let terms = missing.map { "\($0.source) → '\($0.target)'" }.joined(separator: ", ")
            return context.finding(
                .glossary, pair,
                "\(text.place) of \(context.target.displayRoot) lacks the glossary's translation: \(terms)",
                sourceValue: missing.map(\.source).joined(separator: ", "), targetValue: text.target)
        }
    }

    static let sampleGlossary = [
        GlossaryTerm(source: "才云科技", target: "Caicloud"),
        GlossaryTerm(source: "上海交通大学", target: "Shanghai Jiao Tong University"),
        GlossaryTerm(source: "上海交通大学东岳网络工作室", target: "Dongyue Web Studio, Shanghai Jiao Tong University"),
    ]

    public static let examples: [CheckExample] = [
        .found("才云科技", "Caiyun Technology").withGlossary(sampleGlossary),
        .found("目前是才云科技机器学习平台组 Tech Lead", "Tech Lead of the ML platform team at CaiCloud").withGlossary(sampleGlossary),
        .found("上海交通大学", "SJTU").withGlossary(sampleGlossary),
        .found("上海交通大学东岳网络工作室", "Dongyue Web Studio").withGlossary(sampleGlossary),
        .passes("目前是才云科技机器学习平台组 Tech Lead", "Tech Lead of the ML platform team at Caicloud").withGlossary(sampleGlossary),
        .passes("开源才云科技模型仓库系统", "open-sourced Caicloud's model registry").withGlossary(sampleGlossary),
        .passes("上海交通大学东岳网络工作室", "Dongyue Web Studio, Shanghai Jiao Tong University").withGlossary(sampleGlossary),
        .passes("才云科技", "Caicloud"),
    ]
}

extension CheckExample {
    func withGlossary(_ terms: [GlossaryTerm]) -> CheckExample {
        var example = self
        example.glossary = terms
        return example
    }
}
