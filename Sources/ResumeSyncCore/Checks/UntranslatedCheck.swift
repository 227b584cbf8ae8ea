/// `untranslated`: the target still awaits translation. Three signs, reported together:
/// the entry is marked (`state="needs-translation"`, as `merge` leaves it), a text segment is the
/// source's Han text copied unchanged, or a target language not written in Han keeps Han text
/// that the glossary does not allow.
/// Latin-only text such as "Technical Lead" may rightly be the same on both sides.
public struct UntranslatedCheck: EntryCheck {
    public var rule: Rule { .untranslated }
    public var readsOnlyThePair: Bool { true }

    public init() {}

    public func findings(for pair: EntryPair, in context: CheckContext) -> [Finding] {
        guard let (source, target) = pair.bothSides else { return [] }
        if target.needsTranslation {
            return [context.finding(.untranslated, pair, "\(pair.key) is marked as needing translation")]
        }
        let glossary = context.glossary
        for segment in target.content.segments {
            // Han that a glossary term keeps in the target (`"高策" = "Ce Gao (高策)"`) is allowed.
            guard Han.contains(glossary.removingAllowedHan(from: segment.text)) else { continue }
            // The first source segment at the same path, as a dictionary of them would keep.
            let copied = source.content.segments.first { $0.path == segment.path }.map {
                TextNormalizer.fingerprintForm($0.text) == TextNormalizer.fingerprintForm(segment.text)
            } ?? false
            if copied {
                return [context.finding(
                    .untranslated, pair,
                    "\(Self.describe(segment.path)) of \(pair.key) is the \(context.source.language) text, not translated",
                    targetValue: segment.text)]
            }
            if !context.target.language.writesHan {
                return [context.finding(
                    .untranslated, pair,
                    "\(Self.describe(segment.path)) of \(pair.key) still has Chinese text: \(Self.hanRuns(segment.text).joined(separator: ", "))",
                    targetValue: segment.text)]
            }
        }
        return []
    }

    static func describe(_ path: String) -> String {
        path.isEmpty ? "the text" : "<\(path)>"
    }

    /// The runs of Han characters in a text, for the message.
    static func hanRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Han.isHan(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                runs.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { runs.append(String(current)) }
        return runs
    }
}
