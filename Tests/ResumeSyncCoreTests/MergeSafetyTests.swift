import Foundation
import Testing
@testable import ResumeSyncCore
#if canImport(Glibc)
import Glibc
#endif

/// DESIGN §7's promises about writing: all files or none, a file edited during the merge is not
/// overwritten, permissions and symbolic links survive, and two merges cannot interleave.
@Suite struct MergeSafetyTests {
    static let zh = "<s>\n  <item id=\"a\">甲</item>\n  <item id=\"b\">乙</item>\n  <entry id=\"c\"><period from=\"2021\"/></entry>\n</s>\n"
    static let enBefore = "<s>\n  <item id=\"a\">A</item>\n  <entry id=\"c\"><period from=\"2020\"/></entry>\n</s>\n"

    /// A project whose merge writes two files: en/w.xml and the lock.
    static func project() throws -> MergeProject {
        try MergeProject(
            zh: ["w.xml": zh], en: ["w.xml": enBefore],
            baselineFrom: (["w.xml": enBefore.replacingOccurrences(of: ">A<", with: ">甲<")], ["w.xml": enBefore]))
    }

    @Test func aFileEditedAfterItWasReadIsNotOverwrittenAndNothingElseIsWritten() throws {
        let project = try Self.project()
        let plan = try project.plan()
        #expect(plan.changes.map(\.displayPath) == ["en/w.xml", project.workspace.lockDisplayPath])
        let lockBefore = try project.read(Baseline.fileName)
        // Someone saves the English file while the merge is between reading and writing.
        let edited = Self.enBefore.replacingOccurrences(of: ">A<", with: ">A, edited<")
        try project.write("en/w.xml", edited)
        let failure = try #require(throws: MergeCommitter.Failure.self) { try MergeCommitter.commit(plan) }
        #expect(failure.error.changedOnDisk)
        #expect(failure.written.isEmpty)
        #expect(failure.description.contains("changed on disk while the merge ran; it was not overwritten; nothing was written"))
        #expect(try project.read("en/w.xml") == edited)
        #expect(try project.read(Baseline.fileName) == lockBefore)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path("en"))
        #expect(leftovers == ["w.xml"])
    }

    @Test func aFileChangedBackToTheSameSizeIsStillNoticed() throws {
        let project = try Self.project()
        let plan = try project.plan()
        // Same length, different bytes: only the bytes (or the time) tell.
        try project.write("en/w.xml", Self.enBefore.replacingOccurrences(of: ">A<", with: ">B<"))
        #expect(throws: MergeCommitter.Failure.self) { try MergeCommitter.commit(plan) }
        #expect(try project.read("en/w.xml").contains(">B<"))
    }

    @Test func aFileThatAppearsWhereTheMergeCreatesOneIsKept() throws {
        let project = try MergeProject(zh: ["w.xml": "<s/>", "new.xml": "<n id=\"n\">新</n>"], en: ["w.xml": "<s/>"])
        let plan = try project.plan()
        #expect(plan.changes.map(\.kind) == [.create])
        try project.write("en/new.xml", "<n id=\"n\">mine</n>")
        let failure = try #require(throws: MergeCommitter.Failure.self) { try MergeCommitter.commit(plan) }
        #expect(failure.description.contains("appeared while the merge ran"))
        #expect(try project.read("en/new.xml") == "<n id=\"n\">mine</n>")
    }

    @Test func aMergeWritesBothFilesKeepingModeAndSymbolicLink() throws {
        let project = try Self.project()
        let real = project.path("en/real-w.xml")
        try FileManager.default.moveItem(atPath: project.path("en/w.xml"), toPath: real)
        try FileManager.default.createSymbolicLink(atPath: project.path("en/w.xml"), withDestinationPath: "real-w.xml")
        chmod(real, 0o640)
        let lockBefore = try project.read(Baseline.fileName)
        let plan = try project.plan()
        #expect(plan.outcome.confirmed.map(\.description) == ["w.xml#c"])
        let written = try MergeCommitter.commit(plan)
        #expect(written == ["en/w.xml", project.workspace.lockDisplayPath])
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: project.path("en/w.xml"))
        #expect(link == "real-w.xml")
        var status = stat()
        stat(real, &status)
        #expect(status.st_mode & 0o777 == 0o640)
        #expect(try project.read("en/real-w.xml")
            == "<s>\n  <item id=\"a\">A</item>\n  <item id=\"b\" state=\"needs-translation\">乙</item>\n  <entry id=\"c\"><period from=\"2021\"/></entry>\n</s>\n")
        #expect(try project.read(Baseline.fileName) != lockBefore)
        #expect(try Baseline(parsing: project.read(Baseline.fileName)).records.keys.map(\.description).sorted() == ["w.xml#a", "w.xml#c"])
        // The second plan finds nothing to do.
        #expect(try project.plan().changes.isEmpty)
    }

    @Test func theMergeLockRefusesASecondHolderAndIsRemovedOnRelease() throws {
        let folder = try MergeProject(zh: [:], en: [:]).root
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = MergeLock.path(besideBaseline: folder.appendingPathComponent(Baseline.fileName).path)
        #expect(path == folder.appendingPathComponent(".resume-sync.merge-lock").path)
        let first = try MergeLock.acquire(at: path, wait: false)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(throws: MergeLock.Busy.self) { try MergeLock.acquire(at: path, wait: false) }
        first.release()
        #expect(!FileManager.default.fileExists(atPath: path))
        let second = try MergeLock.acquire(at: path, wait: false)
        second.release()
    }

    @Test func aWaitingMergeGetsTheLockWhenTheHolderLetsGo() async throws {
        let folder = try MergeProject(zh: [:], en: [:]).root
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(".resume-sync.merge-lock").path
        let holder = try MergeLock.acquire(at: path, wait: false)
        let waiter = Task.detached { () -> Bool in
            guard let lock = try? MergeLock.acquire(at: path, wait: true) else { return false }
            let stillThere = FileManager.default.fileExists(atPath: path)
            lock.release()
            return stillThere
        }
        try await Task.sleep(nanoseconds: 300_000_000)
        // The holder removes the file before letting go; the waiter must not keep the dead inode.
        holder.release()
        #expect(await waiter.value)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
