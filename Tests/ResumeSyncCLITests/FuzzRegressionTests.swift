import Foundation
import Testing

/// Every seed and every input the fuzzer ever crashed on, replayed through the fuzz round by
/// the plain build of `resume-sync-fuzz` (which checks the round's invariants and traps when
/// one breaks): each must finish, in bounded time, with exit status 0.
@Suite struct FuzzRegressionTests {
    static let corpus = Sandbox.repository.appendingPathComponent("Tests/FuzzCorpus")

    static func inputs(_ folder: String) -> [String] {
        let url = corpus.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { url.appendingPathComponent($0).path }
    }

    static var replayer: URL {
        ResumeSyncCommand.executable.deletingLastPathComponent().appendingPathComponent("resume-sync-fuzz")
    }

    @Test func theSeedCorpusIsSmallAndThere() {
        let seeds = Self.inputs("seeds")
        #expect(seeds.count >= 5)
        let size = seeds.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.reduce(0, +)
        #expect(size < 100_000)
    }

    @Test(arguments: inputs("seeds") + inputs("regressions"))
    func replaysWithoutBreakingAnInvariant(path: String) throws {
        let result = try GitSandbox.run(["/usr/bin/timeout", "120", Self.replayer.path, path], in: Self.corpus, environment: ["SWIFT_BACKTRACE": "enable=no"])
        #expect(result.status == 0, "\((path as NSString).lastPathComponent): \(result.stderr)")
    }
}
