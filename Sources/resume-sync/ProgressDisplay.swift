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
    /// Reconciles as `reconcileOrExit()` does, with a progress bar on standard error when it is
    /// a terminal and the trees are big.
    ///
    /// Small trees, and runs whose standard error is no terminal, go through `reconcile()` itself.
    func reconcileShowingProgress() throws -> Reconciliation {
        let display = ProgressDisplay()
        guard display.isEnabled, fileCount >= ProgressDisplay.minimumFiles else { return try reconcileOrExit() }
        defer { display.finish() }
        do {
            return try reconcile(progress: { display.update($0) })
        } catch {
            display.finish()
            Terminal.standardError("resume-sync: error: \(error.message)\n")
            throw ExitCode(2)
        }
    }

    /// `diff`'s content, found one file pair at a time, with a progress bar on standard error
    /// as `reconcileShowingProgress()` draws one; an invocation error is exit status 2.
    func diffShowingProgress(includeInSync: Bool) throws -> (content: DiffContent, result: CheckResult) {
        let display = ProgressDisplay()
        let showsProgress = display.isEnabled && fileCount >= ProgressDisplay.minimumFiles
        defer { display.finish() }
        do {
            return try diff(includeInSync: includeInSync, progress: showsProgress ? { display.update($0) } : nil)
        } catch {
            display.finish()
            Terminal.standardError("resume-sync: error: \(error.message)\n")
            throw ExitCode(2)
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

extension Workspace {
    /// What `merge SOURCE TARGET` would do over these trees, for the reports that say so; `nil`
    /// when merge would refuse (broken input), and the reports then say what merge does by rule.
    func mergeOutcome(for result: Reconciliation) -> MergeOutcome? {
        let input = MergeInput.reading(self, source: result.source, target: result.target, result: result)
        return try? MergePlanner(input: input, request: MergeRequest()).plan().outcome
    }
}
