import Foundation
import Testing
@testable import ResumeSyncCore

/// A lock record's `verified`: written by `accept` only for a pair the pair's own checks found
/// nothing in; while both entries' bytes, the configuration and the checks stay the same,
/// `check` passes over those checks, and any change of them has the pair checked in full.
@Suite struct PairVerificationTests {
    /// Which pairs a check that reads only the pair was run for.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var keys: [String] = []

        func record(_ key: EntryKey) {
            lock.withLock { keys.append(key.description) }
        }

        var sorted: [String] { lock.withLock { keys.sorted() } }

        func reset() { lock.withLock { keys = [] } }
    }

    struct CountingCheck: EntryCheck {
        let calls: Calls
        var rule: Rule { .mismatchNumber }
        var readsOnlyThePair: Bool { true }

        func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
            if pair.bothSides != nil { calls.record(pair.key) }
            return []
        }
    }

    static let zh = [
        "work.xml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <resume>
              <job id="a"><title>工程师</title><p>性能提升 40%</p>
                <item id="a1">发布 3 个版本</item>
              </job>
              <job id="b"><p>服务 200 万用户</p></job>
            </resume>
            """,
    ]
    static let en = [
        "work.xml": """
            <?xml version="1.0" encoding="UTF-8"?>
            <resume>
              <job id="a"><title>Engineer</title><p>Performance up 40%</p>
                <item id="a1">Shipped 3 releases</item>
              </job>
              <job id="b"><p>Served 3 million users</p></job>
            </resume>
            """,
    ]

    /// Trees, checks and configuration as one run sees them.
    struct Run {
        var zh = PairVerificationTests.zh
        var en = PairVerificationTests.en
        var configuration = Configuration.default
        let calls = Calls()

        var reconciler: Reconciler {
            Reconciler(checks: Reconciler.standardChecks + [CountingCheck(calls: calls)], configuration: configuration)
        }

        func reconcile(_ baseline: Baseline?) -> Reconciliation {
            reconciler.reconcile(
                source: Trees.load(zh, root: "zh", side: .source, profile: configuration.profile),
                target: Trees.load(en, root: "en", side: .target, profile: configuration.profile),
                baseline: baseline)
        }

        func accept() throws -> Baseline {
            try Acceptance.accept([], all: true, in: reconcile(nil), baseline: nil).baseline
        }

        /// The pairs the pair's own checks ran for, checked against `baseline`.
        func checked(_ baseline: Baseline) -> (findings: [Summary], ran: [String]) {
            calls.reset()
            let findings = reconcile(baseline).summaries
            return (findings, calls.sorted)
        }
    }

    static func key(_ id: String) -> EntryKey { EntryKey(file: RelativePath("work.xml"), id: EntryID(id)) }

    static func withoutVerified(_ baseline: Baseline) -> Baseline {
        var copy = baseline
        for key in copy.records.keys { copy.records[key]?.verified = nil }
        return copy
    }

    @Test func acceptVerifiesOnlyPairsItsChecksFoundNothingIn() throws {
        let baseline = try Run().accept()
        #expect(baseline.records[Self.key("a")]?.verified != nil)
        #expect(baseline.records[Self.key("a1")]?.verified != nil)
        // 200 万 against 3 million: a number mismatch, so not verified.
        #expect(baseline.records[Self.key("b")]?.verified == nil)
        let lock = baseline.serialized()
        #expect(lock.components(separatedBy: #","verified":""#).count - 1 == 2)
        #expect(try Baseline(parsing: lock) == baseline)
    }

    @Test func aVerifiedPairIsNotCheckedAgainAndFindsTheSame() throws {
        let run = Run()
        let baseline = try run.accept()
        let verified = run.checked(baseline)
        let unverified = run.checked(Self.withoutVerified(baseline))
        #expect(verified.ran == ["work.xml#b"])
        #expect(unverified.ran == ["work.xml#a", "work.xml#a1", "work.xml#b"])
        #expect(verified.findings == unverified.findings)
        #expect(verified.findings.map(\.rule) == ["mismatch-number"])
    }

    @Test func anEditOfEitherSideIsCheckedInFull() throws {
        var run = Run()
        let baseline = try run.accept()
        run.en["work.xml"] = run.en["work.xml"]?.replacingOccurrences(of: "up 40%", with: "up 45%")
        let targetEdit = run.checked(baseline)
        #expect(targetEdit.ran == ["work.xml#a", "work.xml#b"])
        #expect(targetEdit.findings.contains(Summary("mismatch-number", "work.xml#a", 3)))

        run.en = Self.en
        run.zh["work.xml"] = run.zh["work.xml"]?.replacingOccurrences(of: "工程师", with: "高级工程师")
        let sourceEdit = run.checked(baseline)
        #expect(sourceEdit.ran == ["work.xml#a", "work.xml#b"])
        #expect(sourceEdit.findings.contains { $0.rule == "stale" && $0.key == "work.xml#a" })

        // The nested entry's bytes are its own: an edit of it leaves its parent verified.
        run.zh = Self.zh
        run.en["work.xml"] = run.en["work.xml"]?.replacingOccurrences(of: "Shipped 3", with: "Shipped 4")
        let nestedEdit = run.checked(baseline)
        #expect(nestedEdit.ran == ["work.xml#a1", "work.xml#b"])
        #expect(nestedEdit.findings.contains(Summary("mismatch-number", "work.xml#a1", 4)))
    }

    @Test func whiteSpaceAndTheBytesBeforeTheFirstEntryCount() throws {
        var run = Run()
        let baseline = try run.accept()
        // Folded away by the checks, but a change of the bytes all the same.
        run.en["work.xml"] = run.en["work.xml"]?.replacingOccurrences(of: "<p>Performance", with: "<p>  Performance")
        #expect(run.checked(baseline).ran == ["work.xml#a", "work.xml#b"])
        run.en = Self.en
        run.zh["work.xml"] = run.zh["work.xml"]?.replacingOccurrences(
            of: "<resume>", with: "<!DOCTYPE resume [<!ENTITY co \"才云\">]>\n<resume>")
        #expect(run.checked(baseline).ran == ["work.xml#a", "work.xml#a1", "work.xml#b"])
    }

    @Test func aChangeOfConfigurationOrChecksIsCheckedInFull() throws {
        var run = Run()
        let baseline = try run.accept()
        run.configuration.glossary = [GlossaryTerm(source: "工程师", target: "Software Engineer")]
        let glossary = run.checked(baseline)
        #expect(glossary.ran == ["work.xml#a", "work.xml#a1", "work.xml#b"])
        #expect(glossary.findings.contains { $0.rule == "glossary" && $0.key == "work.xml#a" })

        let changes: [(inout Configuration) -> Void] = [
            { $0.direction = .both },
            { $0.profile.proseAttributes.insert("label") },
            { $0.severities.updateValue(.warning, forKey: "mismatch-number") },
        ]
        for change in changes {
            var changed = Run()
            change(&changed.configuration)
            #expect(changed.checked(baseline).ran == ["work.xml#a", "work.xml#a1", "work.xml#b"])
        }
        // Other checks: each pair checked in full.
        let fewer = Reconciler(checks: [StructureCheck(), CountingCheck(calls: run.calls)])
        run.calls.reset()
        _ = fewer.reconcile(
            source: Trees.load(Self.zh, root: "zh", side: .source),
            target: Trees.load(Self.en, root: "en", side: .target), baseline: baseline)
        #expect(run.calls.sorted == ["work.xml#a", "work.xml#a1", "work.xml#b"])
    }

    @Test func theSeedIsTheSameInEveryRunAndItsFieldsAreCounted() {
        // Sets and tables are hashed in sorted order: two equal configurations built in
        // different orders give one seed.
        var first = Configuration.default
        first.profile.proseAttributes = ["title", "alt", "label", "summary"]
        var second = Configuration.default
        second.profile.proseAttributes = ["summary", "label", "alt", "title"]
        var one = ExactBytesHasher()
        one.append(first)
        var other = ExactBytesHasher()
        other.append(second)
        #expect(one.value == other.value)
        // A new field of these types must go into the seed (`ExactBytesHasher.append`), or be
        // left out on purpose (the files and folders read); then update the counts here.
        #expect(Mirror(reflecting: Configuration.default).children.count == 11)
        #expect(Mirror(reflecting: FormatProfile.xml).children.count == 11)
        #expect(Mirror(reflecting: ProfileOverrides()).children.count == 7)
    }

    @Test func eachCheckIsNamedInTheSeedAsItIsPrinted() {
        // The seed spells each check's type by `_typeName`, which a lock written while it
        // spelled them by `String(describing:)` must still match.
        let checks = Reconciler.standardChecks + [CountingCheck(calls: Calls())]
        for check in checks {
            #expect(_typeName(type(of: check), qualified: false) == String(describing: type(of: check)))
        }
        #expect(checks.map { _typeName(type(of: $0), qualified: false) }.prefix(2) == ["PresenceCheck", "NestingCheck"])
    }

    @Test func htmlPairsAreNeverVerified() throws {
        let zh = ["page.html": #"<!DOCTYPE html><html><body><p id="a">提升 40%</p></body></html>"#]
        let en = ["page.html": #"<!DOCTYPE html><html><body><p id="a">Up 40%</p></body></html>"#]
        let html = FormatProfile.html
        let result = Reconciler().reconcile(
            source: Trees.load(zh, root: "zh", side: .source, profile: html),
            target: Trees.load(en, root: "en", side: .target, profile: html), baseline: nil)
        #expect(result.findings.isEmpty)
        #expect(result.entryPairs.count == 1)
        #expect(result.verifiedPairs.isEmpty)
    }

    @Test func changingASideDropsTheVerification() throws {
        var sides = try #require(try Run().accept().records[Self.key("a")])
        #expect(sides.verified != nil)
        sides["en"] = sides["en"]
        #expect(sides.verified == nil)
    }

    @Test func theLockReadsVerifiedInEitherSpelling() throws {
        let canonical = """
            {"format":"resume-sync.lock","version":1}
            {"key":"work.xml#a","sides":{"en":{"neutral":"0000000000000001","prose":"0000000000000002","text":"A"},"zh":{"neutral":"0000000000000001","prose":"0000000000000003","text":"甲"}},"verified":"00000000000000ff"}
            """
        let spaced = """
            {"format":"resume-sync.lock","version":1}
            { "verified": "00000000000000ff", "key": "work.xml#a", "sides": {"zh": {"text": "甲", "prose": "0000000000000003", "neutral": "0000000000000001"}, "en": {"neutral": "0000000000000001", "prose": "0000000000000002", "text": "A"}}}
            """
        let read = try Baseline(parsing: canonical)
        #expect(read.records[Self.key("a")]?.verified == Fingerprint(value: 0xFF))
        #expect(try Baseline(parsing: spaced) == read)
        #expect(read.serialized() == canonical + "\n")
        #expect(lockReadingError(canonical.replacingOccurrences(of: "00000000000000ff", with: "ff")) != nil)
    }

    @Test func theExactHashTellsEveryByteAndEveryRun() {
        func hash(_ runs: [[UInt8]]) -> UInt64 {
            var hasher = ExactBytesHasher()
            for run in runs { run.withUnsafeBytes { hasher.append($0) } }
            return hasher.value
        }
        let bytes = Array("Performance up 40% 性能提升".utf8)
        var seen: Set<UInt64> = [hash([bytes])]
        for index in bytes.indices {
            var edited = bytes
            edited[index] ^= 0x01
            seen.insert(hash([edited]))
            seen.insert(hash([Array(bytes[..<index] + bytes[(index + 1)...])]))
        }
        // Every one-bit change and every one-byte deletion gives a hash of its own.
        #expect(seen.count == 1 + 2 * bytes.count)
        #expect(hash([Array("ab".utf8), Array("c".utf8)]) != hash([Array("a".utf8), Array("bc".utf8)]))
        #expect(hash([bytes]) == hash([bytes]))
    }
}
