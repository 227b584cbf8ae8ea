import Foundation
import Testing
@testable import ResumeSyncCore

@Suite struct TextNormalizerTests {
    @Test func fingerprintFormIgnoresSpacingAroundHanAndFullWidthPunctuation() {
        let forms = ["支持GPU共享，自动扩缩容", "支持 GPU 共享, 自动扩缩容", "支持  GPU\n 共享，  自动扩缩容"]
        let normalized = Set(forms.map(TextNormalizer.fingerprintForm))
        #expect(normalized.count == 1)
    }

    @Test func fingerprintFormKeepsSpacesBetweenWords() {
        #expect(TextNormalizer.fingerprintForm("Technical  Lead") == "Technical Lead")
        #expect(TextNormalizer.fingerprintForm("Technical Lead") != TextNormalizer.fingerprintForm("TechnicalLead"))
    }

    @Test func fingerprintFormSeesRealEdits() {
        #expect(TextNormalizer.fingerprintForm("调研与设计产品") != TextNormalizer.fingerprintForm("调研与规划产品"))
    }

    /// An entry's prose fingerprint is hashed as its fingerprint form is written; it must stay
    /// the digest of the strings, or every lock written before would read as stale.
    @Test func proseFingerprintIsTheDigestOfPathsAndForms() {
        let segments = [
            TextSegment(path: "", text: "支持  GPU\n 共享，  自动扩缩容"), TextSegment(path: "org[1]", text: "才云科技 (Caicloud)"),
            TextSegment(path: "@title", text: "Ｔｅｃｈ　Lead😀"),
        ]
        let content = EntryContent(text: "", segments: segments, neutralValues: [], entityReferences: [], fields: [])
        #expect(content.proseFingerprint == Fingerprint(of: segments.flatMap { [$0.path, TextNormalizer.fingerprintForm($0.text)] }))
        // FNV-1a 64 of 0x1F, the bytes, 0x1F, worked out apart from this code (Python).
        #expect(Fingerprint(of: ["", "支持GPU共享,自动扩缩容"]).hex == "32ee6b9191808593")
    }

