import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Merges racing each other and racing a person's editor, as real processes. The merge
/// command's own suite (MergeCommandSafetyTests) covers a held lock, `--wait` and two waiting
/// merges; this adds what happens without `--wait`, and an edit that lands mid-merge.
@Suite(.serialized) struct HostileConcurrencyTests {
    /// The resume with 60 more files, each missing one bullet in en: a merge with enough to do
    /// that it runs long enough to be raced.
    static func bigProject() throws -> URL {
        let folder = try Sandbox.resume()
        let zh = try folder.read("zh/work.xml")
        let en = try folder.read("en/work.xml")
            .replacingOccurrences(of: "    <item id=\"caicloud-tech-lead-trends\">Track industry trends and explore more advanced features</item>\n", with: "")
        for index in 0..<60 {
            try folder.write("zh/more/w\(index).xml", zh)
            try folder.write("en/more/w\(index).xml", en)
        }
        return folder
    }

    @Test func twoMergesAtOnceWithoutWaitingGiveTheResultOfOne() throws {
        let folder = try Self.bigProject()
        let reference = try Self.bigProject()
        #expect(try Hostile.run(["merge"], in: reference, seconds: 300).status == 0)
        let runs = try (0..<2).map { _ in try MergeCommandSafetyTests.start(["merge"], in: folder) }
        for run in runs { run.process.waitUntilExit() }
        let statuses = runs.map(\.process.terminationStatus).sorted()
        let messages = try runs.map { try $0.stderr() }
        // Either one refused (the other held the lock) or they ran one after the other.
        #expect(statuses == [0, 2] || statuses == [0, 0], "\(statuses): \(messages)")
        if statuses == [0, 2] {
            #expect(messages.contains { $0.contains("another resume-sync merge is running in this project") })
        }
        #expect(try FolderSnapshot(folder).files.filter { !$0.key.hasPrefix(".") } == FolderSnapshot(reference).files.filter { !$0.key.hasPrefix(".") })
        #expect(try Hostile.run(["merge"], in: folder, seconds: 300).stderr.contains("nothing to merge"))
    }

    @Test func anEditMadeWhileAMergeRunsIsNeverOverwritten() throws {
        // The editor saves its own buffer (the file as it was, plus the person's change) at a
        // point spread over the merge's run. Whatever the timing, the change must survive: the
        // merge either read it, or notices the file changed and refuses, or finished before.
        let timing = try Self.bigProject()
        let started = Date()
        #expect(try Hostile.run(["merge", "--dry-run"], in: timing, seconds: 300).status == 0)
        let duration = Date().timeIntervalSince(started)
        var refusals = 0
        for fraction in [0.2, 0.4, 0.5, 0.6, 0.8] {
            let folder = try Self.bigProject()
            let edited = "en/more/w30.xml"
            let buffer = try folder.read(edited)
            let marker = "<!-- a person's edit at \(fraction) -->"
            let merge = try MergeCommandSafetyTests.start(["merge"], in: folder)
            Thread.sleep(forTimeInterval: duration * fraction)
            // Saved whole (a new file renamed over the old, as most editors save): a save that
            // truncates first can be read empty mid-write, which the merge refuses as a file
            // that does not parse, a different case from the one timed here.
            try Data((buffer + marker + "\n").utf8).write(to: folder.appendingPathComponent(edited), options: .atomic)
            merge.process.waitUntilExit()
            let message = try merge.stderr()
            #expect(try folder.read(edited).contains(marker), "the edit at \(fraction) of the merge was overwritten: \(message)")
            if merge.process.terminationStatus == 2 {
                refusals += 1
                #expect(message.contains("changed on disk while the merge ran"), "\(message)")
                // Refused before the first rename: nothing at all was written. (An edit landing
                // among the renames stops the rest, and the message lists what was written.)
                if message.contains("; nothing was written") {
                    #expect(try folder.read("en/more/w0.xml") == buffer, "a refused merge wrote another file")
                } else {
                    #expect(message.contains("already written: "), "\(message)")
                }
            } else {
                #expect(merge.process.terminationStatus == 0, "\(message)")
            }
        }
        // The spread is wide enough that some edits land between the merge's read and its write.
        #expect(refusals > 0, "no edit landed inside the merge (it ran \(duration) s)")
    }
}
