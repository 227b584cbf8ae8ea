import Foundation

/// What one run of the built `resume-sync` printed and returned.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
}

/// Runs the `resume-sync` executable that `swift build` put beside the test bundle.
enum ResumeSyncCommand {
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the runner is `<build>/debug/resume-syncPackageTests.xctest`; on Darwin it
        // is a bundle one folder deeper.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume-sync").path),
              folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("resume-sync")
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
        var overrides: [String: String?] = ["NO_COLOR": nil]
        for (key, value) in environment { overrides[key] = value }
        return try ProcessRunner.run([executable.path] + arguments, in: directory, environment: overrides).result
    }
}

/// Runs a program with its output captured in files (a pipe that fills up would block it),
/// standard input empty, this process's environment with `environment`'s changes (`nil`
/// removes a variable), killed after `timeout` seconds when one is given.
enum ProcessRunner {
    struct Outcome {
        var result: CommandResult
        var timedOut: Bool
    }

    static func run(
        _ command: [String], in directory: URL, environment: [String: String?] = [:], timeout: Double? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let scratch = try Sandbox.emptyFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var timedOut = false
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                timedOut = true
            }
        }
        process.waitUntilExit()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return Outcome(
            result: CommandResult(status: process.terminationStatus, stdout: read(outURL), stderr: read(errURL)),
            timedOut: timedOut)
    }
}

/// Copies of fixture trees and of the repository's own resume, in fresh temporary folders.
enum Sandbox {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder under the system's temporary folder.
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("resume-sync-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A copy of `Fixtures/<name>` (its `zh/`, `en/` and any lock file).
    static func fixture(_ name: String) throws -> URL {
        let folder = try emptyFolder()
        let source = fixtures.appendingPathComponent(name)
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        return folder
    }

    /// A copy of the repository's own `zh/`, `en/` and `resume-sync.lock`.
    static func resume() throws -> URL {
        let folder = try emptyFolder()
        for item in ["zh", "en", "resume-sync.lock"] {
            try FileManager.default.copyItem(
                at: repository.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        return folder
    }
}

extension URL {
    func read(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: appendingPathComponent(relative)), as: UTF8.self)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Replaces exactly one occurrence of `old` in the file; fails the edit when there is not exactly one.
    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let text = try read(relative)
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else {
            throw EditError(message: "'\(old)' occurs \(parts.count - 1) times in \(relative)")
        }
        try write(relative, parts.joined(separator: new))
    }
}

struct EditError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