    /// The byte-level fingerprint form against the scalar-by-scalar definition it replaced,
    /// on generated texts of ASCII, Han, full-width forms, CJK punctuation, Unicode spaces,
    /// accented letters and emoji.
    @Test func fingerprintFormMatchesItsScalarDefinition() {
        func reference(_ text: String) -> String {
            var output = String.UnicodeScalarView()
            var previous: Unicode.Scalar?
            var pendingSpace = false
            func isWord(_ scalar: Unicode.Scalar) -> Bool {
                !Han.isHan(scalar) && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
            }
            for original in text.unicodeScalars {
                let scalar = TextNormalizer.halfWidth(original)
                if scalar.properties.isWhitespace { pendingSpace = true; continue }
                if pendingSpace, let previous, isWord(previous), isWord(scalar) { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
                previous = scalar
            }
            return String(output)
        }
        let pieces = ["a", "Z", "9", " ", "\n", "\t", "\u{3000}", "\u{00A0}", "\u{2003}", "中", "文", "，", "。", "（", "Ａ", "１",
                      "“", "’", "【", "é", "ß", "😀", "-", "&", "\u{0301}", "Ω", "٣", "\u{2028}", "\u{85}",
                      // The edges of the run of three-byte ideographs written as they are (U+4000
                      // to U+9FFF), Yijing hexagrams among them, and Han just outside it.
                      "\u{4000}", "\u{4DC0}", "䷿", "一", "\u{9FFF}", "㐀", "\u{A000}", "豈"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3000 {
            // Now and then a longer text, for long runs of ASCII and of ideographs.
            let length = Int.random(in: 0...(round % 10 == 0 ? 60 : 12), using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = reference(text)
            #expect(TextNormalizer.fingerprintForm(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // Hashed as it is written (in runs) and byte by byte: the same digest.
            var hashed = FingerprintHasher()
            TextNormalizer.fingerprintForm(text, into: &hashed)
            var byByte = FingerprintHasher()
            for byte in expected.utf8 { byByte.append(byte) }
            #expect(hashed.fingerprint == byByte.fingerprint)
        }
        #expect(Han.contains("the 中 text") && !Han.contains("the text, ｜ ①") && Han.contains("㐀"))
    }

    /// Folding white space, by its fast paths (already folded, only trimmed) and its full one,
    /// against its definition: the text split at white space, joined by one space.
    @Test func collapsingWhitespaceMatchesItsDefinition() {
        let pieces = ["a", "Z", " ", " ", "\n", "\t", "\r\n", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{85}", "中", "，", "é", "😀", "\u{7F}", "\u{1}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let expected = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            #expect(TextNormalizer.collapsingWhitespace(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextNormalizer.isBlank(text) == expected.isEmpty)
        }
        // Long runs of prose, read eight bytes at a time, with what stops that on every side.
        let prose = ["word", "Kubeflow", "x.y", "a,", "(b)", " ", " ", "  ", "\n", "\t", "\u{7F}", "中文", "é", "\u{A0}", "\u{3000}", "~!",
                     "提升", "，", "。", "、", "—", "\u{2003}", "\u{1680}", "\u{85}", "😀", "中文字符串",
                     // The edges of the run of ideographs passed three at a time (U+4000 to U+9FFF), and Han just outside it.
                     "\u{4000}", "\u{9FFF}", "\u{A000}", "㐀", "䷿", "豈"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in prose.randomElement(using: &generator) ?? "" }.joined()
            let expected = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            #expect(TextNormalizer.collapsingWhitespace(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func halfWidthMapsFullWidthForms() {
        #expect(TextNormalizer.halfWidth("（ＡＢ１）：、。") == "(AB1):,.")
    }

    /// The quick test of which scalars the half-width form may map passes none that it maps.
    @Test func everyScalarHalfWidthMapsIsOneItMayMap() {
        var missed: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), TextNormalizer.halfWidth(scalar) != scalar else { continue }
            if !TextNormalizer.mayMapToHalfWidth(scalar) { missed.append(value) }
        }
        #expect(missed.isEmpty)
        #expect(!TextNormalizer.mayMapToHalfWidth("中") && !TextNormalizer.mayMapToHalfWidth("a"))
    }

    @Test func collapsingWhitespaceTrims() {
        #expect(TextNormalizer.collapsingWhitespace("  a \n\t b  ") == "a b")
    }

    @Test func collapsingWhitespaceKnowsUnicodeSpacesAndKeepsEverythingElse() {
        #expect(TextNormalizer.collapsingWhitespace("\u{3000}中文\u{00A0}\u{2003}text\u{202F}😀\r\n") == "中文 text 😀")
        // Characters whose UTF-8 starts like a space's are not spaces.
        #expect(TextNormalizer.collapsingWhitespace("\u{2010}\u{3001}\u{00A9}") == "\u{2010}\u{3001}\u{00A9}")
        for scalar in ["\u{85}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{205F}"] {
            #expect(TextNormalizer.collapsingWhitespace("a\(scalar)b") == "a b")
        }
    }
}

@Suite struct FingerprintTests {
    @Test func isStableAcrossRunsAndSeparatesParts() {
        // FNV-1a of known input: a stable digest, not Swift's per-process seeded hash.
        #expect(Fingerprint(of: ["a"]) == Fingerprint(of: ["a"]))
        #expect(Fingerprint(of: ["ab", "c"]) != Fingerprint(of: ["a", "bc"]))
        #expect(Fingerprint(of: []).hex.count == 16)
        #expect(Fingerprint(of: ["resume"]).hex == Fingerprint(of: ["resume"]).hex)
        #expect(Fingerprint(of: ["a"]).hex != Fingerprint(of: ["b"]).hex)
        // FNV-1a's offset basis, folded with the part separator 0x1F, for one empty part.
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        #expect(Fingerprint(of: [""]).value == (basis ^ 0x1F) &* prime)
    }

