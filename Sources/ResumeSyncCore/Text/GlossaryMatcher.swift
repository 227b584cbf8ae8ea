import Foundation

/// Finds glossary terms in text.
///
/// Source terms are found longest first and never overlap, so with both `上海交通大学` and
/// `上海交通大学东岳网络工作室` in the glossary the longer one is the term used. A target term is
/// found case-sensitively as whole words; a possessive or plural after it is fine
/// (`Caicloud's`).
public struct GlossaryMatcher: Sendable {
    /// Longest first; ties in glossary order.
    public let terms: [GlossaryTerm]
    private let needles: [[Unicode.Scalar]]
    /// The needles' UTF-8 bytes: a term whose bytes a text lacks is not looked for scalar by
    /// scalar (valid UTF-8 matches only at scalar boundaries, so this never misses one).
    private let needleBytes: [[UInt8]]

    public init(_ terms: [GlossaryTerm]) {
        self.terms = terms.enumerated()
            .sorted { ($0.element.source.unicodeScalars.count, -$0.offset) > ($1.element.source.unicodeScalars.count, -$1.offset) }
            .map(\.element)
        needles = self.terms.map { Array($0.source.unicodeScalars) }
        needleBytes = self.terms.map { Array($0.source.utf8) }
    }

    /// The terms a source text uses, in text order, with their ranges in Unicode scalars.
    public func sourceTerms(in text: String) -> [(term: GlossaryTerm, range: Range<Int>)] {
        guard !terms.isEmpty else { return [] }
        let bytes = Array(text.utf8)
        let present = needleBytes.map { Self.contains(bytes, $0) }
        guard present.contains(true) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var taken = Array(repeating: false, count: scalars.count)
        var found: [(term: GlossaryTerm, range: Range<Int>)] = []
        for ((term, needle), isPresent) in zip(zip(terms, needles), present)
        where isPresent && !needle.isEmpty && needle.count <= scalars.count {
            var start = 0
            while start + needle.count <= scalars.count {
                let range = start..<(start + needle.count)
                if Self.occurs(needle, in: scalars, at: start), range.allSatisfy({ !taken[$0] }),
                   Self.isWordBoundary(scalars, range) {
                    for index in range { taken[index] = true }
                    found.append((term, range))
                    start = range.upperBound
                } else {
                    start += 1
                }
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Whether `needle` occurs in `haystack`: its first byte found with `memchr`, the rest compared.
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { needle in
                guard let base = hay.baseAddress, let needleBase = needle.baseAddress else { return false }
                var start = 0
                while hay.count - start >= needle.count,
                      let found = memchr(base + start, Int32(first), hay.count - start - needle.count + 1) {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, needleBase, needle.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }

    private static func occurs(_ needle: [Unicode.Scalar], in scalars: [Unicode.Scalar], at start: Int) -> Bool {
        for offset in needle.indices where scalars[start + offset] != needle[offset] { return false }
        return true
    }

    /// Whether `text` uses `term` as whole words (a trailing `s`, `'s` or `’s` allowed).
    public static func contains(_ term: String, in text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(term.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count else { return false }
        for start in 0...(scalars.count - needle.count) where occurs(needle, in: scalars, at: start) {
            var end = start + needle.count
            for suffix in ["'s", "’s", "s"] {
                let tail = Array(suffix.unicodeScalars)
                if end + tail.count <= scalars.count, occurs(tail, in: scalars, at: end) {
                    if !(scalars[safeScalar: end + tail.count]?.isLatinAlphanumeric ?? false) { end += tail.count }
                    break
                }
            }
            if isWordBoundary(scalars, start..<end) { return true }
        }
        return false
    }

    /// `text` with every Han character that belongs to a glossary target removed: a term the
    /// glossary keeps in Han (`"高策" = "Ce Gao (高策)"`) may stay in the English text.
    public func removingAllowedHan(from text: String) -> String {
        var result = text
        for term in terms where Han.contains(term.target) {
            for run in UntranslatedCheck.hanRuns(term.target) {
                result = result.replacingOccurrences(of: run, with: " ")
            }
        }
        return result
    }

    /// A Latin term must not start or end inside a Latin word; Han terms have no word edges.
    private static func isWordBoundary(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        if let first = scalars[safeScalar: range.lowerBound], first.isLatinAlphanumeric,
           scalars[safeScalar: range.lowerBound - 1]?.isLatinAlphanumeric == true { return false }
        if let last = scalars[safeScalar: range.upperBound - 1], last.isLatinAlphanumeric,
           scalars[safeScalar: range.upperBound]?.isLatinAlphanumeric == true { return false }
        return true
    }
}

extension Array where Element == Unicode.Scalar {
    subscript(safeScalar index: Int) -> Unicode.Scalar? {
        index >= 0 && index < count ? self[index] : nil
    }
}
