extension Rule {
    public static let mismatchIdentifier = Rule(
        id: "mismatch-identifier", defaultSeverity: .error,
        summary: "a name or code-like token of one side (Kubeflow, kubeflow/tf-operator, ICA3PP'18) is not in the other")
}

/// `mismatch-identifier`: the Latin names and code a Chinese text uses (`Kubeflow`,
/// `caicloud/ormb`, `Processing.R`, `CCF-C`, `代码 review`) must appear in the English text, and
/// the unmistakably code-like tokens of the English text in the Chinese one; a name written
/// one letter off on one side is reported as misspelt. See `IdentifierComparison` for the
/// forms that count as written (possessive, plural, part of a hyphenated compound). Terms the
/// glossary governs are left to the glossary check.
public struct IdentifierCheck: ExampleDescribedCheck {
    public var rule: Rule { .mismatchIdentifier }
    public var readsOnlyThePair: Bool { true }
    public var rules: [Rule] { [.mismatchIdentifier] }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides else { return [] }
        return context.facts(of: pair, source: source, target: target).texts.compactMap { text in
            let comparison = IdentifierComparison(
                source: text.comparison.source, sourceWritesHan: context.source.language.writesHan,
                target: text.comparison.target, targetWritesHan: context.target.language.writesHan,
                exempt: context.glossary.sourceTerms(in: text.aligned.source).map(\.range))
            guard !comparison.isEmpty else { return nil }
            return finding(comparison, pair, text.aligned, context)
        }
    }

    private func finding(_ comparison: IdentifierComparison, _ pair: EntryPair, _ text: AlignedText, _ context: CheckContext) -> Finding {
        let source = context.source.displayRoot
        let target = context.target.displayRoot
        var parts: [String] = []
        if !comparison.missingFromTarget.isEmpty {
            parts.append("\(Self.list(comparison.missingFromTarget.map(\.text))) of \(source) not in \(target)")
        }
        if !comparison.missingFromSource.isEmpty {
            parts.append("\(Self.list(comparison.missingFromSource.map(\.text))) of \(target) not in \(source)")
        }
        for misspelling in comparison.misspeltInTarget {
            parts.append("'\(misspelling.written.text)' in \(target) looks like '\(misspelling.required)' of \(source) misspelt")
        }
        for misspelling in comparison.misspeltInSource {
            parts.append("'\(misspelling.written.text)' in \(source) looks like '\(misspelling.required)' of \(target) misspelt")
        }
        let sourceValues = comparison.missingFromTarget.map(\.text) + comparison.misspeltInSource.map(\.written.text)
        let targetValues = comparison.missingFromSource.map(\.text) + comparison.misspeltInTarget.map(\.written.text)
        return context.finding(
            .mismatchIdentifier, pair, "names in \(text.place) differ: " + parts.joined(separator: "; "),
            sourceValue: Self.value(sourceValues), targetValue: Self.value(targetValues))
    }

    /// Distinct, in order of appearance.
    private static func distinct(_ texts: [String]) -> [String] {
        var seen: Set<String> = []
        return texts.filter { seen.insert($0).inserted }
    }

    private static func list(_ texts: [String]) -> String {
        distinct(texts).map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func value(_ texts: [String]) -> String? {
        texts.isEmpty ? nil : distinct(texts).joined(separator: ", ")
    }

    public static let examples: [CheckExample] = [
        .found("为 Kubeflow 社区维护 kubeflow/tf-operator", "maintained kubeflow/pytorch-operator for the Kubeflow community"),
        .found("基于 Kubeflow Katib 实现", "built on Kubeflow Katlb"),
        .found("发表在 ICA3PP'18 会议", "published at ICA3PP'19"),
        .found("设计并实现了 Processing.R", "designed and implemented Processing"),
        .found("代码 review", "code reviewing"),
        .found("GAI 是一个调度器，GAI 很快", "GAI is a scheduler; GBI is fast"),
        .found("基于 Docker 的系统", "a Podman-based system"),
        .found("支持 GSoC 项目", "supports Gsoc projects"),
        .found("实现了调度器", "implemented scheduler v1.2"),
        .passes("为 Kubeflow 社区维护 kubeflow/tf-operator", "maintained kubeflow/tf-operator for the Kubeflow community"),
        .passes("开源才云科技模型仓库系统 caicloud/ormb", "open-sourced Caicloud's model registry as caicloud/ormb"),
        .passes("获得 114 stars，成为 star 最多的项目", "earned 114 stars, the highest star count"),
        .passes("代码 review", "code reviews"),
        .passes("与 Kubernetes 类似的调度模型", "a Kubernetes-like scheduling model"),
        .passes("OCI 兼容的镜像仓库", "an OCI-compliant image registry"),
        .passes("ICA3PP'18 (CCF-C)", "ICA3PP'18 (CCF-C)"),
        .passes("GAI 是一个调度器", "GAI is a scheduler, and GAI is fast"),
        .passes("才云科技的 Clever 产品", "the Clever product of Caicloud"),
        .passes("尤其适合 Web 开发", "especially suited to web development"),
        .passes("Kubeflow 与 Volcano 的集成", "how Kubeflow and Volcano work together, e.g. in 2020"),
    ]
}
