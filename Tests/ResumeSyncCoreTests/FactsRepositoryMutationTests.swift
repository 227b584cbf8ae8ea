import Foundation
import Testing
@testable import ResumeSyncCore
import ResumeSyncXML

/// The repository's own resume passes every rule, and changing any single neutral fact on one
/// side of it is caught: every token the extractors find in the text of zh/ and en/ (figures,
/// dates, links, e-mail, phone, names and code), and every neutral attribute value (periods,
/// dates, hrefs), is changed in turn in a copy of its file, and the checks must report the
/// entry under the token's rule. In-process, one file pair re-read per change.
@Suite struct FactsRepositoryMutationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What a change is expected to be reported as, per token kind.
    static let rules: [NeutralToken.Kind: Rule] = [
        .number: .mismatchNumber, .date: .mismatchDate, .url: .mismatchURL, .email: .mismatchEmail,
        .phone: .mismatchPhone, .identifier: .mismatchIdentifier,
    ]

    struct Resume {
        var files: [String]
        var zh: [String: [UInt8]]
        var en: [String: [UInt8]]
        var configuration: Configuration
    }

    static func loadResume() throws -> Resume {
        let configuration = try ConfigurationLoader.discover(root: root.path, explicitPath: nil).configuration
        func read(_ side: String) throws -> [String: [UInt8]] {
            let folder = root.appendingPathComponent(side)
            var files: [String: [UInt8]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".xml") {
                files[name] = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            }
            return files
        }
        let zh = try read("zh")
        let en = try read("en")
        return Resume(files: zh.keys.sorted(), zh: zh, en: en, configuration: configuration)
    }

    static func reconcile(_ file: String, zh: [UInt8], en: [UInt8], _ configuration: Configuration) -> Reconciliation {
        Reconciler(configuration: configuration).reconcile(
            source: Trees.load([file: String(decoding: zh, as: UTF8.self)], root: "zh", side: .source),
            target: Trees.load([file: String(decoding: en, as: UTF8.self)], root: "en", side: .target),
            baseline: nil)
    }

    @Test func theResumePassesEveryRule() throws {
        let resume = try Self.loadResume()
        #expect(!resume.configuration.glossary.isEmpty, "the repository's config ships a glossary")
        for file in resume.files {
            let zh = try #require(resume.zh[file])
            let en = try #require(resume.en[file], "en/\(file)")
            let result = Self.reconcile(file, zh: zh, en: en, resume.configuration)
            #expect(result.findings.isEmpty, "\(file): \(result.findings.map(\.message))")
        }
    }

    /// The raw text of a file and the text the checks see agree token for token, so that the
    /// changes below reach every token the checks compare.
    @Test func theRawTextHoldsEveryTokenTheChecksSee() throws {
        let resume = try Self.loadResume()
        for file in resume.files {
            for (side, bytes) in [("zh", resume.zh[file] ?? []), ("en", resume.en[file] ?? [])] {
                let document = try Trees.document(String(decoding: bytes, as: UTF8.self), file: file)
                var raw: [String: [String]] = [:]
                for occurrence in RawText.tokens(in: bytes) where occurrence.token.kind != .entity {
                    let owner = try #require(RawText.owner(of: occurrence.bytes.lowerBound, in: document))
                    raw[owner.id.rawValue, default: []].append("\(occurrence.token.kind):\(occurrence.token.text)")
                }
                var seen: [String: [String]] = [:]
                for entry in document.entries {
                    let tokens = entry.content.segments.flatMap { NeutralTokenizer.tokens(in: $0.text) }
                    let texts = tokens.filter { $0.kind != .entity }.map { "\($0.kind):\($0.text)" }
                    if !texts.isEmpty { seen[entry.id.rawValue] = texts }
                }
                #expect(raw.mapValues { $0.sorted() } == seen.mapValues { $0.sorted() }, "\(side)/\(file)")
            }
        }
    }

    static let files: [String] = (try? loadResume().files) ?? []

    @Test func theResumeHoldsEveryKindOfToken() throws {
        let resume = try Self.loadResume()
        var counts: [NeutralToken.Kind: Int] = [:]
        for file in resume.files {
            for bytes in [resume.zh[file] ?? [], resume.en[file] ?? []] {
                for occurrence in RawText.tokens(in: bytes) { counts[occurrence.token.kind, default: 0] += 1 }
            }
        }
        #expect((counts[.identifier] ?? 0) > 1000)
        #expect((counts[.number] ?? 0) > 50)
        #expect((counts[.url] ?? 0) == 8 && counts[.email] == 2 && counts[.phone] == 2)
        #expect(counts[.date] == nil, "the resume keeps its dates in attributes, tried below")
    }

    /// Each token of `file` changed in turn, in zh/ and in en/ (one file a case, in parallel).
    @Test(arguments: files)
    func changingAnyTokenOnEitherSideIsCaught(file: String) throws {
        let resume = try Self.loadResume()
        let zh = try #require(resume.zh[file])
        let en = try #require(resume.en[file])
        let zhDocument = try Trees.document(String(decoding: zh, as: UTF8.self), file: file)
        let enDocument = try Trees.document(String(decoding: en, as: UTF8.self), file: file)
        let existing = RawText.latinForms(in: zh).union(RawText.latinForms(in: en))
        var tried = 0
        var missed: [String] = []
        for (side, bytes, document) in [(TreeSide.source, zh, zhDocument), (.target, en, enDocument)] {
            for occurrence in RawText.tokens(in: bytes) {
                guard let rule = Self.rules[occurrence.token.kind] else { continue }
                let owner = try #require(RawText.owner(of: occurrence.bytes.lowerBound, in: document))
                let focus: String
                if side == .source {
                    focus = occurrence.token.text
                } else {
                    let path = RawText.segmentPath(of: occurrence.bytes.lowerBound, in: document, owner: owner)
                    guard let checked = Self.checkedPart(of: occurrence.token, at: path, of: owner, against: zhDocument) else { continue }
                    focus = checked
                }
                let changed = Mutation.changed(occurrence.token, focus: focus, avoiding: existing)
                var mutated = bytes
                mutated.replaceSubrange(occurrence.bytes, with: Array(changed.utf8))
                let result = side == .source
                    ? Self.reconcile(file, zh: mutated, en: en, resume.configuration)
                    : Self.reconcile(file, zh: zh, en: mutated, resume.configuration)
                tried += 1
                if !result.findings.contains(where: { $0.rule == rule && $0.key == owner.key }) {
                    missed.append("\(side == .source ? "zh" : "en")/\(file)#\(owner.id): '\(occurrence.token.text)' → '\(changed)' not reported as \(rule.id); found \(result.findings.map { "\($0.rule.id) \($0.key)" })")
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.count) of \(tried) changes missed:\n\(missed.joined(separator: "\n"))")
    }

    @Test func changingAnyNeutralAttributeOnEitherSideIsCaught() throws {
        let resume = try Self.loadResume()
        var tried = 0
        var missed: [String] = []
        for file in resume.files {
            let zh = try #require(resume.zh[file])
            let en = try #require(resume.en[file])
            for (side, bytes) in [(TreeSide.source, zh), (.target, en)] {
                let document = try Trees.document(String(decoding: bytes, as: UTF8.self), file: file)
                for attribute in RawText.attributeValues(in: bytes) where !["id", "xml:id", "xml:lang", "lang"].contains(attribute.name) {
                    let owner = try #require(RawText.owner(of: attribute.bytes.lowerBound, in: document))
                    let value = String(decoding: bytes[attribute.bytes], as: UTF8.self)
                    let changed = Mutation.changedValue(value)
                    var mutated = bytes
                    mutated.replaceSubrange(attribute.bytes, with: Array(changed.utf8))
                    let result = side == .source
                        ? Self.reconcile(file, zh: mutated, en: en, resume.configuration)
                        : Self.reconcile(file, zh: zh, en: mutated, resume.configuration)
                    tried += 1
                    if !result.findings.contains(where: { $0.rule == .mismatchAttribute && $0.key == owner.key }) {
                        missed.append("\(file)#\(owner.id) \(attribute.name)='\(value)' → '\(changed)'")
                    }
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.joined(separator: "\n"))")
        #expect(tried > 100)
    }

    /// On the English side the checks watch every figure, date and link, the code-like tokens,
    /// and the occurrences of the Chinese text's names that are long enough for a one-letter
    /// change to be told from another word (`IdentifierComparison.isWatched`); every other
    /// English word is translation. The part of the token to change: the whole token, or the
    /// Chinese name it writes (`Docker` of `Docker-based`); `nil` when the token is not watched.
    static func checkedPart(of token: NeutralToken, at path: String, of owner: Entry, against source: ParsedDocument) -> String? {
        guard case .identifier(let latin) = token.value else { return token.text }
        if IdentifierComparison.isRequired(latin, writesHan: false) { return token.text }
        guard let counterpart = source.entry(owner.id) else { return nil }
        let texts = AlignedText.pairs(counterpart, owner)
        let text = texts.first { $0.path == path } ?? texts.first { $0.path == nil }
        for sourceToken in NeutralTokenizer.tokens(in: text?.source ?? "") {
            guard case .identifier(let required) = sourceToken.value, IdentifierComparison.isWatched(required),
                  required.startsUppercase == latin.startsUppercase, required.isWritten(as: latin) else { continue }
            return latin.text.contains(required.base) ? required.base : latin.text
        }
        return nil
    }
}

/// Token occurrences and attribute values located in a file's raw bytes.
enum RawText {
    struct Occurrence {
        var token: NeutralToken
        var bytes: Range<Int>
    }

    /// The tokens of the character data between tags, with their byte ranges.
    static func tokens(in bytes: [UInt8]) -> [Occurrence] {
        var result: [Occurrence] = []
        for region in textRegions(bytes) {
            let text = String(decoding: bytes[region], as: UTF8.self)
            var offsets = [region.lowerBound]
            for scalar in text.unicodeScalars { offsets.append(offsets[offsets.count - 1] + String(scalar).utf8.count) }
            for token in NeutralTokenizer.tokens(in: text) {
                result.append(Occurrence(token: token, bytes: offsets[token.range.lowerBound]..<offsets[token.range.upperBound]))
            }
        }
        return result
    }

    /// Byte ranges of text outside markup (`<…>`, comments, the XML declaration).
    static func textRegions(_ bytes: [UInt8]) -> [Range<Int>] {
        var regions: [Range<Int>] = []
        var index = 0
        var start = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if index > start { regions.append(start..<index) }
                let closing: [UInt8] = bytes[index...].starts(with: Array("<!--".utf8)) ? Array("-->".utf8) : [UInt8(ascii: ">")]
                var end = index + 1
                while end < bytes.count, !bytes[end...].starts(with: closing) { end += 1 }
                index = end + closing.count
                start = index
            } else {
                index += 1
            }
        }
        return regions
    }

    /// Every `name="value"` inside a tag, with the value's byte range.
    static func attributeValues(in bytes: [UInt8]) -> [(name: String, bytes: Range<Int>)] {
        var result: [(name: String, bytes: Range<Int>)] = []
        var index = 0
        var inTag = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { inTag = bytes[safe: index + 1] != UInt8(ascii: "?") && bytes[safe: index + 1] != UInt8(ascii: "!") }
            if byte == UInt8(ascii: ">") { inTag = false }
            if inTag, byte == UInt8(ascii: "="), bytes[safe: index + 1] == UInt8(ascii: "\"") {
                var nameStart = index
                while nameStart > 0, bytes[nameStart - 1] != UInt8(ascii: " ") { nameStart -= 1 }
                let valueStart = index + 2
                var valueEnd = valueStart
                while bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
                result.append((String(decoding: bytes[nameStart..<index], as: UTF8.self), valueStart..<valueEnd))
                index = valueEnd
            }
            index += 1
        }
        return result
    }

    /// Every Latin token text of a file and the parts of its compounds.
    static func latinForms(in bytes: [UInt8]) -> Set<String> {
        var forms: Set<String> = []
        for occurrence in tokens(in: bytes) {
            guard case .identifier(let latin) = occurrence.token.value else { continue }
            forms.insert(latin.text)
            forms.formUnion(latin.hyphenParts)
        }
        return forms
    }

    /// The segment path (`""`, `org[1]`) of the element of `owner` that holds the byte offset,
    /// named as the extractor names fields.
    static func segmentPath(of offset: Int, in document: ParsedDocument, owner: Entry) -> String {
        guard let element = element(at: owner.span, in: document.tree.root) else { return "" }
        var path = ""
        var current = element
        while true {
            var counts: [String: Int] = [:]
            var next: (ResumeSyncXML.XMLElement, String)?
            for child in current.childElements where document.entries.allSatisfy({ $0.span != child.span }) {
                counts[child.name.qualified, default: 0] += 1
                if child.span.range.contains(offset) { next = (child, "\(child.name.qualified)[\(counts[child.name.qualified] ?? 1)]") }
            }
            guard let (child, step) = next else { return path }
            path = path.isEmpty ? step : path + "/" + step
            current = child
        }
    }

    private static func element(at span: ByteSpan, in element: ResumeSyncXML.XMLElement) -> ResumeSyncXML.XMLElement? {
        if element.span == span { return element }
        for child in element.childElements where child.span.range.contains(span.start) {
            if let found = Self.element(at: span, in: child) { return found }
        }
        return nil
    }

    /// The innermost entry whose element holds the byte offset.
    static func owner(of offset: Int, in document: ParsedDocument) -> Entry? {
        document.entries.filter { $0.span.range.contains(offset) }.min { $0.span.count < $1.span.count }
    }
}

