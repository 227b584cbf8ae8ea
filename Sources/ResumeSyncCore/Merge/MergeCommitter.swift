import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a merge plan: every file or none. All new files are staged (written and flushed
/// beside their destinations) first; then each file is checked against what was read and put
/// in place, one rename each. A file that changed on disk since it was read stops the merge
/// before it is touched.
public enum MergeCommitter {
    /// The merge stopped: why, and which files had already been put in place.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var error: AtomicFile.WriteError
        public var written: [String]

        public var description: String {
            let done = written.isEmpty
                ? "nothing was written"
                : "already written: \(written.joined(separator: ", ")); nothing else was written"
            return "\(error.description); \(done)"
        }
    }

    /// Writes the plan's changes; returns the display paths written, in order.
    @discardableResult
    public static func commit(_ plan: MergePlan) throws(Failure) -> [String] {
        var staged: [Int: StagedFile] = [:]
        func discardAll() {
            for file in staged.values { file.discard() }
            staged.removeAll()
        }
        do throws(AtomicFile.WriteError) {
            for change in plan.changes { try change.snapshot.verifyUnchanged() }
            for (index, change) in plan.changes.enumerated() where change.kind != .delete {
                if change.kind == .create {
                    let folder = (change.path as NSString).deletingLastPathComponent
                    if !folder.isEmpty {
                        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    }
                }
                staged[index] = try AtomicFile.stage(change.newBytes, for: change.path)
            }
            for change in plan.changes { try change.snapshot.verifyUnchanged() }
        } catch {
            discardAll()
            throw Failure(error: error, written: [])
        }
        var written: [String] = []
        for (index, change) in plan.changes.enumerated() {
            do throws(AtomicFile.WriteError) {
                if let file = staged.removeValue(forKey: index) {
                    try file.commit(expecting: change.snapshot)
                } else {
                    try change.snapshot.verifyUnchanged()
                    guard unlink(change.path) == 0 else {
                        throw AtomicFile.WriteError(path: change.displayPath, reason: AtomicFile.errorText())
                    }
                }
                written.append(change.displayPath)
            } catch {
                discardAll()
                throw Failure(error: error, written: written)
            }
        }
        return written
    }
}
