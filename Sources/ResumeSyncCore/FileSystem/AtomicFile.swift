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

        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let resolved = resolvingSymlinks(path)
        let folder = (resolved as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        let name = (resolved as NSString).lastPathComponent
        var template = Array("\(directory)/.\(name).resume-sync-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: errorText()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            if !renamed { unlink(temporary) }
        }
        var status = stat()
        if stat(resolved, &status) == 0 {
            fchmod(descriptor, status.st_mode & 0o7777)
            _ = fchown(descriptor, status.st_uid, status.st_gid)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
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
            throw WriteError(path: path, reason: failure)
        }
        guard fsync(descriptor) == 0 else {
            let reason = errorText()
            close(descriptor)
            throw WriteError(path: path, reason: reason)
        }
        close(descriptor)
        guard rename(temporary, resolved) == 0 else { throw WriteError(path: path, reason: errorText()) }
        renamed = true
        let folderDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    static func resolvingSymlinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
