import ResumeSyncXML

/// Plans copying changed language-neutral content (an attribute such as `to="2021-03"`, the
/// text of a `<code>`) from a source entry into its target counterpart, in place: only the
/// attribute value (in the target's quote) or the element's text is replaced.
///
/// The source leads: a pair is updated when its target's neutral content has not moved since the
/// baseline (or there is no record of it). When the target moved too, both sides were edited and
/// a person decides. A pair is updated whole or not at all, so it never ends up half copied.
struct NeutralUpdatePlanner {
    let pair: MergeFile
    let baseline: Baseline?
    let sourceLanguage: Language
    let targetLanguage: Language
    let sourceRoot: String
    let targetRoot: String

    enum Decision {
        case update(paths: [String], replacements: [ByteReplacement])
        case leave(reason: String)
    }

    /// What to do about one entry pair; `nil` when its neutral values already agree.
    func decide(source: Entry, target: Entry) -> Decision? {
        let sourceValues = NeutralContentCheck.byPath(source.content.neutralValues)
        let targetValues = NeutralContentCheck.byPath(target.content.neutralValues)
        let sourceFields = Set(source.content.fields)
        let targetFields = Set(target.content.fields)
        let paths = Set(sourceValues.keys).union(targetValues.keys).sorted().filter { path in
            guard sourceValues[path]?.value != targetValues[path]?.value else { return false }
            // A field on one side only is a difference of structure, not of a value.
            if let field = NeutralContentCheck.fieldPath(of: path), sourceFields.contains(field) != targetFields.contains(field) {
                return false
            }
            return true
        }
        guard !paths.isEmpty else { return nil }
        if let then = baseline?.side(target.key, language: targetLanguage),
           then.neutral != target.content.neutralFingerprint {
            let sourceMoved = baseline?.side(source.key, language: sourceLanguage).map {
                $0.neutral != source.content.neutralFingerprint
            } ?? true
            return .leave(reason: sourceMoved
                ? "its neutral content (\(paths.joined(separator: ", "))) changed on both sides since the baseline; make them agree by hand"
                : "its neutral content (\(paths.joined(separator: ", "))) was changed in \(pair.target.displayPath) only; `resume-sync merge \(targetRoot) \(sourceRoot)` carries it into \(sourceRoot), or undo it")
        }
        var replacements: [ByteReplacement] = []
        for path in paths {
            let kind = (sourceValues[path] ?? targetValues[path])?.kind ?? .attribute
            let planned = kind == .attribute
                ? attributeEdit(path, entry: source.id)
                : textEdit(path, entry: source.id)
            switch planned {
            case .success(let edit): replacements.append(edit)
            case .failure(let refusal): return .leave(reason: refusal.reason)
            }
        }
        return .update(paths: paths, replacements: replacements)
    }

    private struct Refusal: Error {
        var reason: String
    }

    private func elements(_ fieldPath: String, entry: EntryID) -> Swift.Result<(Int, Int), Refusal> {
        guard let sourceNode = pair.sourceMap.field(fieldPath, of: entry),
              let targetNode = pair.targetMap.field(fieldPath, of: entry),
              pair.sourceMap.spansHold(sourceNode), pair.targetMap.spansHold(targetNode)
        else { return .failure(Refusal(reason: "the element <\(fieldPath)> could not be found on both sides")) }
        return .success((sourceNode, targetNode))
    }

    /// Replaces, adds or removes one attribute of the target element at `path` (`period[1]@to`).
    private func attributeEdit(_ path: String, entry: EntryID) -> Swift.Result<ByteReplacement, Refusal> {
        guard let at = path.lastIndex(of: "@") else { return .failure(Refusal(reason: "'\(path)' names no attribute")) }
        let fieldPath = String(path[..<at])
        let name = String(path[path.index(after: at)...])
        let nodes: (Int, Int)
        switch elements(fieldPath, entry: entry) {
        case .success(let found): nodes = found
        case .failure(let refusal): return .failure(refusal)
        }
        let sourceBytes = pair.source.bytes
        let targetBytes = pair.target.bytes
        guard let sourceTag = ScannedStartTag(bytes: sourceBytes, span: pair.sourceMap.element(nodes.0).startTag),
              let targetTag = ScannedStartTag(bytes: targetBytes, span: pair.targetMap.element(nodes.1).startTag)
        else { return .failure(Refusal(reason: "the start tag of <\(fieldPath)> could not be read")) }
        switch (sourceTag.attribute(name), targetTag.attribute(name)) {
        case let (from?, to?):
            let raw = Array(sourceBytes[from.value])
            return .success(ByteReplacement(
                range: to.value, bytes: ScannedStartTag.escaped(raw, for: to.quote), expected: Array(targetBytes[to.value])))
        case let (from?, nil):
            let text = ScannedStartTag.attributeText(
                name: name, rawValue: Array(sourceBytes[from.value]), quote: targetTag.quote ?? from.quote)
            return .success(.insert(text, at: targetTag.insertionPoint))
        case let (nil, to?):
            return .success(ByteReplacement(range: to.whole, bytes: [], expected: Array(targetBytes[to.whole])))
        case (nil, nil):
            return .failure(Refusal(reason: "the attribute '\(name)' of <\(fieldPath)> could not be found in the tags"))
        }
    }

    /// Replaces the text of a neutral element (`code[1]`, or `.` for a `translate="no"` entry)
    /// with the source's, when both hold text only.
    private func textEdit(_ path: String, entry: EntryID) -> Swift.Result<ByteReplacement, Refusal> {
        let nodes: (Int, Int)
        switch elements(path, entry: entry) {
        case .success(let found): nodes = found
        case .failure(let refusal): return .failure(refusal)
        }
        let source = pair.sourceMap.element(nodes.0)
        let target = pair.targetMap.element(nodes.1)
        let textOnly = { (element: XMLElement) in
            element.children.allSatisfy {
                switch $0 {
                case .text, .entityReference, .cdata: return true
                default: return false
                }
            }
        }
        guard textOnly(source), textOnly(target), let targetEnd = target.endTag else {
            return .failure(Refusal(reason: "<\(path)> holds markup or is empty on one side; update its text by hand"))
        }
        let sourceContent = source.endTag.map { Array(pair.source.bytes[source.startTag.end..<$0.start]) } ?? []
        let range = target.startTag.end..<targetEnd.start
        let converted = Reindentation(from: [], to: [], lineEnding: pair.targetLayout.lineEnding).apply(to: sourceContent)
        return .success(ByteReplacement(range: range, bytes: converted, expected: Array(pair.target.bytes[range])))
    }
}
