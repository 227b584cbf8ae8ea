import Testing
@testable import ResumeSyncCore

/// Latin tokens: their shapes, and which ones each language must keep.
@Suite struct IdentifierTokenTests {
    func words(_ text: String) -> [String] {
        NeutralTokenizer.tokens(in: text).filter { $0.kind == .identifier }.map(\.key)
    }

    func latin(_ text: String) -> LatinToken { LatinToken(text) }

    @Test func tokensKeepTheirConnectors() {
        #expect(words("为 Kubeflow 社区维护 kubeflow/tf-operator 和 kubeflow/katib") == ["Kubeflow", "kubeflow/tf-operator", "kubeflow/katib"])
        #expect(words("Processing.R：使用 R 语言") == ["Processing.R", "R"])
        #expect(words("ICA3PP'18 (CCF-C)") == ["ICA3PP'18", "CCF-C"])
        #expect(words("C++ 与 C# 的 @gaocegege") == ["C++", "C#", "@gaocegege"])
        #expect(words("Co., Ltd. (CooTek)") == ["Co", "Ltd", "CooTek"])
        #expect(words("Caicloud's model") == ["Caicloud's", "model"])
    }

    @Test func shapes() {
        #expect(latin("kubeflow/katib").isStronglyCodeLike)
        #expect(latin("Processing.R").isStronglyCodeLike)
        #expect(latin("ICA3PP'18").isStronglyCodeLike)
        #expect(latin("k8s").isStronglyCodeLike)
        #expect(!latin("e.g").isStronglyCodeLike)
        #expect(!latin("Kubernetes-like").isStronglyCodeLike)
        #expect(!latin("Caicloud's").isStronglyCodeLike)
        #expect(latin("GSoC").isCodeLike && latin("GPU").isCodeLike && latin("CCF-C").isCodeLike)
        #expect(!latin("Kubeflow").isCodeLike && !latin("review").isCodeLike)
    }

    @Test func englishFormsOfAName() {
        #expect(latin("Caicloud").isWritten(as: latin("Caicloud's")))
        #expect(latin("star").isWritten(as: latin("stars")))
        #expect(latin("box").isWritten(as: latin("boxes")))
        #expect(latin("Kubernetes").isWritten(as: latin("Kubernetes-like")))
        #expect(latin("OCI").isWritten(as: latin("OCI-compliant")))
        #expect(latin("Web").isWritten(as: latin("web")))
        #expect(latin("review").isWritten(as: latin("Reviews")) == false)
        #expect(latin("review").isWritten(as: latin("Review")))
        #expect(!latin("GSoC").isWritten(as: latin("Gsoc")))
        #expect(!latin("kubeflow/katib").isWritten(as: latin("Kubeflow/katib")))
        #expect(!latin("Kubeflow").isWritten(as: latin("KubeFlow")))
        #expect(!latin("review").isWritten(as: latin("reviewing")))
        #expect(!latin("tf-operator").isWritten(as: latin("tf")))
        #expect(!latin("Processing").isWritten(as: latin("Processing.R")))
    }

    @Test func oneEditApart() {
        #expect(IdentifierComparison.isOneEditApart("Kubeflow", "Kubeflpw"))
        #expect(IdentifierComparison.isOneEditApart("Katib", "Katbi"))
        #expect(IdentifierComparison.isOneEditApart("GAI", "GAIN"))
        #expect(IdentifierComparison.isOneEditApart("ormb", "orb"))
        #expect(!IdentifierComparison.isOneEditApart("Lead", "lead"))
        #expect(!IdentifierComparison.isOneEditApart("Kubeflow", "Kubeflow"))
        #expect(!IdentifierComparison.isOneEditApart("Katib", "Kabit"))
    }

    func compare(_ zh: String, _ en: String) -> IdentifierComparison {
        IdentifierComparison(
            source: NeutralTokenizer.tokens(in: zh), sourceWritesHan: true,
            target: NeutralTokenizer.tokens(in: en), targetWritesHan: false)
    }

