import Testing
@testable import ResumeSyncCore

@Suite struct BaselineTests {
    let side = Baseline.Side(prose: Fingerprint(hex: "0123456789abcdef")!, neutral: Fingerprint(hex: "fedcba9876543210")!, text: "中文 \"x\"")

    @Test func roundTripsAndIsSortedAndDeterministic() throws {
        var baseline = Baseline()
        baseline.records[EntryKey(file: RelativePath("work.xml"), id: EntryID("b"))] = ["zh": side, "en": side]
        baseline.records[EntryKey(file: RelativePath("awards.xml"), id: EntryID("a"))] = ["zh": side, "en": side]
        let text = baseline.serialized()
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"format":"resume-sync.lock","version":1}"#)
        #expect(lines[1].hasPrefix(#"{"key":"awards.xml#a","sides":{"en":"#))
        #expect(lines[2].hasPrefix(#"{"key":"work.xml#b""#))
        #expect(try Baseline(parsing: text) == baseline)
        #expect(try Baseline(parsing: text).serialized() == text)
    }

    @Test func conflictMarkersAreReportedWithTheirLine() throws {
        let text = "{\"format\":\"resume-sync.lock\",\"version\":1}\n<<<<<<< HEAD\n{}\n=======\n"
        let problem = try #require(lockReadingError(text))
        #expect(problem.line == 2)
        #expect(problem.message.contains("merge conflict"))
    }

    @Test func newerFormatVersionIsRefused() throws {
        let problem = try #require(lockReadingError("{\"format\":\"resume-sync.lock\",\"version\":2}\n"))
        #expect(problem.message.contains("format version 2"))
    }

    @Test func garbageLineIsReportedWithItsLine() throws {
        let problem = try #require(lockReadingError("{\"format\":\"resume-sync.lock\",\"version\":1}\n\nnot json\n"))
        #expect(problem.line == 3)
    }

    @Test func missingHeaderIsRefused() throws {
        #expect(lockReadingError("")?.message.contains("empty") == true)
        #expect(lockReadingError("{\"key\":\"a#b\",\"sides\":{}}\n")?.line == 1)
    }

    @Test func aKeyRecordedTwiceIsRefused() throws {
        let record = #"{"key":"a.xml#b","sides":{}}"#
        let problem = try #require(lockReadingError("{\"format\":\"resume-sync.lock\",\"version\":1}\n\(record)\n\(record)\n"))
        #expect(problem.line == 3)
    }
}
