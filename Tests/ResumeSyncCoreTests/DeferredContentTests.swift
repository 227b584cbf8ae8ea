import Dispatch
import Foundation
import Synchronization
import Testing
@testable import ResumeSyncCore

/// `check` reads each file pair in place and defers the content of the entries its lock record
/// verifies (`ContentDeferral`): such an entry's content is read from the recorded document
/// only if a check asks for it, which for a verified pair none of the pair's own checks does.
/// (`ExtractionInPlaceTests` holds deferred content to the content built as the entries are found.)
@Suite struct DeferredContentTests {
    typealias Run = PairVerificationTests.Run

    static func key(_ id: String) -> EntryKey { PairVerificationTests.key(id) }

    /// One file of a tree read as `check` reads it: in place, the content deferred as asked.
    static func loadInPlace(
        _ files: [String: String], root: String, side: TreeSide, deferring deferral: ContentDeferral
    ) throws -> LoadedTree {
        let spec = TreeSpec(root: root)
        var loader = TreeLoader(profile: .xml)
        loader.keepsTrees = false
        var documents: [RelativePath: ParsedDocument] = [:]
        for (name, text) in files {
            let file = RelativePath(name)
            documents[file] = try loader.parse(
                Array(text.utf8), file: file, displayPath: spec.displayPath(file), side: side, deferring: deferral
            ).get()
        }
        return LoadedTree(
            spec: spec, side: side, files: files.keys.map(RelativePath.init).sorted(), documents: documents, failures: [:])
    }

    /// Checks the run's one file pair as `check` does, with the content deferred as asked;
    /// gives the findings and, for each key, whether either side's content was read.
    static func checkInPlace(
        _ run: Run, baseline: Baseline, deferring deferral: ContentDeferral
    ) throws -> (findings: [Summary], read: [String: Bool]) {
        let source = try loadInPlace(run.zh, root: "zh", side: .source, deferring: deferral)
        let target = try loadInPlace(run.en, root: "en", side: .target, deferring: deferral)
        let (checked, _) = run.reconciler.checkFilePairShowing(source: source, target: target, baseline: baseline)
        var read: [String: Bool] = [:]
        for tree in [source, target] {
            for entry in tree.documents.values.flatMap(\.entries) {
                read[entry.key.id?.rawValue ?? "", default: false] = read[entry.key.id?.rawValue ?? "", default: false]
                    || entry.contentHasBeenRead
            }
        }
        return (checked.findings.map(Summary.init).sorted { $0.description < $1.description }, read)
    }

    @Test func aVerifiedPairsContentIsNeverRead() throws {
        let run = Run()
        let baseline = try run.accept()
        let deferred = try Self.checkInPlace(run, baseline: baseline, deferring: .all)
        // `a` and `a1` are verified; `b` (200 万 against 3 million) is checked, so read.
        #expect(deferred.read == ["a": false, "a1": false, "b": true])
        #expect(deferred.findings.map(\.rule) == ["mismatch-number"])
        // The same findings as with every entry's content built as it is found.
        let built = try Self.checkInPlace(run, baseline: baseline, deferring: .none)
        #expect(built.findings == deferred.findings)
        #expect(built.read == ["a": true, "a1": true, "b": true])
        // Unverified, every pair is read.
        let unverified = try Self.checkInPlace(run, baseline: PairVerificationTests.withoutVerified(baseline), deferring: .all)
        #expect(unverified.read == ["a": true, "a1": true, "b": true])
        #expect(unverified.findings == deferred.findings)
    }

    @Test func whereAnEntryIsNestedIsCheckedEvenWhenItsPairIsVerified() throws {
        var run = Run()
        let baseline = try run.accept()
        // `a1` moves from `a` into `b` in English: its own bytes are the same, so its pair stays
        // verified, and its own checks are passed over; where it is nested is checked all the same.
        let item = #"<item id="a1">Shipped 3 releases</item>"#
        var english = try #require(run.en["work.xml"])
        english = english.replacingOccurrences(of: item, with: "")
            .replacingOccurrences(of: "<p>Served 3 million users</p>", with: "<p>Served 3 million users</p>" + item)
        run.en["work.xml"] = english
        let verified = run.checked(baseline)
        #expect(!verified.ran.contains("work.xml#a1"))
        #expect(verified.findings.contains { $0.rule == "mismatch-structure" && $0.key == "work.xml#a1" })
        #expect(verified.findings == run.checked(PairVerificationTests.withoutVerified(baseline)).findings)
        let inPlace = try Self.checkInPlace(run, baseline: baseline, deferring: .all)
        #expect(inPlace.read["a1"] == false)
        #expect(inPlace.findings.contains { $0.rule == "mismatch-structure" && $0.key == "work.xml#a1" })
    }

