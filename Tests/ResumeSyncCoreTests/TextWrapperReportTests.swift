import ResumeSyncCore
import Testing

/// Wrapping by display width, the ground the side-by-side diff stands on.
@Suite struct TextWrapperReportTests {
    static let mixed = "研究 Kubernetes 上对于机器学习基准测试的系统 kubeflow/kubebench，研究成果发表在 IEEE AI4I'18 会议，"
        + "在 KubeCon China 2018 发表时长 30 分钟的演讲。Researched kubeflow/kubebench, a system for benchmarking "
        + "machine learning on Kubernetes; the results were published at IEEE AI4I'18 and presented in a talk."

    static func withoutSpaces(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace })
    }

    @Test(arguments: [2, 3, 5, 8, 13, 20, 40, 60, 80, 123])
    func linesFitAndNothingIsLost(width: Int) {
        let lines = TextWrapper.wrap(Self.mixed, width: width)
        for line in lines {
            #expect(DisplayWidth.of(line) <= width, "\(DisplayWidth.of(line)) > \(width): \(line)")
            #expect(!line.hasPrefix(" ") && !line.hasSuffix(" "), "'\(line)'")
        }
        #expect(Self.withoutSpaces(lines.joined()) == Self.withoutSpaces(Self.mixed))
    }

    @Test func latinWordsStayWholeWhenTheyFit() {
        let lines = TextWrapper.wrap(Self.mixed, width: 30)
        let words = Self.mixed.split(separator: " ").filter { !Han.contains($0) }
        for word in words where DisplayWidth.of(word) <= 30 {
            #expect(lines.contains { $0.contains(word) }, "'\(word)' was split: \(lines)")
        }
    }

    @Test func hanBreaksBetweenCharactersAndLinesAreFilled() {
        let lines = TextWrapper.wrap("调研与设计产品新功能优化产品架构跟踪工业界趋势", width: 10)
        #expect(lines == ["调研与设计", "产品新功能", "优化产品架", "构跟踪工业", "界趋势"])
    }

    @Test func closingPunctuationNeverStartsALine() {
        for width in 4...24 {
            let lines = TextWrapper.wrap("实现部分包裹清关的逻辑，和后台管理的逻辑。支持（自动）扩缩容", width: width)
            for line in lines.dropFirst() {
                #expect(!"，。）".contains(line.first ?? " "), "width \(width): \(lines)")
            }
            for line in lines {
                #expect(line.last != "（", "width \(width): \(lines)")
            }
        }
    }

    @Test func aWordLongerThanTheLineIsBrokenHard() {
        let word = String(repeating: "a", count: 25)
        #expect(TextWrapper.wrap("x \(word) y", width: 10) == ["x", "aaaaaaaaaa", "aaaaaaaaaa", "aaaaa y"])
    }

    @Test func aWideCharacterNeverOverflowsAnOddWidth() {
        let lines = TextWrapper.wrap("abc调研与设计", width: 5)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 5 })
        #expect(lines == ["abc调", "研与", "设计"])
    }

    @Test func lineBreaksInTheTextAreKept() {
        #expect(TextWrapper.wrap("one\ntwo three", width: 40) == ["one", "two three"])
        #expect(TextWrapper.wrap("", width: 40) == [""])
    }

    @Test func tagsTravelWithTheirText() {
        let runs = [TextWrapper.Run("调研与", tag: 0), TextWrapper.Run("设计产品", tag: 1), TextWrapper.Run(" new words", tag: 0)]
        #expect(TextWrapper.wrap(runs, width: 14).first == [
            TextWrapper.Run("调研与", tag: 0), TextWrapper.Run("设计产品", tag: 1),
        ])
        let lines = TextWrapper.wrap(runs, width: 8)
        #expect(lines == [
            [TextWrapper.Run("调研与", tag: 0), TextWrapper.Run("设", tag: 1)],
            [TextWrapper.Run("计产品", tag: 1)],
            [TextWrapper.Run("new", tag: 0)],
            [TextWrapper.Run("words", tag: 0)],
        ])
    }
}
