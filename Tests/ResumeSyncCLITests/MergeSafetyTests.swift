import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Merge refuses broken input without writing, and two merges of one project never interleave.
@Suite struct MergeCommandSafetyTests {
    static let lockFile = ".resume-sync.merge-lock"

    /// A copy of the resume with a job missing from en, so that a merge has something to write.
    static func sandboxWithWork() throws -> URL {
        let folder = try Sandbox.resume()
        let text = try folder.read("en/work.xml")
        let job = try MergeResumeTests.block(in: text, from: "  <entry id=\"cootek-intern\">", through: "  </entry>")
        try folder.edit("en/work.xml", replacing: job, with: "")
        return folder
    }

    @Test func aParseErrorInTheSourceStopsTheMergeWithItsLocation() throws {
        let folder = try Self.sandboxWithWork()
        try folder.edit("zh/talks.xml", replacing: "</section>", with: "</sectio>")
        let before = try MergeByteExactTests.snapshot(folder)
        let result = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("resume-sync: error: the input is broken, so nothing was written; fix it, then merge again:\n  zh/talks.xml:"))
        #expect(result.stderr.contains("[parse-error]"))
        #expect(try MergeByteExactTests.snapshot(folder) == before)
    }

    @Test func aDuplicateIDInTheTargetStopsTheMerge() throws {
        let folder = try Self.sandboxWithWork()
        try folder.edit("en/work.xml", replacing: "<item id=\"caicloud-tech-lead-trends\">", with: "<item id=\"caicloud-tech-lead-features\">")
        let before = try MergeByteExactTests.snapshot(folder)
        let result = try ResumeSyncCommand.run(["merge", "zh", "en", "--prune"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("en/work.xml:10:5: the ID 'caicloud-tech-lead-features' is used again here"))
        #expect(result.stderr.contains("[duplicate-id]"))
        #expect(try MergeByteExactTests.snapshot(folder) == before)
    }

    @Test func aBrokenLockStopsTheMerge() throws {
        let folder = try Self.sandboxWithWork()
        try folder.write("resume-sync.lock", "<<<<<<< HEAD\n")
        let before = try MergeByteExactTests.snapshot(folder)
        let result = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("resume-sync.lock:1:1: unresolved git merge conflict in the lock file"))
        #expect(result.stderr.contains("[lock-error]"))
        #expect(try MergeByteExactTests.snapshot(folder) == before)
    }

    @Test func aMergeRunningElsewhereIsRefusedWithoutWriting() throws {
        let folder = try Self.sandboxWithWork()
        let before = try MergeByteExactTests.snapshot(folder)
        let descriptor = try Self.holdLock(in: folder)
        defer { close(descriptor) }
        let result = try ResumeSyncCommand.run(["merge", "zh", "en"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "resume-sync: error: another resume-sync merge is running in this project (it holds \(Self.lockFile)); wait for it to finish, or run with --wait; nothing was written\n")
        var after = try MergeByteExactTests.snapshot(folder)
        after[Self.lockFile] = nil
        #expect(after == before.filter { $0.key != Self.lockFile })
    }

    @Test func withWaitAMergeRunsOnceTheOtherFinishes() throws {
        let folder = try Self.sandboxWithWork()
        let old = try folder.read("en/work.xml")
        let descriptor = try Self.holdLock(in: folder)
        let waiting = try Self.start(["merge", "zh", "en", "--wait"], in: folder)
        Thread.sleep(forTimeInterval: 1)
        #expect(waiting.process.isRunning)
        #expect(try folder.read("en/work.xml") == old)
        // The holder removes its file before letting go, as a merge does.
        unlink(folder.appendingPathComponent(Self.lockFile).path)
        close(descriptor)
        waiting.process.waitUntilExit()
        #expect(waiting.process.terminationStatus == 0)
        #expect(try waiting.stderr().contains("inserted 1 entry into en/work.xml"))
        #expect(try folder.read("en/work.xml") != old)
    }

    @Test func twoMergesAtOnceGiveTheResultOfOne() throws {
        let folder = try Self.sandboxWithWork()
        let reference = try Self.sandboxWithWork()
        try ResumeSyncCommand.run(["merge", "zh", "en"], in: reference)
        let runs = try (0..<2).map { _ in try Self.start(["merge", "zh", "en", "--wait"], in: folder) }
        for run in runs { run.process.waitUntilExit() }
        #expect(runs.map(\.process.terminationStatus) == [0, 0])
        let messages = try runs.map { try $0.stderr() }
        #expect(messages.filter { $0.contains("inserted 1 entry into en/work.xml") }.count == 1, "\(messages)")
        #expect(messages.filter { $0.contains("nothing to merge") }.count == 1, "\(messages)")
        #expect(try folder.read("en/work.xml") == reference.read("en/work.xml"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(Self.lockFile).path))
    }

    /// Takes the merge lock of the project in `folder` the way a running merge holds it.
    static func holdLock(in folder: URL) throws -> Int32 {
        let descriptor = open(folder.appendingPathComponent(lockFile).path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            throw EditError(message: "cannot take the merge lock")
        }
        return descriptor
    }

    struct Running {
        var process: Process
        var errorURL: URL

        func stderr() throws -> String {
            String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        }
    }

    /// Starts the built `resume-sync` without waiting for it.
    static func start(_ arguments: [String], in folder: URL) throws -> Running {
        let process = Process()
        process.executableURL = ResumeSyncCommand.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let errorURL = try Sandbox.emptyFolder().appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, errorURL: errorURL)
    }
}
