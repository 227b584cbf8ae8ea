import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader sees either the old bytes or the new, never a mix: a
/// temporary file in the same folder, the old file's permissions, `fsync`, `rename`, and an
/// `fsync` of the folder. A symbolic link is written through, not replaced.
public enum AtomicFile {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The file changed on disk (or appeared) after it was read: someone else is editing it.
        public var changedOnDisk = false

        public var description: String {
            changedOnDisk ? "\(path) \(reason)" : "cannot write \(path): \(reason)"
        }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        try stage(bytes, for: path).commit()
    }

    /// Writes `bytes` to a temporary file beside `path` (with `path`'s permissions and owner, or
    /// the umask's for a new file) and flushes it, without touching `path` yet: `commit` puts it
    /// in place. Staging every file of a change first lets the last checks run just before the
    /// renames, so that a refusal leaves every file as it was.
    public static func stage(_ bytes: [UInt8], for path: String) throws(WriteError) -> StagedFile {
        let resolved = resolvingSymlinks(path)
        let folder = (resolved as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        let name = (resolved as NSString).lastPathComponent
        var template = Array("\(directory)/.\(name).resume-sync-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: errorText()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var status = stat()
        let exists = stat(resolved, &status) == 0
        if exists {
            fchmod(descriptor, status.st_mode & 0o7777)
            _ = fchown(descriptor, status.st_uid, status.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            while written < buffer.count {
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errorText()
                }
                written += result
            }
            return nil
        }
        if let failure {
            close(descriptor)
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        guard fsync(descriptor) == 0 else {
            let reason = errorText()
            close(descriptor)
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        close(descriptor)
        return StagedFile(path: path, destination: resolved, directory: directory, temporary: temporary, replaces: exists)
    }

    static func resolvingSymlinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }

    /// Flushes a folder's entry list, so that a rename in it survives a crash.
    static func syncFolder(_ directory: String) {
        let folderDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}