    /// A deferred entry finds its nested entries through its elements alone: in the fields it
    /// walks into, not in a neutral element (unless the entry is neutral itself) nor in a
    /// keyed field not every language has, as the walk that builds the content finds them.
    @Test func nestedEntriesAreFoundWhereTheContentWalkFindsThem() throws {
        let document = """
            <resume>
              <job id="a"><details><p>细节</p><item id="a1">嵌套在字段里</item></details>
                <code><item id="a2">在中性元素里</item></code>
              </job>
              <job id="b" translate="no"><code><item id="b1">中性条目里的中性元素</item></code></job>
              <plurals name="p"><item quantity="one"><string name="s1">一个</string></item>
                <item quantity="other"><string name="s2">多个</string></item></plurals>
            </resume>
            """
        for profile in [FormatProfile.xml, .android] {
            ExtractionInPlaceTests.expectSameReading(Array(document.utf8), profile: profile)
        }
        var loader = TreeLoader(profile: .xml)
        loader.keepsTrees = false
        let deferred = try loader.parse(
            Array(document.utf8), file: RelativePath("f.xml"), displayPath: "zh/f.xml", side: .source, deferring: .all
        ).get()
        let children = Dictionary(uniqueKeysWithValues: deferred.entries.map { ($0.key.id?.rawValue ?? "", $0.children) })
        #expect(children["a"] == [EntryID("a1")])
        #expect(children["a2"] == nil)
        #expect(children["b"] == [EntryID("b1")])
        #expect(deferred.entries.allSatisfy { !$0.contentHasBeenRead })
    }

    @Test func theDeferralFollowsWhatTheLockVerified() throws {
        let baseline = try Run().accept()
        // Some verified, some not: each entry is looked up.
        let mixed = ContentDeferral.verified(in: baseline)
        guard case .verified = mixed else {
            Issue.record("a lock with verified and unverified records gave \(mixed)")
            return
        }
        #expect(mixed.defers(Self.key("a")) && mixed.defers(Self.key("a1")))
        #expect(!mixed.defers(Self.key("b")))
        // An entry the lock does not record is read as it is found: its pair is checked.
        #expect(!mixed.defers(Self.key("new")))

        let none = ContentDeferral.verified(in: PairVerificationTests.withoutVerified(baseline))
        guard case .none = none else {
            Issue.record("a lock with no verified record gave \(none)")
            return
        }
        #expect(!none.defers(Self.key("a")))

        var allVerified = baseline
        allVerified.records[Self.key("b")]?.verified = Fingerprint(value: 1)
        let all = ContentDeferral.verified(in: allVerified)
        guard case .all = all else {
            Issue.record("a lock whose records are all verified gave \(all)")
            return
        }
        #expect(all.defers(Self.key("b")))
    }

    @Test func contentReadFromManyThreadsAtOnceIsReadOnce() throws {
        let document = try Self.loadInPlace(Run().zh, root: "zh", side: .source, deferring: .all)
            .documents[RelativePath("work.xml")]
        let entries = try #require(document?.entries)
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { !$0.contentHasBeenRead })
        let threads = 8
        let seen = Mutex<[[ObjectIdentifier]]>(Array(repeating: [], count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let read = entries.map { ObjectIdentifier($0.content) }
            seen.withLock { $0[thread] = read }
        }
        // Every thread was given the one reading kept, and later askers are too.
        let kept = entries.map { ObjectIdentifier($0.content) }
        #expect(seen.withLock { $0 }.allSatisfy { $0 == kept })
        let built = try Trees.document(Run().zh["work.xml"]!, file: "work.xml")
        #expect(entries.map(\.content) == built.entries.map(\.content))
        #expect(entries.map(\.content.text).contains("发布 3 个版本"))
    }
}