extension Array where Element == UInt8 {
    subscript(safe index: Int) -> UInt8? { indices.contains(index) ? self[index] : nil }
}

/// One-character changes that keep a token of its kind: a digit bumped, a letter changed.
enum Mutation {
    /// The token with one character changed; for a name, a letter of `focus` (the part the
    /// other language must write), chosen so that the result is no token either file has.
    static func changed(_ token: NeutralToken, focus: String, avoiding existing: Set<String>) -> String {
        var scalars = Array(token.text.unicodeScalars)
        switch token.kind {
        case .number, .phone:
            if let index = scalars.lastIndex(where: \.isASCIIDigit) {
                scalars[index] = bumped(scalars[index])
            } else if let index = scalars.lastIndex(where: { ChineseNumerals.digit($0) != nil || ChineseNumerals.unit($0) != nil }) {
                scalars[index] = scalars[index] == "九" ? "八" : "九"
            }
        case .date:
            // The year's last digit: the date stays a valid date.
            if let start = scalars.indices.first(where: { index in
                index + 4 <= scalars.count && scalars[index..<(index + 4)].allSatisfy(\.isASCIIDigit)
            }) {
                scalars[start + 3] = bumped(scalars[start + 3])
            }
        case .url, .email:
            if let index = scalars.firstIndex(where: \.isASCIILetter) { scalars[index] = nextLetter(scalars[index]) }
        case .identifier:
            let focusStart = token.text.range(of: focus).map { token.text.unicodeScalars.distance(from: token.text.startIndex, to: $0.lowerBound) } ?? 0
            let focusEnd = focusStart + focus.unicodeScalars.count
            for index in (focusStart..<focusEnd).reversed() where scalars[index].isASCIILetter {
                var attempt = scalars
                var letter = scalars[index]
                for _ in 0..<25 {
                    letter = nextLetter(letter)
                    attempt[index] = letter
                    let text = string(attempt)
                    let part = string(Array(attempt[focusStart..<focusEnd]))
                    if !existing.contains(text), !existing.contains(part) { return text }
                }
            }
        case .entity:
            break
        }
        return string(scalars)
    }

    static func changedValue(_ value: String) -> String {
        var scalars = Array(value.unicodeScalars)
        if let index = scalars.lastIndex(where: \.isASCIIDigit) {
            scalars[index] = bumped(scalars[index])
        } else if let index = scalars.firstIndex(where: \.isASCIILetter) {
            scalars[index] = nextLetter(scalars[index])
        }
        return string(scalars)
    }

    static func bumped(_ digit: Unicode.Scalar) -> Unicode.Scalar {
        digit == "9" ? "8" : Unicode.Scalar(digit.value + 1) ?? digit
    }

    static func nextLetter(_ letter: Unicode.Scalar) -> Unicode.Scalar {
        switch letter {
        case "z": return "a"
        case "Z": return "A"
        default: return Unicode.Scalar(letter.value + 1) ?? letter
        }
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
