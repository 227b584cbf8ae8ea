import ArgumentParser
import Foundation
import ResumeSyncCore
#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error while a long run reads its files.
///
/// Drawn only when standard error is a terminal (and `TERM` is not `dumb`), and only for runs of
/// at least `minimumFiles` files, so that a pre-commit hook on a small tree never flickers; never
/// on standard output, and erased once the files are read, so what a command prints is the same
/// with or without it.
///
/// `update` is called from the loader's worker threads, one call at a time (the loader
/// serialises them), hence `@unchecked Sendable`.
final class ProgressDisplay: @unchecked Sendable {
    static let minimumFiles = 100

    private let enabled: Bool
    private var lastDrawn: String?

    init() {
        let term = ProcessInfo.processInfo.environment["TERM"]
        enabled = isatty(STDERR_FILENO) == 1 && term != "dumb"
    }

    /// Whether standard error can show a bar at all.
    var isEnabled: Bool { enabled }

    /// Draws the bar again when it has moved by half a percent or the phase changed, so that
    /// a run over many thousand files does not write a line to the terminal for each.
    func update(_ progress: RunProgress) {
        guard enabled, progress.totalFiles >= Self.minimumFiles else { return }
        let step = Step(phase: progress.phase, step: progress.filesRead * 200 / max(progress.totalFiles, 1))
        guard step != lastStep else { return }
        lastStep = step
        let width = TerminalSize.columns(of: STDERR_FILENO) ?? TerminalSize.defaultColumns
        lastDrawn = RunProgressLine.render(progress, width: width)
        Terminal.standardError("\r" + (lastDrawn ?? "") + "\u{1B}[K")
    }

    private struct Step: Equatable {
        var phase: RunProgress.Phase
        var step: Int
    }

    private var lastStep: Step?

    /// Erases the bar, if one was drawn.
    func finish() {
        guard lastDrawn != nil else { return }
        lastDrawn = nil
        lastStep = nil
        Terminal.standardError("\r\u{1B}[K")
    }
}

extension Workspace {
    /// The TODO report (`todo`, `status`), with a progress bar on standard error when it is a
    /// terminal and the trees are big.
    func todoReportShowingProgress() throws -> TodoReport {
        try showingProgress { progress throws(InvocationError) in try todoReport(progress: progress) }
    }

    /// `diff`'s content, found one file pair at a time, with the same progress bar.
    func diffShowingProgress(includeInSync: Bool) throws -> (content: DiffContent, result: CheckResult) {
        try showingProgress { progress throws(InvocationError) in
            try diff(includeInSync: includeInSync, progress: progress)
        }
    }

    /// Runs `work` with a progress listener when a bar can be drawn (`nil` otherwise), erases
    /// the bar after, and turns an invocation error into exit status 2 with a message.
    private func showingProgress<Value>(
        _ work: ((@Sendable (RunProgress) -> Void)?) throws(InvocationError) -> Value
    ) throws -> Value {
        let display = ProgressDisplay()
        var progress: (@Sendable (RunProgress) -> Void)?
        if display.isEnabled, fileCount >= ProgressDisplay.minimumFiles {
            progress = { @Sendable in display.update($0) }
        }
        defer { display.finish() }
        return try Terminal.exitingOnInvocationError { () throws(InvocationError) in
            do throws(InvocationError) {
                return try work(progress)
            } catch {
                // The bar goes before the message, not after it.
                display.finish()
                throw error
            }
        }
    }

    /// How many content files the two trees hold; 0 when a tree cannot be listed (the run then
    /// reports that the usual way).
    private var fileCount: Int {
        let loader = TreeLoader(configuration: configuration)
        let sourceFiles = (try? loader.listFiles(in: source).count) ?? 0
        let targetFiles = (try? loader.listFiles(in: target).count) ?? 0
        return sourceFiles + targetFiles
    }
}
