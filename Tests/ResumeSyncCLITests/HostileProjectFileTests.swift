import Foundation
import Testing

/// A broken lock or config stops every command that would use it, with its location, exit
/// status 2, and nothing written.
@Suite struct HostileProjectFileTests {
    @Test func conflictMarkersInTheLockStopEveryCommandButTheWayOut() throws {
        let folder = try Sandbox.resume()
        var lines = try folder.read("resume-sync.lock").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("<<<<<<< HEAD", at: 2)
        lines.insert("=======", at: 4)
        lines.insert(">>>>>>> theirs", at: 6)
        try folder.write("resume-sync.lock", lines.joined(separator: "\n"))
        // `accept --all` is the documented way out (it checks the trees, then writes a clean
        // lock), so it is the one command expected to write.
        try Hostile.expectRefused(
            in: folder, at: "resume-sync.lock:3", saying: "unresolved git merge conflict in the lock file",
            commands: Hostile.everyCommand.filter { $0 != ["accept", "--all"] })
        #expect(try Hostile.run(["accept", "--all"], in: folder).status == 0)
        #expect(try Hostile.run(["check"], in: folder).status == 0)
    }

    @Test func aLockFromANewerFormatIsNeverOverwritten() throws {
        let folder = try Sandbox.resume()
        try folder.edit("resume-sync.lock", replacing: "{\"format\":\"resume-sync.lock\",\"version\":1}", with: "{\"format\":\"resume-sync.lock\",\"version\":2}")
        // Not even by `accept --all`: a newer resume-sync may record what this one would drop.
        try Hostile.expectRefused(
            in: folder, at: "resume-sync.lock:1", saying: "the lock file has format version 2, written by a newer resume-sync; this one reads version 1")
    }

    @Test func aConfigWithASyntaxErrorStopsEveryCommandAtItsLine() throws {
        let folder = try Sandbox.resume()
        try folder.write("resume-sync.toml", "[source]\nroot = \"zh\"\n[target]\nroot = \n")
        try Hostile.expectRefused(
            in: folder, at: "resume-sync.toml:4:8", saying: "TOML syntax")
    }
}
