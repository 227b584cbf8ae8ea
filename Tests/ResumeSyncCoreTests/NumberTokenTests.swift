import Testing
@testable import ResumeSyncCore

/// Numbers in text: what is read as one, and the value it is compared by.
@Suite struct NumberTokenTests {
    func numbers(_ text: String) -> [String] {
        NeutralTokenizer.tokens(in: text).filter { $0.kind == .number }.map(\.key)
    }

    /// A whole number's key is printed from its digits, not by `Decimal`: both must agree, with
    /// leading zeros, at the edge of 18 digits, and before and after a multiplier or a percent.
    @Test func aWholeNumberPrintsAsItsDecimalWould() throws {
        let wholes: [String] = (0...1_200).map { (value: Int) -> String in String(value) }
        let padded: [String] = (0...40).map { (value: Int) -> String in "0" + String(value * 37) }
        var texts = wholes + padded
        texts += ["999999999999999999", "1000000000000000000", "123456789012345678901", "007", "2019 年", "20 万",
                  "12,345", "1,234,567", "3k", "6 %", "15 percent", "2.50", "0.0", "10.", "第一百零五", "第两千"]
        for text in texts {
            for token in NeutralTokenizer.tokens(in: text) {
                guard case .number(let number) = token.value, number.fraction == nil else { continue }
                let printed = NumberToken(magnitude: number.magnitude, isPercent: number.isPercent, isOrdinal: number.isOrdinal)
                #expect(number.key == printed.key, "\(text)")
                #expect(number == printed && number.hashValue == printed.hashValue, "\(text)")
            }
        }
        #expect(numbers("0042") == ["42"])
    }

    @Test(arguments: [
        ("20 万", "200000"), ("20万", "200000"), ("200k", "200000"), ("200K", "200000"), ("200,000", "200000"),
        ("1.4k", "1400"), ("1,400", "1400"), ("1.5 亿", "150000000"), ("150 million", "150000000"),
        ("3 thousand", "3000"), ("2M", "2000000"), ("6%", "6%"), ("6 %", "6%"), ("6 percent", "6%"),
        ("28％", "28%"), ("1318/20651", "1318/20651"), ("2.0", "2"), ("10th", "10"), ("第十届", "10"),
        ("第二次", "2"), ("第二十一", "21"), ("第10届", "10"), ("３０ 分钟", "30"), ("3x", "3"), ("1）", "1"),
    ])
    func normalisedValue(text: String, value: String) {
        #expect(numbers(text) == [value], "\(text)")
    }

    @Test func formsOfOneFigureAreEqual() {
        let forms = ["20 万", "200k", "200,000", "200000", "20万"]
        #expect(Set(forms.flatMap(numbers)) == ["200000"])
    }

    @Test func chineseNumberWordsAreWordsNotNumbers() {
        #expect(numbers("二等奖") == [])
        #expect(numbers("一百余篇论文") == [])
        #expect(numbers("两个项目") == [])
        #expect(numbers("第千") == [], "not well-formed numerals")
        #expect(numbers("第一百零五名") == ["105"])
    }

    @Test func approximationWordsAreNotPartOfTheValue() {
        #expect(numbers("100 余篇") == numbers("over 100"))
        #expect(numbers("100 余篇") == ["100"])
    }

    @Test func aChineseCommaListsNumbersAndAnASCIICommaGroupsThousands() {
        #expect(numbers("100，200") == ["100", "200"])
        #expect(numbers("100, 200") == ["100", "200"])
        #expect(numbers("2017,2018") == ["2017", "2018"])
        #expect(numbers("100,200") == ["100200"])
    }

    @Test func digitsOfOtherTokensAreNotNumbers() {
        #expect(numbers("2019.04") == [])
        #expect(numbers("2019 年 4 月至 2020 年 1 月") == [])
        #expect(numbers("ICA3PP'18 (CCF-C)") == [])
        #expect(numbers("AI4I'18") == [])
        #expect(numbers("https://example.org/2020/06/item-42") == [])
        #expect(numbers("(+86) 1592-1592-066") == [])
        #expect(numbers("k8s v1.2") == [])
    }

    @Test func unitsGluedToAFigureAreWordsOfTheirOwn() {
        let tokens = NeutralTokenizer.tokens(in: "128GB 内存")
        #expect(tokens.map(\.kind) == [.number, .identifier])
        #expect(tokens.map(\.key) == ["128", "GB"])
    }

    @Test func aYearAloneIsANumber() {
        #expect(numbers("Google Summer of Code 2018、2020") == ["2018", "2020"])
        #expect(numbers("KubeCon China 2018") == ["2018"])
    }

    @Test func tokensKeepTheirTextAndRange() throws {
        let text = "获得 114 stars，下降 12%"
        let tokens = NeutralTokenizer.tokens(in: text).filter { $0.kind == .number }
        #expect(tokens.map(\.text) == ["114", "12%"])
        let scalars = Array(text.unicodeScalars)
        for token in tokens {
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[token.range])
            #expect(String(slice) == token.text)
        }
    }
}
