import Foundation
import Testing

/// What `todo` and `status` say merge would do is what `merge --dry-run` does.
@Suite struct TodoMergeAgreementTests {
    @Test func aValueChangedInTheTargetOnlyIsLeftForAPerson() throws {
        let folder = try Sandbox.resume()
        try folder.edit("en/work.xml", replacing: "<period from=\"2019-04\" to=\"2020-01\"/>", with: "<period from=\"2019-05\" to=\"2020-01\"/>")
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en", "--dry-run"], in: folder)
        #expect(merge.stdout.isEmpty)
        #expect(merge.stderr.contains("left for a person: work.xml#caicloud-software-engineer"))
        let todo = try ResumeSyncCommand.run(["todo"], in: folder)
        #expect(todo.stdout.contains("_needs a person: its neutral content"))
        #expect(!todo.stdout.contains("merge copies"))
        let status = try ResumeSyncCommand.run(["status"], in: folder)
        #expect(!status.stdout.contains("neutral value"))
    }

    @Test func aValueChangedInTheSourceIsCopiedByMerge() throws {
        let folder = try Sandbox.resume()
        try folder.edit("zh/work.xml", replacing: "<period from=\"2019-04\" to=\"2020-01\"/>", with: "<period from=\"2019-05\" to=\"2020-01\"/>")
        let merge = try ResumeSyncCommand.run(["merge", "zh", "en", "--dry-run"], in: folder)
        #expect(merge.stdout.contains("+    <period from=\"2019-05\" to=\"2020-01\"/>"))
        let todo = try ResumeSyncCommand.run(["todo"], in: folder)
        #expect(todo.stdout.contains("_merge copies '2019-05'_"))
        let status = try ResumeSyncCommand.run(["status"], in: folder)
        #expect(status.stdout.contains("copies 1 neutral value"))
    }
}
