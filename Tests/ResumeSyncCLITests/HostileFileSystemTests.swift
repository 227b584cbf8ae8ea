import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile file-system layouts: files that cannot be read, things that are not files, and
/// symbolic links that lead out of a tree. Each is refused with exit status 2 and nothing
/// written; a link out of a tree is never read, and never written through.
@Suite struct HostileFileSystemTests {
    @Test func aSocketWhereAFileIsExpectedIsUnreadableEvenForRoot() throws {
        // `open` fails on a socket for every user, root included (ENXIO).
        let folder = try Sandbox.resume()
        let path = folder.appendingPathComponent("zh/work.xml").path
        try FileManager.default.removeItem(atPath: path)
        let socketDescriptor = try Self.bindUnixSocket(at: path)
        defer { close(socketDescriptor) }
        try Hostile.expectRefused(
            in: folder, at: "zh/work.xml:1:1", saying: "a socket stands where a file is expected; resume-sync reads regular files only")
    }

    @Test func aNamedPipeIsRefusedWithoutWaitingForAWriter() throws {
        let folder = try Sandbox.resume()
        let path = folder.appendingPathComponent("en/work.xml").path
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        try Hostile.expectRefused(
            in: folder, at: "en/work.xml:1:1", saying: "a named pipe stands where a file is expected",
            commands: [["check"], ["accept", "--all"], ["merge"]], seconds: 30)
    }

    @Test func aFileWithoutReadPermissionIsRefusedWithTheReason() throws {
        let folder = try Sandbox.resume()
        let path = folder.appendingPathComponent("zh/work.xml").path
        #expect(chmod(path, 0o000) == 0)
        // Root reads a mode-000 file anyway; run the tool as `nobody` then, so that the
        // permission really stops it.
        var prefix: [String] = []
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                print("note: skipped the chmod 000 case: running as root without setpriv to drop to nobody")
                return
            }
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            #expect(chmod(folder.path, 0o777) == 0)
            #expect(chmod(folder.appendingPathComponent("resume-sync.lock").path, 0o666) == 0)
        }
        let before = try FolderSnapshot(folder)
        for arguments in [["check"], ["accept", "--all"], ["merge"]] {
            let result = try BoundedCommand.run(arguments, in: folder, seconds: 60, prefix: prefix)
            let output = result.stdout + result.stderr
            #expect(result.status == 2, "\(arguments): \(output)")
            #expect(output.contains("zh/work.xml:1:1: "), "\(arguments): \(output)")
            #expect(output.contains("cannot read the file: Permission denied"), "\(arguments): \(output)")
            #expect(try FolderSnapshot(folder) == before, "\(arguments) wrote something")
        }
    }

    @Test func aFolderWhereAFileIsExpectedIsRefused() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("zh/work.xml"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("zh/work.xml"), withIntermediateDirectories: false)
        try Hostile.expectRefused(in: folder, at: "zh/work.xml:1:1", saying: "a folder stands where a file is expected")
    }

    @Test func aLinkToAFileOutsideTheTreeIsNeitherReadNorWrittenThrough() throws {
        let folder = try Sandbox.resume()
        let outside = try Sandbox.emptyFolder()
        let secret = outside.appendingPathComponent("secret.xml")
        try outside.write("secret.xml", "<section id=\"secret\"><title>TOP-SECRET-CONTENT</title></section>\n")
        let before = try FolderSnapshot(outside)
        for side in ["zh", "en"] {
            try FileManager.default.createSymbolicLink(
                atPath: folder.appendingPathComponent("\(side)/secret.xml").path, withDestinationPath: secret.path)
        }
        try Hostile.expectRefused(
            in: folder, at: "zh/secret.xml", saying: "a symbolic link to \(secret.resolvingSymlinksInPath().path), outside the tree 'zh'")
        let outputs = try Hostile.everyCommand.map { try Hostile.run($0, in: folder) }.map { $0.stdout + $0.stderr }.joined()
        #expect(!outputs.contains("TOP-SECRET-CONTENT"))
        #expect(try FolderSnapshot(outside) == before)
    }

    @Test func aLinkedFolderOutsideTheTargetTreeIsNeverWrittenInto() throws {
        // zh/extra/talks.xml has no counterpart; en/extra is a link out of the tree. A merge
        // that followed it would create the new file outside the project.
        let folder = try Sandbox.resume()
        let outside = try Sandbox.emptyFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("zh/extra"), withIntermediateDirectories: false)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("zh/talks.xml"), to: folder.appendingPathComponent("zh/extra/talks.xml"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("en/extra").path, withDestinationPath: outside.path)
        try Hostile.expectRefused(
            in: folder, at: "en/extra", saying: "a symbolic link to the folder \(outside.resolvingSymlinksInPath().path), outside the tree 'en'")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
    }

    @Test func linksThatStayInsideTheTreeAreRead() throws {
        let folder = try Sandbox.resume()
        for side in ["zh", "en"] {
            try FileManager.default.moveItem(
                at: folder.appendingPathComponent("\(side)/talks.xml"), to: folder.appendingPathComponent("\(side)/talks-real.xml.txt"))
            try FileManager.default.createSymbolicLink(
                atPath: folder.appendingPathComponent("\(side)/talks.xml").path, withDestinationPath: "talks-real.xml.txt")
        }
        let result = try Hostile.run(["check"], in: folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func aDanglingLinkIsRefusedNamingWhereItPoints() throws {
        let folder = try Sandbox.resume()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("en/work.xml"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("en/work.xml").path, withDestinationPath: "gone.xml")
        try Hostile.expectRefused(in: folder, at: "en/work.xml:1:1", saying: "a symbolic link to 'gone.xml', which does not exist")
    }

    /// A Unix-domain socket bound at `path`: a file-system entry that no one can `open`.
    static func bindUnixSocket(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { throw EditError(message: "socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard descriptor >= 0, bound == 0 else { throw EditError(message: "cannot bind a socket at \(path)") }
        return descriptor
    }
}
