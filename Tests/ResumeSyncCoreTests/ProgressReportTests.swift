import Foundation
import ResumeSyncCore
import Testing

/// Progress figures and bars, as pure functions.
@Suite struct ProgressReportTests {
    @Test func theFigureRoundsDownSoThatOnlyDoneIsAHundred() {
        #expect(SyncProgress(done: 199, total: 200).percent == 99)
        #expect(SyncProgress(done: 200, total: 200).percent == 100)
        #expect(SyncProgress(done: 1, total: 3).percent == 33)
        #expect(SyncProgress(done: 0, total: 0).percent == 100)
        #expect(SyncProgress(done: 0, total: 0).isComplete)
        #expect(SyncProgress(done: 5, total: 3) == SyncProgress(done: 3, total: 3))
    }

    @Test func theBarIsFullOnlyWhenDoneAndNeverEmptyOnceStarted() {
        let bar = ProgressBar.ascii
        #expect(bar.render(SyncProgress(done: 0, total: 10), cells: 10) == "----------")
        #expect(bar.render(SyncProgress(done: 5, total: 10), cells: 10) == "#####-----")
        #expect(bar.render(SyncProgress(done: 10, total: 10), cells: 10) == "##########")
        #expect(bar.render(SyncProgress(done: 1, total: 1000), cells: 10) == "#---------")
        #expect(bar.render(SyncProgress(done: 999, total: 1000), cells: 10) == "#########-")
        #expect(ProgressBar.blocks.render(SyncProgress(done: 1, total: 4), cells: 4) == "█░░░")
        #expect(bar.render(SyncProgress(done: 1, total: 2), cells: 0) == "")
    }

    @Test func theRunLineShowsTheTreeTheFigureAndTheBar() {
        let progress = RunProgress(phase: .reading("zh"), filesRead: 350, totalFiles: 1000)
        #expect(RunProgressLine.render(progress, width: 80)
            == "resume-sync: reading zh  [##########--------------------]   35%  350/1000 files")
        #expect(RunProgressLine.render(RunProgress(phase: .checking, filesRead: 1000, totalFiles: 1000), width: 60)
            == "resume-sync: checking  [###########]  100%  1000/1000 files")
    }

    @Test(arguments: [1, 10, 20, 30, 45, 60, 80, 200])
    func theRunLineNeverWrapsTheTerminal(width: Int) {
        for read in [0, 1, 500, 999, 1000] {
            for phase in [RunProgress.Phase.reading("文档/中文"), .checking] {
                let line = RunProgressLine.render(RunProgress(phase: phase, filesRead: read, totalFiles: 1000), width: width)
                #expect(DisplayWidth.of(line) <= max(width - 1, 0), "\(width): \(line)")
            }
        }
    }
}

/// `reconcile(progress:)`, which feeds the progress bar, must find exactly what `reconcile()`
/// finds, for every fixture tree the project has (configs, formats and locks included).
@Suite struct ProgressReconcileReportTests {
    static let fixtureFolders: [String] = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        var folders: [String] = []
        for suite in ["ResumeSyncCLITests", "ResumeSyncCoreTests"] {
            let fixtures = tests.appendingPathComponent(suite).appendingPathComponent("Fixtures")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
            for name in names.sorted() {
                let folder = fixtures.appendingPathComponent(name)
                let hasTrees = FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync.toml").path)
                    || FileManager.default.fileExists(atPath: folder.appendingPathComponent("zh").path)
                if hasTrees { folders.append(folder.path) }
            }
        }
        return folders
    }()

    @Test func thereAreFixturesToCompare() {
        #expect(Self.fixtureFolders.count >= 2)
    }

    @Test(arguments: fixtureFolders)
    func withProgressFindsWhatWithoutFinds(folder: String) throws {
        let workspace = try Workspace.load(root: folder)
        let plain = try workspace.reconcile()
        let recorder = ProgressRecorder()
        let observed = try workspace.reconcile(progress: { recorder.append($0) })
        let events = recorder.events
        #expect(observed.findings == plain.findings)
        #expect(observed.entryPairs.map(\.key) == plain.entryPairs.map(\.key))
        #expect(observed.filePairs.map(\.file) == plain.filePairs.map(\.file))
        #expect(observed.hasBaseline == plain.hasBaseline)
        let files = plain.source.files.count + plain.target.files.count
        #expect(events.count == files + 1)
        #expect(events.last == RunProgress(phase: .checking, filesRead: files, totalFiles: files))

        // `todo` goes one file pair at a time, and counts the files of the pairs done.
        let todoRecorder = ProgressRecorder()
        _ = try workspace.todoReport(progress: { todoRecorder.append($0) })
        #expect(todoRecorder.events.allSatisfy { $0.totalFiles == files })
        #expect(todoRecorder.events.last == RunProgress(phase: .checking, filesRead: files, totalFiles: files))
    }
}

/// Collects progress events, which arrive from the loader's worker threads.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [RunProgress] = []

    func append(_ event: RunProgress) {
        lock.lock()
        collected.append(event)
        lock.unlock()
    }

    var events: [RunProgress] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