    @Test func everyLatinTokenOfChineseTextMustBeInTheEnglish() {
        let comparison = compare("基于 Kubeflow Katib 实现，代码 review", "built on Kubeflow, with code reviews")
        #expect(comparison.missingFromTarget.map(\.text) == ["Katib"])
        #expect(comparison.missingFromSource.isEmpty)
    }

    @Test func onlyCodeOfTheEnglishMustBeInTheChinese() {
        let comparison = compare("实现调度器", "Implemented the Scheduler, see caicloud/ormb")
        #expect(comparison.missingFromSource.map(\.text) == ["caicloud/ormb"])
        #expect(comparison.missingFromTarget.isEmpty)
    }

    @Test func aNameChangedInOneOfTwoPlacesIsAMisspelling() {
        let comparison = compare("Jupyter 上的内核，从 Jupyter 中发起", "a kernel for Jupyter that launches jobs from Jupyer")
        #expect(comparison.missingFromTarget.isEmpty)
        #expect(comparison.misspeltInTarget.map(\.written.text) == ["Jupyer"])
        #expect(comparison.misspeltInTarget.map(\.required) == ["Jupyter"])
    }

    @Test func shortOrdinaryWordsAreNotWatchedForMisspellings() {
        #expect(!IdentifierComparison.isWatched(latin("of")))
        #expect(IdentifierComparison.isWatched(latin("star")))
        #expect(!IdentifierComparison.isWatched(latin("the")))
        #expect(IdentifierComparison.isWatched(latin("Ray")))
        #expect(IdentifierComparison.isWatched(latin("ML")))
        #expect(compare("Ray 的设计", "the way Ray works").isEmpty)
    }

    @Test func glossaryTermsAreExempt() {
        let text = "Tech Lead 组长"
        let comparison = IdentifierComparison(
            source: NeutralTokenizer.tokens(in: text), sourceWritesHan: true,
            target: NeutralTokenizer.tokens(in: "Technical Lead"), targetWritesHan: false,
            exempt: GlossaryMatcher([GlossaryTerm(source: "Tech Lead", target: "Technical Lead")]).sourceTerms(in: text).map(\.range))
        #expect(comparison.isEmpty)
    }

    @Test func priorityTakesEachScalarOnce() {
        let tokens = NeutralTokenizer.tokens(in: "&product; 见 https://x.org/v2 或 a@b.org，(+86) 1592-1592-066，2019.04，ICA3PP'18，6%")
        #expect(tokens.map(\.kind) == [.entity, .url, .email, .phone, .date, .identifier, .number])
        for (index, token) in tokens.enumerated().dropFirst() {
            #expect(tokens[index - 1].range.upperBound <= token.range.lowerBound)
        }
    }
}

/// The forms a token writes, read from its bytes, against their definition by characters.
@Suite struct WrittenFormsTests {
    static func referenceFolded(_ word: String) -> String {
        "~" + (word.first.map { $0.lowercased() } ?? "") + word.dropFirst()
    }

    static func referenceForms(_ token: LatinToken) -> [String] {
        var forms = [token.base]
        for ending in ["s", "es"] where token.base.hasSuffix(ending) && token.base.count > ending.count {
            forms.append(String(token.base.dropLast(ending.count)))
        }
        if token.isPlainWord { forms.append(referenceFolded(token.base)) }
        if token.base.unicodeScalars.contains("-") {
            for part in token.hyphenParts {
                forms.append(part)
                if LatinToken(part).isPlainWord { forms.append(referenceFolded(part)) }
            }
        }
        return forms
    }

    @Test func formsMatchTheirDefinition() {
        let pieces = ["a", "e", "s", "es", "S", "E", "K", "ß", "é", "É", "Ö", "-", "'", "’s", "'s", "1", "8", ".", "/", "_", "+", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["s", "es", "ses", "boxes", "Stars", "GPUs", "Kubernetes-like", "OCI-compliant", "e\u{301}s", "Éclairs", "a-s", "-s", "s-"]
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...9, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for text in texts {
            let token = LatinToken(text)
            #expect(token.writtenForms == Self.referenceForms(token), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(LatinToken.folded(text) == Self.referenceFolded(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
