import Foundation
import Testing

/// Golden files for the reports: what the commands print for a fixture with every content rule
/// present (`Fixtures/reports-every-rule`), compared byte for byte with
/// `Fixtures/reports-goldens/`.
///
/// To re-record after an intended change: `RECORD_GOLDENS=1 swift test --filter ReportGoldenTests`.
/// Recording writes the files and fails, so that the change is reviewed in `git diff` before
/// the next run passes; a golden never passes silently.
enum Golden {
    static let folder = Sandbox.fixtures.appendingPathComponent("reports-goldens")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// The tool's version, which the reports print, is kept out of the goldens.
    static let version: String = {
        let result = try? ResumeSyncCommand.run(["--version"], in: Sandbox.repository)
        return result?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }()

    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "resume-sync \(version)", with: "resume-sync {VERSION}")
            .replacingOccurrences(of: "\"version\" : \"\(version)\"", with: "\"version\" : \"{VERSION}\"")
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let text = normalized(actual)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            Issue.record("recorded \(name): review it with git diff, then run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("there is no golden \(name); record it with RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = text.components(separatedBy: "\n")
        let line = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        Issue.record("""
            \(name) differs from its golden at line \(line + 1):
              expected: \(line < expectedLines.count ? expectedLines[line] : "(end of file)")
              actual:   \(line < actualLines.count ? actualLines[line] : "(end of file)")
            If the change is intended, re-record with RECORD_GOLDENS=1 and review the diff.
            """, sourceLocation: sourceLocation)
    }
}

@Suite struct ReportGoldenTests {
    static let cases: [(name: String, arguments: [String], environment: [String: String], status: Int32)] = [
        ("todo.md", ["todo"], [:], 0),
        ("todo.html", ["todo", "--format", "html"], [:], 0),
        ("todo.json", ["todo", "--format", "json"], [:], 0),
        ("status.txt", ["status"], [:], 0),
        ("diff.md", ["diff", "--format", "markdown"], [:], 1),
        ("diff-side-by-side-40.txt", ["diff", "--side-by-side", "--width", "40"], [:], 1),
        ("diff-side-by-side-columns-123.txt", ["diff", "--side-by-side"], ["COLUMNS": "123"], 1),
    ]

    @Test(arguments: cases.map(\.name))
    func reportMatchesItsGolden(name: String) throws {
        let testCase = try #require(Self.cases.first { $0.name == name })
        let folder = try Sandbox.fixture("reports-every-rule")
        let result = try ResumeSyncCommand.run(testCase.arguments, in: folder, environment: testCase.environment)
        #expect(result.status == testCase.status, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        try Golden.check(result.stdout, name)
    }

    @Test func theFixtureHasEveryContentRule() throws {
        let folder = try Sandbox.fixture("reports-every-rule")
        let result = try ResumeSyncCommand.run(["check", "--format", "json"], in: folder)
        for rule in ["missing", "orphan", "untranslated", "stale", "mismatch-attribute", "mismatch-structure", "mismatch-neutral", "mismatch-entity"] {
            #expect(result.stdout.contains("\"rule\" : \"\(rule)\""), "\(rule)")
        }
    }
}
