import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a small file next to `resume-sync.lock`, held while a merge reads,
/// plans and writes, so that two merges of one project cannot interleave.
///
/// The file exists only while a merge holds it: the holder removes it before letting go, and a
/// merge that waited re-checks that the file it locked is still the one at the path (otherwise
/// it locked a file already removed, and tries again). A merge that crashed leaves the file
/// behind but not the lock: the kernel drops an `flock` with its process.
public final class MergeLock {
    public static let fileName = ".resume-sync.merge-lock"

    /// Another merge holds the lock.
    public struct Busy: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String {
            "another resume-sync merge is running in this project (it holds \(path)); wait for it to finish, or run with --wait"
        }
    }

    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// The lock file's path for a project whose baseline is at `lockPath`.
    public static func path(besideBaseline lockPath: String) -> String {
        let folder = (lockPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? fileName : "\(folder)/\(fileName)"
    }

    /// Takes the lock; with `wait`, blocks until the merge holding it finishes.
    public static func acquire(at path: String, wait: Bool) throws -> MergeLock {
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw InvocationError("cannot create the merge lock \(path): \(String(cString: strerror(errno)))")
            }
            var result: Int32
            repeat {
                result = flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB))
            } while result != 0 && errno == EINTR
            if result != 0 {
                let busy = errno == EWOULDBLOCK
                let reason = String(cString: strerror(errno))
                close(descriptor)
                if busy { throw Busy(path: path) }
                throw InvocationError("cannot lock \(path): \(reason)")
            }
            // The holder before us may have removed the file after we opened it.
            var opened = stat()
            var current = stat()
            if fstat(descriptor, &opened) == 0, stat(path, &current) == 0,
               opened.st_ino == current.st_ino, opened.st_dev == current.st_dev {
                return MergeLock(path: path, descriptor: descriptor)
            }
            close(descriptor)
        }
    }

    /// Removes the lock file and lets go of the lock.
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit {
        release()
    }
}
