import Foundation
import Testing
@testable import ResumeSyncCore

/// `Workspace.check()` and `Workspace.diff(includeInSync:)`, which read, check and release one
/// file pair at a time, must report exactly what the full reconciliation reports (findings,
/// counts, every `check` and `diff` output format), and must never hold more than a few
/// documents at once.
@Suite struct StreamingCheckTests {
    /// Every field `check`'s reports read, and the reports themselves, agree.
    static func expectSame(_ lean: CheckResult, _ full: Reconciliation, _ label: String) {
        let reference = full.checkResult
        #expect(lean.findings == full.findings, "\(label): findings")
        #expect(lean.exitStatus == full.exitStatus, "\(label): exit status")
        #expect(lean.pairedCount == full.entryPairs.filter { $0.source != nil && $0.target != nil }.count, "\(label): pairs")
        #expect(lean.inSyncCount == full.inSyncCount, "\(label): in sync")
        #expect(lean.pairedKeysWithFindings == reference.pairedKeysWithFindings, "\(label): keys with findings")
        #expect(lean.unrecordedPairs == full.unrecordedPairs, "\(label): unrecorded")
        #expect(lean.hasBaseline == full.hasBaseline, "\(label): baseline")
        #expect(lean.silencing.silenced == full.silencing.silenced, "\(label): silenced")
        #expect(lean.silencing.lapsed == full.silencing.lapsed, "\(label): lapsed")
        #expect(lean.source == full.source.spec && lean.target == full.target.spec, "\(label): trees")
        #expect(DiagnosticsReport().summary(lean) == DiagnosticsReport().summary(full), "\(label): summary")
        #expect(JSONReport().render(lean) == JSONReport().render(full), "\(label): json")
        #expect(SARIFReport().render(lean.findings) == SARIFReport().render(full.findings), "\(label): sarif")
        #expect(GitHubAnnotationsReport().render(lean.findings) == GitHubAnnotationsReport().render(full.findings), "\(label): github")
    }

    /// Check and diff, each one file pair at a time, against the full reconciliation.
    static func expectSame(_ workspace: Workspace, _ label: String) throws {
        let full = try workspace.reconcile()
        expectSame(try workspace.check(), full, label)
        try expectSameDiff(workspace, full, label)
        try expectSameTodo(workspace, full, label)
        for prune in [false, true] { expectSameMerge(workspace, "\(label), prune: \(prune)", MergeRequest(prune: prune)) }
    }

