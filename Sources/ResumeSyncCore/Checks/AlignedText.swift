/// The translatable text of an entry pair, side by side, as the cross-language checks compare it.
///
/// Segment by segment when both sides have the same segments (same paths: `""`, `org[1]`,
/// `@title`), so that a figure is compared within its own field; otherwise the whole entry on
/// each side, so that a field present on one side only (a structure finding of its own) does
/// not also make every fact in it look missing.
struct AlignedText {
    /// The segment path, or `nil` for the whole entry.
    var path: String?
    var source: String
    var target: String

    static func pairs(_ source: Entry, _ target: Entry) -> [AlignedText] {
        let left = source.content.segments
        let right = target.content.segments
        // Most pairs have the same segments in the same order (an entry's paths are unique).
        if left.count == right.count, zip(left, right).allSatisfy({ $0.path == $1.path }) {
            // By index: a zip has no count to size the array by, so its map grew it twice for three.
            return left.indices.map { AlignedText(path: left[$0].path, source: left[$0].text, target: right[$0].text) }
        }
        if left.map(\.path).sorted() == right.map(\.path).sorted() {
            let targetText = Dictionary(right.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
            return left.map { AlignedText(path: $0.path, source: $0.text, target: targetText[$0.path] ?? "") }
        }
        return [AlignedText(
            path: nil,
            source: left.map(\.text).joined(separator: " "),
            target: right.map(\.text).joined(separator: " "))]
    }

    /// Where in the entry, for a message: `the text`, `<org[1]>`, `attribute 'title'`.
    var place: String {
        guard let path, !path.isEmpty else { return "the text" }
        if path.hasPrefix("@") { return "attribute '\(path.dropFirst())'" }
        if let at = path.lastIndex(of: "@") {
            return "attribute '\(path[path.index(after: at)...])' of <\(path[..<at])>"
        }
        return "<\(path)>"
    }
}

/// The shared wording of the cross-language checks' findings.
enum FactMessage {
    /// `'114'`, `'6%', '1318/20651'`.
    static func list(_ tokens: [NeutralToken]) -> String {
        tokens.map { "'\($0.text)'" }.joined(separator: ", ")
    }

    /// The values a finding carries for one side, as written: `114, 6%`; `nil` when none.
    static func value(_ tokens: [NeutralToken]) -> String? {
        tokens.isEmpty ? nil : tokens.map(\.text).joined(separator: ", ")
    }

    /// A finding for facts of one kind that one side states and the other does not.
    static func finding(
        _ rule: Rule, noun: (one: String, many: String), _ pair: EntryPair, _ text: AlignedText,
        source: [NeutralToken], target: [NeutralToken], in context: CheckContext
    ) -> Finding {
        let sourceName = context.source.displayRoot
        let targetName = context.target.displayRoot
        let noun = source.count + target.count > 1 ? noun.many : noun.one
        let message: String
        switch (source.isEmpty, target.isEmpty) {
        case (false, false):
            message = "\(noun) in \(text.place) differ: \(list(source)) in \(sourceName), \(list(target)) in \(targetName)"
        case (false, true):
            message = "\(noun) in \(text.place): \(list(source)) in \(sourceName), none in \(targetName)"
        default:
            message = "\(noun) in \(text.place): \(list(target)) in \(targetName), none in \(sourceName)"
        }
        return context.finding(rule, pair, message, sourceValue: value(source), targetValue: value(target))
    }
}
