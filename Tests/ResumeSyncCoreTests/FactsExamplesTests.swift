import Foundation
import Testing
@testable import ResumeSyncCore

/// Runs every example the cross-language checks document beside their code: each "found"
/// example must be reported by its check, each "passes" example must not.
@Suite struct FactsExamplesTests {
    static let checks: [any ExampleDescribedCheck] = [NumberCheck(), DateCheck(), LinkCheck(), IdentifierCheck(), GlossaryCheck()]

    static var cases: [(String, Int)] {
        checks.flatMap { check in
            type(of: check).examples.indices.map { (String(describing: type(of: check)), $0) }
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    @Test(arguments: cases)
    func example(check name: String, index: Int) throws {
        let check = try #require(Self.checks.first { String(describing: type(of: $0)) == name })
        let example = type(of: check).examples[index]
        let zh = "<section id=\"s\"><item id=\"x\">\(Self.escaped(example.source))</item></section>"
        let en = "<section id=\"s\"><item id=\"x\">\(Self.escaped(example.target))</item></section>"
        let result = Reconciler(checks: [check], configuration: Configuration(glossary: example.glossary)).reconcile(
            source: Trees.load(["f.xml": zh], root: "zh", side: .source),
            target: Trees.load(["f.xml": en], root: "en", side: .target),
            baseline: nil)
        let reported = result.findings.filter { check.rules.contains($0.rule) }
        #expect(result.findings.count == reported.count, "only the check's own rules")
        #expect(!reported.isEmpty == example.isReported,
                "\(name): '\(example.source)' / '\(example.target)': \(reported.map(\.message))")
    }

    @Test func everyCheckHasCasesOfBothKinds() {
        for check in Self.checks {
            let examples = type(of: check).examples
            #expect(examples.contains { $0.isReported } && examples.contains { !$0.isReported }, "\(type(of: check))")
        }
    }

    @Test func everyRuleIsKnownAndSwitchable() {
        for rule in Self.checks.flatMap(\.rules) {
            #expect(Rule.all.contains(rule), "\(rule) is in Rule.all, so the config can set it")
            #expect(!rule.meansBrokenInput)
            #expect(rule.defaultSeverity == .error, "facts that disagree are errors")
        }
        #expect(Reconciler.standardChecks.contains { $0 is NumberCheck })
        #expect(Reconciler.standardChecks.contains { $0 is GlossaryCheck })
    }
}