    /// `merge` planned one file pair at a time plans what it plans over the whole trees: the
    /// same changes byte for byte, outcome, findings after it and patch, or the same refusal.
    static func expectSameMerge(_ workspace: Workspace, _ label: String, _ request: MergeRequest) {
        let whole = Result { () throws(InvocationError) in
            try MergePlanner(input: MergeInput.load(workspace), request: request).plan()
        }
        let streamed = Result { () throws(InvocationError) in try workspace.mergePlan(request) }
        switch (whole, streamed) {
        case (.success(let whole), .success(let streamed)):
            #expect(streamed.changes.map(\.displayPath) == whole.changes.map(\.displayPath), "\(label): files")
            #expect(streamed.changes.map(\.kind) == whole.changes.map(\.kind), "\(label): kinds")
            #expect(streamed.changes.map(\.newBytes) == whole.changes.map(\.newBytes), "\(label): new bytes")
            #expect(streamed.changes.map(\.oldBytes) == whole.changes.map(\.oldBytes), "\(label): old bytes")
            #expect(streamed.changes.map(\.snapshot.bytes) == whole.changes.map(\.snapshot.bytes), "\(label): snapshots")
            #expect(streamed.outcome == whole.outcome, "\(label): outcome")
            #expect(streamed.result.findings == whole.result.findings, "\(label): findings after")
            #expect(streamed.result.inSyncCount == whole.result.inSyncCount, "\(label): in sync after")
            #expect(streamed.patch == whole.patch, "\(label): patch")
            #expect(MergeSummary(plan: streamed, dryRun: true).render(written: [])
                == MergeSummary(plan: whole, dryRun: true).render(written: []), "\(label): summary")
        case (.failure(let whole), .failure(let streamed)):
            #expect(streamed.message == whole.message, "\(label): refusal")
        default:
            Issue.record("\(label): one way plans, the other refuses: \(whole), \(streamed)")
        }
    }

    /// The TODO report made one file pair at a time says what the report of the whole trees
    /// says, in every format and in `status`. It is made that way unless merge would refuse the
    /// trees; `todoReport()` then falls back to the whole trees.
    static func expectSameTodo(_ workspace: Workspace, _ full: Reconciliation, _ label: String) throws {
        let outcome = workspace.mergeOutcome(for: full)
        let reference = TodoReport(full, merge: outcome)
        let streamed = try workspace.streamedTodoReport()
        #expect((streamed == nil) == (outcome == nil), "\(label): made one file pair at a time unless merge refuses")
        for (report, way) in [(streamed, "streamed"), (try workspace.todoReport(), "todoReport")] {
            guard let report else { continue }
            let label = "\(label), \(way)"
            #expect(TodoMarkdownReport(version: "9").render(report) == TodoMarkdownReport(version: "9").render(reference),
                    "\(label): markdown")
            #expect(TodoJSONReport(version: "9").render(report) == TodoJSONReport(version: "9").render(reference), "\(label): json")
            #expect(TodoHTMLReport(version: "9").render(report) == TodoHTMLReport(version: "9").render(reference), "\(label): html")
            #expect(StatusReport().render(report) == StatusReport().render(reference), "\(label): status")
            #expect(report.items.map(\.key) == reference.items.map(\.key), "\(label): items")
            #expect(report.unrecordedCount == reference.unrecordedCount && report.hasBaseline == reference.hasBaseline,
                    "\(label): baseline")
        }
    }

    /// `diff` one file pair at a time shows what the full reconciliation shows, in every
    /// format, with and without the entries in sync.
    static func expectSameDiff(_ workspace: Workspace, _ full: Reconciliation, _ label: String) throws {
        for all in [false, true] {
            let (lean, result) = try workspace.diff(includeInSync: all)
            let reference = DiffContent(full, includeInSync: all)
            let label = "\(label), all: \(all)"
            #expect(lean.blocks.map(\.key) == reference.blocks.map(\.key), "\(label): keys")
            #expect(lean.findings == reference.findings, "\(label): findings")
            #expect(result.exitStatus == full.exitStatus, "\(label): exit status")
            #expect(DiffReport(includeInSync: all).render(lean) == DiffReport(includeInSync: all).render(full), "\(label): text")
            #expect(MarkdownDiffReport(includeInSync: all).render(lean) == MarkdownDiffReport(includeInSync: all).render(full),
                    "\(label): markdown")
            #expect(SideBySideDiffReport(width: 90, includeInSync: all).render(lean)
                == SideBySideDiffReport(width: 90, includeInSync: all).render(full), "\(label): side by side")
            #expect(DiffJSONReport().render(lean.blocks) == DiffJSONReport().render(reference.blocks), "\(label): json")
        }
    }

    @Test(arguments: ProgressReconcileReportTests.fixtureFolders)
    func everyFixtureChecksAlikeBothWays(folder: String) throws {
        try Self.expectSame(try Workspace.load(root: folder), folder)
    }

    /// `diff` and `accept` reconcile without the XML trees: the same findings and entries,
    /// and each document keeps its root element alone.
    @Test(arguments: ProgressReconcileReportTests.fixtureFolders)
    func reconcilingWithoutTreesFindsTheSame(folder: String) throws {
        var workspace = try Workspace.load(root: folder)
        let full = try workspace.reconcile()
        workspace.keepsTrees = false
        let lean = try workspace.reconcile()
        #expect(lean.findings == full.findings, "\(folder)")
        #expect(lean.entryPairs.map(\.key) == full.entryPairs.map(\.key), "\(folder)")
        for (file, document) in lean.source.documents {
            #expect(document.tree.root.children.isEmpty && document.tree.root.attributes.isEmpty, "\(folder)/\(file)")
            #expect(document.tree.root.span == full.source.documents[file]?.tree.root.span)
            #expect(document.entries.map(\.content) == full.source.documents[file]?.entries.map(\.content))
        }
        let kept = full.source.documents.values.contains { !$0.tree.root.children.isEmpty }
        #expect(kept, "\(folder): a full reconciliation keeps the trees")
    }

    static let zh: [String: String] = [
        "a.xml": #"<section id="a"><item id="one">第 1 项</item><item id="two">第 2 项，共 12 个</item><item id="three">第三项</item></section>"#,
        "b.xml": #"<section id="b"><item id="x">乙 2020 年</item></section>"#,
        "missing.xml": #"<section id="m"><item id="gone">只在中文里</item></section>"#,
        "broken.xml": #"<section id="p"><item id="q">坏</section>"#,
        "dup.xml": #"<section id="d"><item id="same">一</item><item id="same">二</item><item id="ok">好</item></section>"#,
    ]
    static let en: [String: String] = [
        "a.xml": #"<section id="a"><item id="one">Item 1</item><item id="two">Item 2, 13 of them</item><item id="four">Orphan</item></section>"#,
        "b.xml": #"<section id="b"><item id="x">B in 2020</item></section>"#,
        "orphan.xml": #"<section id="o"><item id="alone">Only in English</item></section>"#,
        "broken.xml": #"<section id="p"><item id="q">Broken</item></section>"#,
        "dup.xml": #"<section id="d"><item id="same">One</item><item id="ok">Good</item></section>"#,
    ]

    /// Missing and orphan files, a parse error, duplicate IDs, missing and orphan entries and a
    /// number mismatch; without a lock, with one, with one that cannot be read, and silenced.
    @Test func brokenAndDriftedTreesCheckAlikeBothWays() throws {
        let noLock = try MergeProject(zh: Self.zh, en: Self.en)
        try Self.expectSame(noLock.workspace, "no lock")
        #expect(try noLock.workspace.check().exitStatus == 2, "the parse error is broken input")

        let earlier = Self.zh.merging(["b.xml": #"<section id="b"><item id="x">乙 2019 年</item></section>"#]) { $1 }
        let valid = Self.zh.filter { $0.key != "broken.xml" && $0.key != "dup.xml" }
        let locked = try MergeProject(
            zh: valid, en: Self.en.filter { valid[$0.key] != nil || $0.key == "orphan.xml" },
            baselineFrom: (earlier.filter { valid[$0.key] != nil }, Self.en.filter { valid[$0.key] != nil }))
        try Self.expectSame(locked.workspace, "lock")
        let lockedFindings = try locked.workspace.check().findings.map(\.rule)
        #expect(lockedFindings.contains(.stale) && lockedFindings.contains(.mismatchNumber))

        let full = try locked.workspace.reconcile()
        let list = try SilenceRecorder.silence(
            rule: "mismatch-number", keys: ["a.xml#two"], reason: "counted again", in: full, list: nil).list
        let lapsed = Silence(
            key: EntryKey(parsing: "b.xml#x")!, rule: "mismatch-date", sourceValue: "1999", targetValue: "2000",
            reason: "no longer true")
        try locked.write(SilenceList.fileName, list.replacing([lapsed]).serialized())
        try Self.expectSame(locked.workspace, "silenced")
        let silenced = try locked.workspace.check()
        #expect(silenced.silencing.silenced.map(\.key.description) == ["a.xml#two"])
        #expect(silenced.silencing.lapsed == [lapsed])

        try locked.write(Baseline.fileName, "not a lock\n")
        try Self.expectSame(locked.workspace, "unreadable lock")
        #expect(try locked.workspace.check().findings.contains { $0.rule == .lockError })
    }

    /// A lock big enough to be read in regions is read by file, each file pair checked against
    /// its own file's records: stale entries in several files are found as the full
    /// reconciliation, with the whole lock in one table, finds them.
    @Test func aLockReadByFileFindsWhatTheWholeLockFinds() throws {
        func files(_ zhWord: String, changed: Set<String>) -> (zh: [String: String], en: [String: String]) {
            var zh: [String: String] = [:]
            var en: [String: String] = [:]
            for file in 0..<8 {
                let items = (0..<5).map { item in
                    let key = "f\(file)-\(item)"
                    let word = changed.contains(key) ? zhWord : "甲"
                    return (#"<item id="\#(key)">"# + String(repeating: word, count: 40_000) + "</item>",
                            #"<item id="\#(key)">"# + String(repeating: "a ", count: 75_000) + "</item>")
                }
                zh["f\(file).xml"] = #"<section id="s\#(file)">"# + items.map(\.0).joined() + "</section>"
                en["f\(file).xml"] = #"<section id="s\#(file)">"# + items.map(\.1).joined() + "</section>"
            }
            return (zh, en)
        }
        let stale: Set<String> = ["f1-2", "f4-0", "f7-4"]
        let then = files("甲", changed: [])
        let now = files("乙", changed: stale)
        let project = try MergeProject(zh: now.zh, en: now.en, baselineFrom: then)
        let lockSize = try FileManager.default.attributesOfItem(atPath: project.path(Baseline.fileName))[.size] as? Int ?? 0
        #expect(LockRegions(size: lockSize) != nil, "the lock is read in regions (\(lockSize) bytes)")
        let lean = try project.workspace.check()
        Self.expectSame(lean, try project.workspace.reconcile(), "lock by file")
        #expect(Set(lean.findings.filter { $0.rule == .stale }.map(\.key.description)) == ["f1.xml#f1-2", "f4.xml#f4-0", "f7.xml#f7-4"])
        #expect(lean.unrecordedPairs.isEmpty)
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of the repository's own resume (trees, lock, config), for editing.
    static func resumeCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["zh", "en", Baseline.fileName, "resume-sync.toml"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    static func edit(_ folder: URL, _ file: String, _ old: String, _ new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(file) holds \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func theRepositoryResumeChecksAlikeBothWaysAsItIsAndMutated() throws {
        let folder = try Self.resumeCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try Workspace.load(root: folder.path)
        try Self.expectSame(workspace, "resume")
        let clean = try workspace.check()
        #expect(clean.findings.isEmpty && clean.pairedCount == clean.inSyncCount && clean.pairedCount > 50)

        try Self.edit(folder, "zh/activities.xml", "获得 114 stars", "获得 115 stars")
        try Self.edit(folder, "en/activities.xml", "2020-01", "2021-01")
        // A neutral value the target changed since the baseline: merge's own plan leaves it to a
        // person, which the report can only say by planning the merge.
        try Self.expectSame(workspace, "resume, neutral values edited")
        let planned = try #require(try workspace.streamedTodoReport())
        let attribute = planned.items.flatMap(\.findings).filter { $0.rule == .mismatchAttribute }
        #expect(!attribute.isEmpty)
        #expect(planned.items.filter { $0.findings.contains { $0.rule == .mismatchAttribute } }
            .allSatisfy { $0.mergeActions.contains { $0.kind == .needsPerson } })
        #expect(TodoReport(try workspace.reconcile()).items.contains { $0.mergeActions.contains { $0.kind == .copyNeutral } },
                "without merge's plan the report would say merge copies the value")
        try Self.edit(folder, "en/education.xml", "<section id=\"education\">", "<section id=\"education\"><item id=\"stray\">x</item>")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("en/honors.xml"))
        try Self.edit(folder, "zh/talks.xml", "</section>", "</sectio>")
        try Self.expectSame(workspace, "resume mutated")
        let mutated = try workspace.check()
        let rules = Set(mutated.findings.map(\.rule))
        #expect(rules.isSuperset(of: [.stale, .parseError, .missing, .orphan, .mismatchAttribute]), "\(rules)")
        #expect(mutated.inSyncCount < mutated.pairedCount)
    }

    /// Counts the documents alive at once, from the run's own events.
    final class LifetimeRecorder: @unchecked Sendable {
        private let lock = NSLock()
        private var alive: [RelativePath: Int] = [:]
        private(set) var mostAlive = 0
        private(set) var loaded: [RelativePath] = []
        private(set) var released: [RelativePath] = []

        func record(_ event: FilePairEvent) {
            lock.lock()
            defer { lock.unlock() }
            switch event {
            case .loaded(let file, let documents):
                loaded.append(file)
                alive[file] = documents
                mostAlive = max(mostAlive, alive.values.reduce(0, +))
            case .released(let file):
                released.append(file)
                alive[file] = nil
            }
        }
    }

    /// Far more file pairs than there are cores (a run that parsed every file first, as
    /// `reconcile()` does, would have them all alive at once), each written by `files`.
    static func manyPairs(_ files: (Int) -> (zh: String, en: String)) -> (zh: [String: String], en: [String: String]) {
        let pairs = 10 * (ProcessInfo.processInfo.activeProcessorCount + 1)
        var zh: [String: String] = [:]
        var en: [String: String] = [:]
        for index in 0..<pairs { (zh["f\(index).xml"], en["f\(index).xml"]) = files(index) }
        return (zh, en)
    }

    /// Every pair was loaded and released, and no more than two documents a worker at once.
    static func expectFewAlive(_ recorder: LifetimeRecorder, files: [String: String]) {
        let workers = ProcessInfo.processInfo.activeProcessorCount + 1
        #expect(Set(recorder.loaded) == Set(files.keys.map(RelativePath.init)) && recorder.loaded.count == files.count)
        #expect(Set(recorder.released) == Set(recorder.loaded) && recorder.released.count == files.count)
        #expect(recorder.mostAlive >= 2)
        #expect(recorder.mostAlive <= 2 * workers, "\(recorder.mostAlive) documents alive at once")
    }

    @Test func checkKeepsOnlyAFewDocumentsAliveAtOnce() throws {
        let (zh, en) = Self.manyPairs { index in
            (#"<section id="s"><item id="i">第 \#(index) 项</item></section>"#,
             #"<section id="s"><item id="i">Item \#(index + (index % 3 == 0 ? 1 : 0))</item></section>"#)
        }
        let project = try MergeProject(zh: zh, en: en)
        defer { try? FileManager.default.removeItem(at: project.root) }
        let recorder = LifetimeRecorder()
        let result = try project.workspace.check(observing: { recorder.record($0) })
        Self.expectFewAlive(recorder, files: zh)
        #expect(result.pairedCount == 2 * zh.count)
        #expect(result.findings.count == (zh.count + 2) / 3)
        Self.expectSame(result, try project.workspace.reconcile(), "many pairs")
    }

    /// `todo` and `status` too: each pair is planned as merge would plan it while its documents
    /// are alive, and released before the next.
    @Test func theTodoReportKeepsOnlyAFewDocumentsAliveAtOnce() throws {
        let (zh, en) = Self.manyPairs { index in
            let extra = index % 4 == 1 ? #"<item id="new">新的第 \#(index) 项</item>"# : ""
            return (#"<section id="s"><item id="i">第 \#(index) 项</item>\#(extra)</section>"#,
                    #"<section id="s"><item id="i">Item \#(index + (index % 3 == 0 ? 1 : 0))</item></section>"#)
        }
        let project = try MergeProject(zh: zh, en: en)
        defer { try? FileManager.default.removeItem(at: project.root) }
        let recorder = LifetimeRecorder()
        let report = try #require(try project.workspace.streamedTodoReport(observing: { recorder.record($0) }))
        Self.expectFewAlive(recorder, files: zh)
        #expect(report.items.filter { $0.mergeActions.contains { $0.kind == .insert } }.count == (zh.count + 2) / 4)
        try Self.expectSameTodo(project.workspace, try project.workspace.reconcile(), "many pairs")
    }

    /// `merge` too: each pair is planned, read back and compared while its documents are
    /// alive, and released before the next; the plan is the one made over the whole trees.
    @Test func mergeKeepsOnlyAFewDocumentsAliveAtOnce() throws {
        func files(_ index: Int, at: Int) -> (zh: String, en: String) {
            let extra = index % 4 == 1 ? #"<item id="new">新的第 \#(index) 项</item>"# : ""
            return (#"<section id="s"><item id="i" at="\#(at)">第 \#(index) 项</item>\#(extra)</section>"#,
                    #"<section id="s"><item id="i" at="0">Item \#(index)</item></section>"#)
        }
        let (zh, en) = Self.manyPairs { files($0, at: $0) }
        // The baseline was taken when every source said `at="0"`.
        let earlier = Self.manyPairs { files($0, at: 0) }
        let project = try MergeProject(zh: zh, en: en, baselineFrom: earlier)
        defer { try? FileManager.default.removeItem(at: project.root) }
        let recorder = LifetimeRecorder()
        let plan = try project.workspace.mergePlan(MergeRequest(), observing: { recorder.record($0) })
        Self.expectFewAlive(recorder, files: zh)
        #expect(plan.outcome.inserted.count == (zh.count + 2) / 4)
        #expect(plan.outcome.updated.count == zh.count - 1, "every pair but f0 gets its 'at' from the source")
        #expect(plan.outcome.confirmed.count == zh.count - 1, "the updated pairs are recorded in sync")
        #expect(plan.changes.last?.file == nil, "the lock changes too")
        Self.expectSameMerge(project.workspace, "many pairs", MergeRequest())
    }
}
