import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file's new bytes, written and flushed to a temporary file beside it, waiting to be put in
/// place. Either `commit` or `discard` it: the temporary file stays until one of them runs.
public struct StagedFile: Sendable {
    /// The path as the caller gave it, for messages.
    public var path: String
    /// `path` with symbolic links resolved: the file that is replaced, so a link stays a link.
    var destination: String
    var directory: String
    var temporary: String
    /// Whether a file stood at the destination when the new bytes were staged.
    var replaces: Bool

    /// Puts the new bytes in place with one `rename` (or, for a file that must not exist yet,
    /// one `link`, which refuses to replace a file that appeared meanwhile).
    ///
    /// With `expected`, the file on disk is compared with what was read first, right before the
    /// rename: a file that someone changed since is left as it is, and the error says so.
    public func commit(expecting expected: FileSnapshot? = nil) throws(AtomicFile.WriteError) {
        if let expected, !expected.existed {
            guard link(temporary, destination) == 0 else {
                let exists = errno == EEXIST
                let reason = AtomicFile.errorText()
                discard()
                if exists {
                    throw AtomicFile.WriteError(
                        path: path, reason: "appeared while the merge ran; it was not overwritten", changedOnDisk: true)
                }
                throw AtomicFile.WriteError(path: path, reason: reason)
            }
            discard()
            AtomicFile.syncFolder(directory)
            return
        }
        if let expected {
            do {
                try expected.verifyUnchanged()
            } catch {
                discard()
                throw error
            }
        }
        guard rename(temporary, destination) == 0 else {
            let reason = AtomicFile.errorText()
            discard()
            throw AtomicFile.WriteError(path: path, reason: reason)
        }
        AtomicFile.syncFolder(directory)
    }

    /// Removes the temporary file; the destination is left as it is.
    public func discard() {
        unlink(temporary)
    }
}
