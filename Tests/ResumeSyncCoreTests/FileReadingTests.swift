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

    @Test func aMissingFileHasNoSnapshotBytes() {
        #expect(FileSnapshot.read("/nonexistent/resume-sync.lock") == nil)
    }
}
