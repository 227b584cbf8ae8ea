import Testing
@testable import ResumeSyncCore

/// The filters in front of the tokenizer's passes: where each kind of token may start, and
/// which texts are known to hold none without being scanned.
@Suite struct TokenScanTests {
    /// `TokenStarts` against the tests each pass made of a scalar before it existed.
    @Test func startsAreWhatEachPassLooksFor() {
        func expected(_ scalar: Unicode.Scalar) -> TokenStarts {
            var starts: TokenStarts = []
            if scalar == "&" { starts.insert(.entity) }
            if scalar.isASCIIAlphanumeric { starts.insert(.alphanumeric) }
            if scalar.isASCIIDigit || scalar == "+" || scalar == "(" || scalar == "t" { starts.insert(.phone) }
            if scalar.isASCIIDigit || scalar.isASCIIUppercase { starts.insert(.date) }
            if scalar.isLatinLetter || scalar == "@" { starts.insert(.latin) }
            if scalar.isASCIIDigit || scalar == "第" { starts.insert(.number) }
            return starts
        }
        let scalars = (0...0x1_0000).compactMap(Unicode.Scalar.init) + ["😀", "\u{20000}"]
        let wrong = scalars.filter { TokenStarts(of: $0) != expected($0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { String($0.value, radix: 16) })")
    }

    /// Whether a text may hold a token, read from its bytes, against its definition: some
    /// scalar, in half-width form, may start one. The pieces reach every branch: ASCII, the
    /// three-byte ideographs skipped by their lead byte, `第` among them and its neighbours,
    /// full-width forms that map to starts, Latin letters, and four-byte scalars.
    @Test func tokenlessTextsAreToldFromTheirBytes() {
        let pieces = ["中", "文", "第", "笫", "筭", "，", "。", "　", " ", ",", "%", "-", "a", "T", "7", "&", "@", "(", "+",
                      "１", "Ａ", "＆", "＠", "é", "ÿ", "×", "Ω", "😀", "\u{4000}", "\u{9FFF}", "㐀", "\u{A000}", "“"]
        var generator = SystemRandomNumberGenerator()
        var tokenless = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = text.unicodeScalars.contains { !TokenStarts(of: TextNormalizer.halfWidth($0)).isEmpty }
            #expect(TokenScan.mayHoldTokens(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if !expected { tokenless += 1 }
        }
        #expect(tokenless > 100)
        #expect(NeutralTokenizer.tokens(in: "第二十届会议，中文。").map(\.key).isEmpty == false)
        #expect(NeutralTokenizer.tokens(in: "中文，标点。“引号”").isEmpty)
    }

    /// The scan's scalars, their half-width form and starts, from one pass over the bytes.
    @Test func scanReadsEveryScalarOnce() {
        let text = "Ａ１，第😀é a"
        let scan = TokenScan(text)
        #expect(scan.original == Array(text.unicodeScalars))
        #expect(scan.scalars == text.unicodeScalars.map(TextNormalizer.halfWidth))
        #expect(scan.starts == scan.scalars.map(TokenStarts.init(of:)))
        #expect(scan.hasDigit && !scan.hasAt && !scan.hasDotOrColon && !scan.hasAmpersand)
        let plain = TokenScan("plain words")
        #expect(plain.scalars == plain.original && !plain.hasDigit)
    }

