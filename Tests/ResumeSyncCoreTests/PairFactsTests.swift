import Foundation
import Testing
@testable import ResumeSyncCore

/// `PairFacts` leaves a Latin-script side's plain words out of its tokens when nothing can come
/// of them; these tests hold it to giving exactly what cutting every word gives.
@Suite struct PairFactsTests {
    /// Every documented example of the cross-language checks, and every aligned text of the
    /// repository's resume.
    static func textPairs() throws -> [(source: String, target: String)] {
        let checks: [any ExampleDescribedCheck] = [NumberCheck(), DateCheck(), LinkCheck(), IdentifierCheck(), GlossaryCheck()]
        var pairs = checks.flatMap { type(of: $0).examples.map { ($0.source, $0.target) } }
        let resume = try FactsRepositoryMutationTests.loadResume()
        for file in resume.files {
            let zh = Trees.load([file: String(decoding: try #require(resume.zh[file]), as: UTF8.self)], root: "zh", side: .source)
            let en = Trees.load([file: String(decoding: try #require(resume.en[file]), as: UTF8.self)], root: "en", side: .target)
            let filePair = try #require(Aligner.pairFiles(source: zh, target: en).first)
            for pair in Aligner.pairEntries(filePair) {
                guard let source = pair.source, let target = pair.target else { continue }
                pairs += AlignedText.pairs(source, target).map { ($0.source, $0.target) }
            }
        }
        // Ordinals both ways, a Latin name on the Chinese side only, code on the English side only.
        pairs += [
            ("第二次会议", "the Second Meeting"), ("二等奖", "Second Prize, 2nd place"),
            ("基于 Kubeflow 实现", "built on kubeflow and Kubeflpw"), ("实现了调度器", "implemented scheduler v1.2"),
        ]
        return pairs
    }

    @Test func leavingPlainWordsOutChangesNoComparison() throws {
        let pairs = try Self.textPairs()
        #expect(pairs.count > 100)
        for (source, target) in pairs {
            for (left, leftHan, right, rightHan) in [(source, true, target, false), (target, false, source, true), (target, false, target + " v2", false)] {
                let full = TokenComparison(source: left, target: right)
                let lean = PairFacts.comparison(source: left, sourceWritesHan: leftHan, target: right, targetWritesHan: rightHan)
                #expect(lean.sourceOnly == full.sourceOnly && lean.targetOnly == full.targetOnly, "'\(left)' / '\(right)'")
                let fullNames = IdentifierComparison(source: full.source, sourceWritesHan: leftHan, target: full.target, targetWritesHan: rightHan)
                let leanNames = IdentifierComparison(source: lean.source, sourceWritesHan: leftHan, target: lean.target, targetWritesHan: rightHan)
                #expect(leanNames.missingFromTarget == fullNames.missingFromTarget, "'\(left)' / '\(right)'")
                #expect(leanNames.missingFromSource == fullNames.missingFromSource, "'\(left)' / '\(right)'")
                #expect(leanNames.misspeltInTarget == fullNames.misspeltInTarget, "'\(left)' / '\(right)'")
                #expect(leanNames.misspeltInSource == fullNames.misspeltInSource, "'\(left)' / '\(right)'")
            }
        }
    }

    @Test func plainWordsAreLeftOutOnlyWhenNothingNeedsThem() {
        let identifiers = { (tokens: [NeutralToken]) in tokens.filter { $0.kind == .identifier }.map(\.text) }
        // Nothing on either side that the other must write: the English plain words go, a
        // word with a capital inside stays, and the figures are compared as ever.
        let lean = PairFacts.comparison(source: "提升 12%", sourceWritesHan: true, target: "the GPU scheduler got faster by 12%", targetWritesHan: false)
        #expect(identifiers(lean.target) == ["GPU"])
        #expect(lean.targetOnly.isEmpty && lean.sourceOnly.isEmpty)
        // Code the Chinese side must write (`ICA3PP'18`): every word is kept to look it up in.
        let code = PairFacts.comparison(source: "发表", sourceWritesHan: true, target: "published at ICA3PP'18", targetWritesHan: false)
        #expect(identifiers(code.target) == ["published", "at", "ICA3PP'18"])
        #expect(code.target.allSatisfy { $0.kind != .number }, "the digits of the code are no figure")
        // A name on the Chinese side: every English word is kept to look it up in.
        let named = PairFacts.comparison(source: "基于 Kubeflow", sourceWritesHan: true, target: "built on Kubeflow", targetWritesHan: false)
        #expect(identifiers(named.target) == ["built", "on", "Kubeflow"])
        // An ordinal: `Second` may stand for it.
        let ordinal = PairFacts.comparison(source: "第二次会议", sourceWritesHan: true, target: "the Second Meeting", targetWritesHan: false)
        #expect(identifiers(ordinal.target).contains("Second"))
        #expect(ordinal.sourceOnly.isEmpty)
    }
}
