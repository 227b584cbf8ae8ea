import ResumeSyncCore
import Testing

/// `diff --side-by-side`: lines measured in display columns, never wider than the width, and
/// every character of both sides still there.
@Suite struct SideBySideReportTests {
    /// Removes ANSI escape sequences, so that the width of what a terminal shows is measured.
    static func visible(_ line: String) -> String {
        var output = ""
        var inEscape = false
        for scalar in line.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            output.unicodeScalars.append(scalar)
        }
        return output
    }

    /// The part of a line before and after display column `column`.
    static func split(_ line: String, at column: Int) -> (String, String) {
        var left = ""
        var used = 0
        var index = line.startIndex
        while index < line.endIndex, used < column {
            used += DisplayWidth.of(String(line[index]))
            left.append(line[index])
            index = line.index(after: index)
        }
        return (left, String(line[index...]))
    }

    /// Whether the characters of `needle` (spaces aside) appear in `haystack` in order.
    static func containsInOrder(_ haystack: String, _ needle: String) -> Bool {
        var remaining = needle.filter { !$0.isWhitespace }[...]
        for character in haystack where character == remaining.first {
            remaining = remaining.dropFirst()
            if remaining.isEmpty { return true }
        }
        return remaining.isEmpty
    }

    @Test(arguments: [40, 60, 80, 123])
    func noLineIsWiderThanTheWidth(width: Int) throws {
        let result = try ReportSamples.reconciliation()
        for style in [TerminalStyle.plain, TerminalStyle(enabled: true)] {
            let text = SideBySideDiffReport(style: style, width: width, includeInSync: true).render(result)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Self.visible(String($0)) }
            #expect(lines.count > 20)
            for line in lines {
                #expect(DisplayWidth.of(line) <= width, "\(DisplayWidth.of(line)) > \(width): '\(line)'")
            }
        }
    }

    @Test(arguments: [40, 60, 80, 123])
    func bothSidesAreThereInFullInTheirColumns(width: Int) throws {
        let result = try ReportSamples.reconciliation()
        let text = SideBySideDiffReport(width: width).render(result)
        let leftWidth = (width - 3) / 2
        var left = ""
        var right = ""
        for line in text.split(separator: "\n") where line.contains(" | ") || line.hasSuffix(" |") {
            let (leftPart, rest) = Self.split(String(line), at: leftWidth)
            #expect(rest.hasPrefix(" | ") || rest == " |", "the gutter is at column \(leftWidth): '\(line)'")
            left += leftPart
            right += rest.dropFirst(3)
        }
        let research = try #require(result.entryPairs.first { $0.key.id?.rawValue == "lead-research" })
        let source = try #require(research.source?.content.text)
        let target = try #require(research.target?.content.text)
        #expect(Self.containsInOrder(left, source), "the source text is cut: \(left)")
        #expect(Self.containsInOrder(right, target), "the target text is cut: \(right)")
        #expect(!Self.containsInOrder(left, target))
        #expect(text.contains("{+"), "the stale change is shown")
    }

    @Test func chineseWrapsAtTheColumnNotAtACharacterCount() throws {
        let result = try ReportSamples.reconciliation()
        let text = SideBySideDiffReport(width: 40).render(result)
        // The left column is 18 columns: 9 Chinese characters, not 18.
        let lefts = text.split(separator: "\n").filter { $0.contains(" | ") }.map { Self.split(String($0), at: 18).0 }
        let hanCounts = lefts.map { $0.unicodeScalars.filter(Han.isHan).count }
        #expect(hanCounts.max() == 9, "\(lefts)")
        #expect(lefts.contains("对于机器学习基准测"), "\(lefts)")
    }

    @Test func aNarrowTerminalStacksTheSides() throws {
        let result = try ReportSamples.reconciliation()
        let text = SideBySideDiffReport(width: 20).render(result)
        #expect(!text.contains(" | "))
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 20, "'\(line)'") }
        #expect(SideBySideDiffReport(width: 3).width == SideBySideDiffReport.minimumWidth)
    }
}
