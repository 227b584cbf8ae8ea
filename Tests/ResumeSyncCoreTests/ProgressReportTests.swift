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
