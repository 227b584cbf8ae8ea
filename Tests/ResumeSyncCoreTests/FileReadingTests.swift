import Foundation
import Testing
@testable import ResumeSyncCore

/// Files are read straight into one array of the size `stat` gives, and read on past it when
/// the file holds more than that.
@Suite struct FileReadingTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-read-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 1 << 20, (1 << 20) + 3])
    func aFileIsReadByteForByte(size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try TreeFileReader.read(path).get()
        #expect(read == bytes)
        #expect(FileSnapshot.read(path)?.bytes == bytes)
        #expect(FileSnapshot.contents(of: path) == bytes)
    }

    /// A file whose size `stat` does not know (the kernel's files report 0) is read to its end.
    @Test func aFileLongerThanItsStatedSizeIsReadToTheEnd() throws {
        let read = try TreeFileReader.read("/proc/self/status").get()
        let text = String(decoding: read, as: UTF8.self)
        #expect(text.hasPrefix("Name:"))
        #expect(text.contains("\nVmRSS:") && text.hasSuffix("\n"), "read whole although stat says 0 bytes: \(read.count) bytes")
    }

    /// A tree's content files are found at every depth, hidden files and folders left out, and
    /// a link to a folder is not gone into (its files are listed where they are).
    @Test func aTreeListsItsContentFilesAtEveryDepth() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-list-\(UUID().uuidString)/zh").path
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let manager = FileManager.default
        for folder in ["a/b/c", ".git/objects", "a/.cache", "empty", "名字"] {
            try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["top.xml", "a/one.xml", "a/b/c/deep.xml", "a/b/notes.txt", ".hidden.xml", ".git/objects/x.xml",
                     "a/.cache/y.xml", "名字/简历.xml"] {
            try Data("<r/>".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        try manager.createSymbolicLink(atPath: root + "/linked", withDestinationPath: "a/b")
        try manager.createSymbolicLink(atPath: root + "/alias.xml", withDestinationPath: "top.xml")
        let files = try TreeLoader(profile: .xml).listFiles(in: TreeSpec(root: root)).map(\.rawValue)
        #expect(files == ["a/b/c/deep.xml", "a/one.xml", "alias.xml", "top.xml", "名字/简历.xml"])
        #expect(TreeFileReader.entries(below: root + "/missing") == nil)
    }

    @Test func aMissingFileHasNoSnapshotBytes() {
        #expect(FileSnapshot.read("/nonexistent/resume-sync.lock") == nil)
    }
}
