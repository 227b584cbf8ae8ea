import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every file below a folder, with its bytes and permissions: equal snapshots mean nothing was
/// written, created or removed.
struct FolderSnapshot: Equatable {
    var files: [String: Data] = [:]
    var modes: [String: UInt16] = [:]

    init(_ folder: URL) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return }
        while let relative = enumerator.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            modes[relative] = UInt16(status.st_mode & 0o177777)
            if status.st_mode & 0o170000 == 0o100000 {
                files[relative] = FileManager.default.contents(atPath: path) ?? Data()
            }
        }
    }
}

/// A TCP listener on 127.0.0.1 that only counts connections: the kernel completes a client's
/// handshake into the backlog whether or not anyone calls `accept`, so every attempt is seen.
final class ConnectionRecorder {
    let port: UInt16
    private let descriptor: Int32

    init() throws {
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard listening >= 0, bound == 0, listen(listening, 64) == 0 else {
            throw EditError(message: "cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
        }
        _ = fcntl(listening, F_SETFL, fcntl(listening, F_GETFL) | O_NONBLOCK)
        descriptor = listening
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(descriptor)
    }

    private var accepted = 0

    /// Connections made so far.
    func connections() -> Int {
        while true {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { break }
            close(client)
            accepted += 1
        }
        return accepted
    }

    /// Connects once, as a fetch would.
    func connectOnce() throws {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw EditError(message: "cannot connect to the recorder") }
    }
}

/// Runs the built `resume-sync` like `ResumeSyncCommand.run`, but killed after `seconds` (the
/// test then fails with what it printed so far) and, when `addressSpaceKiB` is given, under
/// `ulimit -v` so that a memory blow-up ends the run rather than the machine.
enum BoundedCommand {
    struct TimedOut: Error, CustomStringConvertible {
        var arguments: [String]
        var seconds: Double
        var output: String
        var description: String { "resume-sync \(arguments.joined(separator: " ")) did not finish in \(seconds) s: \(output)" }
    }

    static func run(
        _ arguments: [String], in directory: URL, seconds: Double, addressSpaceKiB: Int? = nil,
        environment: [String: String] = [:], prefix: [String] = []
    ) throws -> CommandResult {
        var command = prefix + [ResumeSyncCommand.executable.path] + arguments
        if let addressSpaceKiB {
            command = ["/bin/sh", "-c", "ulimit -v \(addressSpaceKiB) && exec \"$@\"", "sh"] + command
        }
        var overrides: [String: String?] = ["NO_COLOR": nil]
        for (key, value) in environment { overrides[key] = value }
        let outcome = try ProcessRunner.run(command, in: directory, environment: overrides, timeout: seconds)
        if outcome.timedOut {
            throw TimedOut(arguments: arguments, seconds: seconds, output: outcome.result.stdout + outcome.result.stderr)
        }
        return outcome.result
    }
}