    /// The URL pass, which passes over runs of printable ASCII without a `.` or `:`, against
    /// trying `LinkScanner.url` at every alphanumeric scalar, as the pass did before: the same
    /// tokens, on texts of links, prose, Chinese and full-width forms run together.
    @Test func theURLPassFindsWhatTryingEveryStartFinds() {
        func everyStart(_ text: String) -> [NeutralToken] {
            var scan = TokenScan(text)
            var index = 0
            while index < scan.count {
                if scan.starts[index].contains(.alphanumeric), !scan.isTaken(index), let match = LinkScanner.url(scan, index),
                   match.end > index, scan.isFree(index..<match.end) {
                    scan.take(index..<match.end, match.value)
                    index = match.end
                } else {
                    index += 1
                }
            }
            return scan.tokens
        }
        let pieces = ["https://", "http://", "www.", "gaocegege", ".com", ".io", "/", "path", ":", "8080", ".", "a", "b", "1",
                      " ", "\n", "中文", "。", "：", "ｗｗｗ．", "Ａ", "-", "_", "?", "#", "(", ")", "[", "]", "@", "é", "\u{7F}", "，"]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = everyStart(text).map(\.description)
            let urls = NeutralTokenizer.tokens(in: text).filter { $0.kind == .url }.map(\.description)
            #expect(urls == expected, "\(text.debugDescription)")
            found += expected.count
        }
        #expect(found > 300, "the texts hold links")
    }

    /// The whole tokenizer against its passes run the plain way (every start tried, every match
    /// checked against all that is taken, every plain word marked), with and without plain words,
    /// on texts that mix links, dates, phones, numbers, names, entities, Chinese and full width.
    @Test func theTokenizerFindsWhatItsPassesFindRunThePlainWay() {
        let pieces = ["https://gaocegege.com/a", "www.example.org", "mail@caicloud.io", "+86 159 2159 2066", "2019.04", "Oct 2017",
                      "2017 年 10 月", "200k", "20 万", "1,400", "第二届", "10th", "k8s", "Kubeflow", "ICA3PP'18", "C++", "the", "Second",
                      "million", "150", "%", "&amp;", " ", " ", "，", "。", "中文", "Ａ", "１２", "-", "/", ".", ":", "(", ")", "é", "x", "3"]
        // English prose alone (no digit, `&` or `@`; `.` and `:` mostly at a clause's end), which
        // the tokenizer reads from its bytes (`PlainLatinText`, no window), and the same with what sends it
        // back to the scan.
        let prose = ["the", "Kubeflow", "iOS", "GPU", "C++", "C#", "C+", "e.g", "tf-operator", "a/b", "x_y", "it's", "Web",
                     "+", "#", "'", "-", "/", "_", " ", " ", "\n", ". ", ": ", ".", ":", ",", "!", "?", "(", ")", "\"", "a", "Z"]
        var generator = SystemRandomNumberGenerator()
        var plain = 0
        for (set, rounds) in [(pieces, 2000), (prose, 3000), (prose + ["1", "é", "&", "@", "www.", "x.com"], 1000)] {
            for _ in 0..<rounds {
                let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in set.randomElement(using: &generator) ?? "" }.joined()
                if text.utf8.withContiguousStorageIfAvailable({ WindowedLatinText.windows(in: $0) == [] }) == true { plain += 1 }
                for keeping in [true, false] {
                    #expect(NeutralTokenizer.tokens(in: text, keepingPlainWords: keeping).map(\.description)
                        == Self.reference(text, keepingPlainWords: keeping), "\(text.debugDescription), plain words: \(keeping)")
                }
            }
        }
        #expect(plain > 1000, "most prose is read from its bytes")
    }

    /// The tokens of `text` by the tokenizer's passes run the plain way: every start tried,
    /// every match checked against all that is taken, every plain word marked.
    static func reference(_ text: String, keepingPlainWords: Bool) -> [String] {
        referenceTokens(text, keepingPlainWords: keepingPlainWords).map(\.description)
    }

    static func referenceTokens(_ text: String, keepingPlainWords: Bool) -> [NeutralToken] {
        var scan = TokenScan(text)
        func pass(_ kind: TokenStarts, _ scanner: (TokenScan, Int) -> (end: Int, value: TokenValue?)?) {
            var index = 0
            while index < scan.count {
                if scan.starts[index].contains(kind), !scan.isTaken(index), let match = scanner(scan, index),
                   match.end > index, scan.isFree(index..<match.end) {
                    if let value = match.value { scan.take(index..<match.end, value) } else { scan.mark(index..<match.end) }
                    index = match.end
                } else {
                    index += 1
                }
            }
        }
        func always(_ scanner: @escaping (TokenScan, Int) -> (end: Int, value: TokenValue)?) -> (TokenScan, Int) -> (end: Int, value: TokenValue?)? {
            { scanner($0, $1).map { ($0.end, $0.value) } }
        }
        pass(.entity, always(EntityScanner.match))
        pass(.alphanumeric, always(LinkScanner.url))
        pass(.alphanumeric, always(LinkScanner.email))
        pass(.phone, always(PhoneScanner.match))
        pass(.date, always(DateScanner.match))
        pass(.latin, keepingPlainWords ? LatinScanner.match : LatinScanner.matchTakingPlainWords)
        pass(.number, always(NumberScanner.match))
        return scan.tokens.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Long English texts with a figure, a date, a period, a phone number, an address or an
    /// entity here and there, which the tokenizer scans only around those (`WindowedLatinText`):
    /// the same tokens as the passes run over the whole text, at the same places.
    @Test func scanningAroundFiguresFindsWhatScanningEverythingFinds() {
        let prose = ["the", "team", "Kubeflow", "iOS", "GPU", "C++", "tf-operator", "a/b", "it's", "and", "built", "Second",
                     "first", "May", "March", "Present", "to", "until", "through", "now", "million", "percent", "times", "No",
                     "up", "from", "since", ",", ".", ":", ";", "(", ")", "-", "+", "#", "'", "\"", "x", "Z"]
        let facts = ["415%", "2019", "Apr 2019", "April 12, 2020", "Sept. 2019", "2019 to present", "2019 - 2020", "2019-04",
                     "June 12th, 2020 through Present", "12 June 2020", "04/2019", "5 million", "1.5 billion", "10 percent",
                     "+86 159 2159 2066", "tel: +86 10 1234 5678", "(+86) 159", "https://example.com/a?b=1", "www.example.org",
                     "mail@caicloud.io", "&amp;", "&product.name;", "Node.js", "e.g.", "k8s", "ICA3PP'18", "x86", "10th",
                     "200k", "1,400", "3.5", "v1.2", "No. 5", "Q3", "2", "12", "May 2019 to now", "Mar. 2021 until today", "@team"]
        var generator = SystemRandomNumberGenerator()
        var windowed = 0
        for _ in 0..<1500 {
            var pieces: [String] = []
            for _ in 0..<Int.random(in: 10...60, using: &generator) {
                let isFact = Int.random(in: 0..<12, using: &generator) == 0
                pieces.append((isFact ? facts : prose).randomElement(using: &generator) ?? "")
            }
            let separators = [" ", " ", " ", "  ", "\n", ", ", ". "]
            let text = pieces.map { $0 + (separators.randomElement(using: &generator) ?? " ") }.joined()
            let uses = text.utf8.withContiguousStorageIfAvailable { WindowedLatinText.windows(in: $0).map { !$0.isEmpty } ?? false } ?? false
            if uses { windowed += 1 }
            for keeping in [true, false] {
                // Every field, the place in the text included.
                #expect(NeutralTokenizer.tokens(in: text, keepingPlainWords: keeping)
                    == Self.referenceTokens(text, keepingPlainWords: keeping), "\(text.debugDescription), plain words: \(keeping)")
            }
        }
        #expect(windowed > 500, "most such texts are scanned around their figures only")
    }
}
