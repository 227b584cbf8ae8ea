import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a tree's files from disk without being led astray: regular files only (a named pipe
/// would block the read forever, a device would never end), every failure with its reason, and
/// no symbolic link that leaves the tree.
///
/// A link out of a tree is refused rather than read or skipped: reading it would check (and
/// print, and let `merge` write) a file that is not part of the project, and skipping it would
/// make its entries look missing. Links that stay inside the tree are read like the file they
/// name; links to folders are not followed at all.
enum TreeFileReader {
    /// Why a file could not be read, as a sentence for a `parse-error` finding.
    struct Failure: Error, Sendable {
        var message: String
    }

    private static let typeMask: mode_t = 0o170000
    private static let regular: mode_t = 0o100000
    private static let directory: mode_t = 0o040000
    private static let symbolicLink: mode_t = 0o120000
    private static let namedPipe: mode_t = 0o010000
    private static let socket: mode_t = 0o140000

    /// The bytes of the file at `path`.
    static func read(_ path: String) -> Result<[UInt8], Failure> {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .failure(Failure(message: "cannot read the file: \(errorText())")) }
        var status = stat()
        guard stat(path, &status) == 0 else {
            if link.st_mode & typeMask == symbolicLink {
                return .failure(Failure(message: "a symbolic link to '\(linkTarget(path))', which does not exist"))
            }
            return .failure(Failure(message: "cannot read the file: \(errorText())"))
        }
        if let refusal = refusal(forType: status.st_mode & typeMask) { return .failure(Failure(message: refusal)) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return .failure(Failure(message: "cannot read the file: \(errorText())")) }
        defer { close(descriptor) }
        // The path may have been swapped for something else since `stat`.
        guard fstat(descriptor, &status) == 0, status.st_mode & typeMask == regular else {
            return .failure(Failure(message: "cannot read the file: it is no longer a regular file"))
        }
        // The size `stat` gave, read into memory that is not cleared first: the array holds
        // what the reads wrote.
        let size = max(Int(status.st_size), 0)
        var readError: String?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size, let base = buffer.baseAddress {
                let result = Glibc.read(descriptor, base + count, size - count)
                if result < 0 {
                    if errno == EINTR { continue }
                    readError = errorText()
                    return
                }
                if result == 0 { break }
                count += result
            }
        }
        if let readError { return .failure(Failure(message: "cannot read the file: \(readError)")) }
        // Read on when all of it came: a small read tells the end (the usual case) from a file
        // that grew, without making room for a second copy of a big file first.
        if bytes.count == size {
            var probe = [UInt8](repeating: 0, count: 4096)
            while true {
                let result = probe.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    return .failure(Failure(message: "cannot read the file: \(errorText())"))
                }
                if result == 0 { break }
                bytes += probe[..<result]
            }
        }
        return .success(bytes)
    }

    private static func refusal(forType type: mode_t) -> String? {
        switch type {
        case regular: return nil
        case directory: return "a folder stands where a file is expected"
        case namedPipe: return "a named pipe stands where a file is expected; resume-sync reads regular files only"
        case socket: return "a socket stands where a file is expected; resume-sync reads regular files only"
        default: return "a device or other special file stands where a file is expected; resume-sync reads regular files only"
        }
    }

    /// Every entry below the folder `root` that is not hidden, nor inside a hidden folder, as a
    /// path relative to it, and whether it may be a link (what `refuseLinkLeavingTree` is for);
    /// `nil` when `root` cannot be read. Links to folders are not gone into, and neither are
    /// folders that cannot be read. `readdir` gives each entry's type, so most entries need no
    /// `stat` of their own, where `FileManager`'s enumerator costs a hundred times more.
    static func entries(below root: String) -> [(relative: String, mayBeLink: Bool)]? {
        var entries: [(relative: String, mayBeLink: Bool)] = []
        func list(_ folder: String, relative prefix: String) -> Bool {
            guard let stream = opendir(folder) else { return false }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name.hasPrefix(".") { continue }
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(folder + "/" + name, &status) == 0 else { continue }
                    let mode = status.st_mode & typeMask
                    type = UInt8(mode == directory ? DT_DIR : mode == symbolicLink ? DT_LNK : DT_REG)
                }
                entries.append((relative, type == UInt8(DT_LNK)))
                if type == UInt8(DT_DIR) { _ = list(folder + "/" + name, relative: relative) }
            }
            return true
        }
        return list(root, relative: "") ? entries : nil
    }

    /// The real path of a tree's root folder, which links are judged against.
    static func resolvedRoot(of spec: TreeSpec) -> String {
        AtomicFile.resolvingSymlinks(spec.root)
    }

    /// Refuses `relative`, an entry found below the tree root, when it is a symbolic link that
    /// leads out of the tree: to a folder (any), or to a file when it is content (`isContent`).
    static func refuseLinkLeavingTree(
        _ relative: String, of spec: TreeSpec, resolvedRoot: String, isContent: Bool
    ) throws(InvocationError) {
        let path = spec.filePath(RelativePath(relative))
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & typeMask == symbolicLink else { return }
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let isFolder = status.st_mode & typeMask == directory
        guard isFolder || isContent else { return }
        let resolved = AtomicFile.resolvingSymlinks(path)
        let root = resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/"
        guard !resolved.hasPrefix(root) else { return }
        throw InvocationError(
            "\(spec.displayPath(RelativePath(relative))): a symbolic link to \(isFolder ? "the folder " : "")\(resolved), "
            + "outside the tree '\(spec.displayRoot)'; resume-sync neither reads nor writes through a link that leaves "
            + "a tree: replace the link with what it points to, or point the tree at the real folder")
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length >= 0 else { return "?" }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
