import Foundation
import Testing

/// The "Done when" of the core issue, tried on a copy of the repository's own resume.
@Suite struct RepositoryResumeTests {
    @Test func checkPassesOnTheRepository() throws {
        let result = try ResumeSyncCommand.run(["check"], in: Sandbox.repository)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("entry pairs in sync"))
    }
}