    @Test func hexIsSixteenZeroPaddedLowercaseDigitsAndReadsBack() throws {
        #expect(Fingerprint(value: 0).hex == "0000000000000000")
        #expect(Fingerprint(value: 0xAB).hex == "00000000000000ab")
        #expect(Fingerprint(value: .max).description == "ffffffffffffffff")
        for value: UInt64 in [0, 1, 0xF, 0x10, 0x0123_4567_89AB_CDEF, 0x8000_0000_0000_0000, .max] {
            #expect(Fingerprint(hex: Fingerprint(value: value).hex)?.value == value)
        }
        #expect(Fingerprint(hex: "0123456789ABCDEF")?.value == 0x0123_4567_89AB_CDEF)
    }

    @Test func invalidHexIsRefused() {
        for text in ["", "123456789abcdef", "0123456789abcdef0", "+123456789abcdef", "0x23456789abcdef",
                     "0123456789abcdeg", " 123456789abcdef", "0123456789abcde\u{0}", "０123456789abcdef"] {
            #expect(Fingerprint(hex: text) == nil, "\(text)")
        }
    }

    @Test func encodesAsItsHexString() throws {
        let data = try JSONEncoder().encode([Fingerprint(value: 0x2A)])
        #expect(String(decoding: data, as: UTF8.self) == #"["000000000000002a"]"#)
        #expect(try JSONDecoder().decode([Fingerprint].self, from: data) == [Fingerprint(value: 0x2A)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Fingerprint].self, from: Data(#"["2a"]"#.utf8)) }
    }
}

@Suite struct WordDiffTests {
    @Test func chineseDiffsCharacterByCharacter() {
        let pieces = WordDiff.pieces(from: "调研与设计产品新功能", to: "调研与规划产品新功能")
        #expect(pieces == [.same("调研与"), .removed("设计"), .added("规划"), .same("产品新功能")])
    }

    @Test func englishDiffsWordByWord() {
        let pieces = WordDiff.pieces(from: "maintain the Kubeflow project", to: "maintain the Katib project")
        #expect(pieces == [.same("maintain the "), .removed("Kubeflow"), .added("Katib"), .same(" project")])
    }

    @Test func identicalTextsAreOnePiece() {
        #expect(WordDiff.pieces(from: "a b", to: "a b") == [.same("a b")])
    }

    @Test func tokensSplitHanPunctuationAndWords() {
        #expect(WordDiff.tokens("基于 caicloud/ormb，开源") == ["基", "于", " ", "caicloud", "/", "ormb", "，", "开", "源"])
    }
}

@Suite struct DisplayWidthTests {
    @Test func chineseCountsTwoColumns() {
        #expect(DisplayWidth.of("中文") == 4)
        #expect(DisplayWidth.of("ab") == 2)
        #expect(DisplayWidth.of("（）") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    @Test func tabsMoveToTheNextStop() {
        #expect(DisplayWidth.columns(of: "\t") == 8)
        #expect(DisplayWidth.columns(of: "ab\t") == 8)
        #expect(DisplayWidth.columns(of: "中\tx") == 9)
    }
}

@Suite struct LineTableTests {
    @Test func locatesOffsetsOnLFAndCRLFLines() {
        let bytes = Array("ab\r\n中c\nd".utf8)
        let table = LineTable(bytes: bytes)
        #expect(table.location(of: 0, path: "f").description == "f:1:1")
        #expect(table.location(of: 4, path: "f").description == "f:2:1")
        // After 中 (3 bytes, 2 columns) comes c at display column 3.
        #expect(table.location(of: 7, path: "f").description == "f:2:3")
        #expect(table.location(of: 9, path: "f").description == "f:3:1")
    }
}
