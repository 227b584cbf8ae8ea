/// `accept`: records entry pairs as in sync in the baseline, each with its `PairVerification`
/// when the checks that read only the pair found nothing in it (`Reconciliation.verifiedPairs`).
public enum Acceptance {
    /// The baseline after accepting `keys` (entry keys, or file paths for all their entries),
    /// or every pair with `all`, which also drops records of entries that no longer exist.
    public static func accept(
        _ keys: [String], all: Bool, in result: Reconciliation, baseline: Baseline?
    ) throws(InvocationError) -> (baseline: Baseline, accepted: [EntryKey]) {
        if let broken = result.findings.first(where: { $0.rule.meansBrokenInput && !(all && $0.rule == .lockError) }) {
            let location = broken.primaryLocation.map { "\($0): " } ?? ""
            throw InvocationError("\(location)\(broken.message) [\(broken.rule.id)]; nothing was written")
        }
        let sourceLanguage = result.source.spec.language
        let targetLanguage = result.target.spec.language
        let complete = result.entryPairs.compactMap { pair -> (EntryKey, Entry, Entry)? in
            guard let (source, target) = pair.bothSides else { return nil }
            return (pair.key, source, target)
        }
        var updated = all ? Baseline() : (baseline ?? Baseline())
        var accepted: [EntryKey] = []
        if all {
            for (key, source, target) in complete {
                updated.confirm(
                    key, source: (sourceLanguage, source.content), target: (targetLanguage, target.content),
                    verified: result.verifiedPairs[key])
                accepted.append(key)
            }
            return (updated, accepted)
        }
        let byKey = Dictionary(complete.map { ($0.0, $0) }, uniquingKeysWith: { first, _ in first })
        for text in keys {
            let key = try resolve(text, in: result)
            let matches: [(EntryKey, Entry, Entry)]
            if key.id == nil {
                matches = complete.filter { $0.0.file == key.file }
                guard !matches.isEmpty else {
                    throw InvocationError("'\(text)' names no file with entries on both sides")
                }
            } else if let match = byKey[key] {
                matches = [match]
            } else if result.entryPairs.contains(where: { $0.key == key }) {
                throw InvocationError("\(key) exists on one side only; there is nothing to accept until both sides have it")
            } else {
                throw InvocationError("there is no entry \(key)")
            }
            for (key, source, target) in matches {
                updated.confirm(
                    key, source: (sourceLanguage, source.content), target: (targetLanguage, target.content),
                    verified: result.verifiedPairs[key])
                accepted.append(key)
            }
        }
        return (updated, accepted)
    }

    /// Reads a key as typed: `work.xml#id`, or with a tree folder in front (`en/work.xml#id`).
    static func resolve(_ text: String, in result: Reconciliation) throws(InvocationError) -> EntryKey {
        guard var key = EntryKey(parsing: text) else {
            throw InvocationError("'\(text)' is not an entry key; write it as FILE#ID, e.g. work.xml#caicloud-tech-lead")
        }
        let known = Set(result.filePairs.map(\.file))
        if !known.contains(key.file) {
            for spec in [result.source.spec, result.target.spec] {
                var prefix = spec.displayRoot
                while prefix.hasSuffix("/") { prefix.removeLast() }
                prefix += "/"
                if key.file.rawValue.hasPrefix(prefix) {
                    let stripped = RelativePath(String(key.file.rawValue.dropFirst(prefix.count)))
                    if known.contains(stripped) { key.file = stripped }
                }
            }
        }
        return key
    }
}
