import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a file was when a command read it: its bytes, size and modification time, or that it
/// did not exist. Checked again right before the file is replaced, so that an edit made while
/// the command ran (an editor saving, another tool) is never overwritten.
public struct FileSnapshot: Sendable, Equatable {
    public var path: String
    /// The bytes the command worked from; `nil` when the file did not exist.
    public var bytes: [UInt8]?
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var inode: UInt64

    public var existed: Bool { bytes != nil }

    /// The file at `path` as it is now on disk, given the bytes the caller read from it.
    public static func of(_ path: String, bytes: [UInt8]) -> FileSnapshot {
        var snapshot = FileSnapshot(path: path, bytes: bytes, size: -1, modifiedSeconds: 0, modifiedNanoseconds: 0, inode: 0)
        if let status = status(of: path) {
            snapshot.size = Int64(status.st_size)
            snapshot.modifiedSeconds = status.st_mtim.tv_sec
            snapshot.modifiedNanoseconds = status.st_mtim.tv_nsec
            snapshot.inode = UInt64(status.st_ino)
        }
        return snapshot
    }

    /// A file that does not exist, and must still not exist when it is created.
    public static func absent(_ path: String) -> FileSnapshot {
        FileSnapshot(path: path, bytes: nil, size: -1, modifiedSeconds: 0, modifiedNanoseconds: 0, inode: 0)
    }

    /// Reads the file's bytes and takes its snapshot together; `nil` when it does not exist.
    public static func read(_ path: String) -> FileSnapshot? {
        guard let bytes = contents(of: path) else { return nil }
        return of(path, bytes: bytes)
    }

    /// The file's bytes, read straight into one array: a big project's lock is hundreds of
    /// megabytes, and reading it through `Data` held it twice.
    static func contents(of path: String) -> [UInt8]? {
        try? TreeFileReader.read(path).get()
    }

    /// Throws when the file is no longer what was read: other bytes, size, time or inode, or gone.
    public func verifyUnchanged() throws(AtomicFile.WriteError) {
        guard let bytes else {
            if Self.status(of: path) != nil {
                throw AtomicFile.WriteError(path: path, reason: "appeared while the merge ran; it was not overwritten", changedOnDisk: true)
            }
            return
        }
        guard let status = Self.status(of: path) else {
            throw AtomicFile.WriteError(path: path, reason: "was removed while the merge ran", changedOnDisk: true)
        }
        let sameStat = Int64(status.st_size) == size && status.st_mtim.tv_sec == modifiedSeconds
            && status.st_mtim.tv_nsec == modifiedNanoseconds && UInt64(status.st_ino) == inode
        let current = Self.contents(of: path)
        guard sameStat, current == bytes else {
            throw AtomicFile.WriteError(
                path: path, reason: "changed on disk while the merge ran; it was not overwritten", changedOnDisk: true)
        }
    }

    private static func status(of path: String) -> stat? {
        var result = stat()
        guard stat(path, &result) == 0 else { return nil }
        return result
    }
}
