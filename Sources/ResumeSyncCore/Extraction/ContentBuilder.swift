import ResumeSyncXML

/// Accumulates one entry's content while its element is walked.
struct ContentBuilder {
    let rules: ElementRules
    /// The whole entry is marked neutral (`translate="no"`): its text is compared, not translated.
    let isEntryNeutral: Bool
    /// The readable text in chunks: the entry's own text, and each top-level field's. The
    /// chunk being written is kept apart, so that an entry with one chunk makes no array.
    /// Written only once a field's or a neutral element's text comes (`startChunks`): until
    /// then the readable text is the entry's own segment.
    private var chunks: [String] = []
    private var currentChunk = ""
    /// No text of the entry's own, outside its fields, but white space.
    private var ownTextIsBlank = true
    /// Each path's text, in the order the paths first got some (a boundary counts). An entry
    /// has a handful of paths and most text goes to the one before, so a list beats hashing
    /// each path. A boundary is only noted (`spaceDue`), and written as a space before the
    /// next text: one that ends a path's text would be trimmed, so a text followed by a nested
    /// entry is kept as it came rather than copied to add a space.
    private var segmentTexts: [SegmentText] = []
    private var lastSegment = 0
    private var neutralValues: [NeutralValue] = []
    private var entities: [String] = []
    private var fields: [String] = []
    /// No field's text and no neutral element's went into `chunks`: the readable text is then
    /// the entry's own segment, folded once rather than twice.
    private var chunksHoldOwnTextOnly = true

    init(rules: ElementRules, isEntryNeutral: Bool) {
        self.rules = rules
        self.isEntryNeutral = isEntryNeutral
    }

    mutating func addText(_ text: String, path: String) {
        let isBlank = TextNormalizer.isBlank(text)
        if path.isEmpty {
            if !isBlank { ownTextIsBlank = false }
        } else {
            startChunks()
        }
        guard !isBlank else { return addSpace(path: path, isEmpty: text.isEmpty) }
        if !chunksHoldOwnTextOnly { currentChunk += text }
        appendSegment(text, path: path)
    }

    /// The first text that is not the entry's own (a field's, a neutral element's) starts the
    /// chunks. What came before is the entry's own text only, and its chunks, folded and
    /// joined by spaces, read as its own segment folded: so that segment, as it is so far, is
    /// the first chunk. (Blank, as when the entry's own text is white space only, it is dropped
    /// with the other blank chunks.) The chunk being written is then white space at most:
    /// every such text comes after a boundary, which closed the chunk before it.
    private mutating func startChunks() {
        guard chunksHoldOwnTextOnly else { return }
        chunksHoldOwnTextOnly = false
        guard let own = segmentTexts.firstIndex(where: { $0.path.isEmpty }) else { return }
        chunks.reserveCapacity(Self.firstCapacity)
        chunks.append(segmentTexts[own].text)
    }

    /// A text of white space only (the indentation between fields, most often): all that
    /// folding keeps of it is one space between the texts on each side, so that space is
    /// noted, where appending the text grew the chunk and the segment to be folded away. An
    /// empty text notes none.
    private mutating func addSpace(path: String, isEmpty: Bool) {
        if !isEmpty, !chunksHoldOwnTextOnly, !currentChunk.isEmpty { currentChunk += " " }
        guard let index = segmentIndex(path) else {
            // The path's place in the order of segments is taken as a text would take it.
            addSegment(SegmentText(path: path, text: "", spaceDue: false))
            return
        }
        if !isEmpty, !segmentTexts[index].text.isEmpty { segmentTexts[index].spaceDue = true }
    }

    mutating func addEntity(_ name: String, path: String) {
        // Spelled once for both: an interpolation builds its string piece by piece.
        let reference = "&" + name + ";"
        if path.isEmpty { ownTextIsBlank = false } else { startChunks() }
        if !chunksHoldOwnTextOnly { currentChunk += reference }
        appendSegment(reference, path: path)
        entities.append(name)
    }

    /// An element starts or ends inside `path`'s text: keep the words on each side apart. At the
    /// entry's top level it also closes the current chunk of readable text.
    mutating func addBoundary(path: String) {
        if chunksHoldOwnTextOnly {
            // No chunk is written yet.
        } else if path.isEmpty {
            if chunks.isEmpty { chunks.reserveCapacity(Self.firstCapacity) }
            chunks.append(currentChunk)
            currentChunk = ""
        } else {
            currentChunk += " "
        }
        if let index = segmentIndex(path) {
            segmentTexts[index].spaceDue = true
        } else {
            addSegment(SegmentText(path: path, text: "", spaceDue: true))
        }
    }

    mutating func addField(_ path: String) {
        if fields.isEmpty { fields.reserveCapacity(Self.firstCapacity) }
        fields.append(path)
    }

    /// The element's attributes: prose as segments, the rest as neutral values. `skipping` is
    /// an attribute already in the path (a keyed field's key).
    mutating func addAttributes(of element: some XMLElementReading, path: String, skipping: String? = nil) {
        for (name, value) in element.attributeValues {
            if rules.ignoredAttributes.contains(name) || name == skipping { continue }
            if path.isEmpty, rules.profile.idAttributes.contains(name) || name == rules.profile.needsTranslation.attribute {
                continue
            }
            // At the entry's top level (most attributes) the path is only `@name`: one append, not two.
            let attributePath = path.isEmpty ? "@" + name : path + "@" + name
            if rules.proseAttributes.contains(name), !isEntryNeutral {
                appendSegment(value, path: attributePath)
            } else {
                addNeutralValue(NeutralValue(path: attributePath, value: value, kind: .attribute))
            }
        }
    }

    /// A `<code>` or `translate="no"` element: its whole text is one neutral value.
    mutating func addNeutralElement(_ element: some XMLElementReading, path: String) {
        let text = TextNormalizer.collapsingWhitespace(Self.flatText(of: element))
        startChunks()
        currentChunk += text
        addNeutralValue(NeutralValue(path: path, value: text, kind: .element))
    }

    private mutating func appendSegment(_ text: String, path: String) {
        guard let index = segmentIndex(path) else {
            addSegment(SegmentText(path: path, text: text, spaceDue: false))
            return
        }
        // Leading space is trimmed too: a boundary before a path's first text needs no space.
        if segmentTexts[index].text.isEmpty {
            segmentTexts[index].text = text
        } else {
            if segmentTexts[index].spaceDue { segmentTexts[index].text += " " }
            segmentTexts[index].text += text
        }
        segmentTexts[index].spaceDue = false
    }

    /// Room for a few from the first: an entry with a field or two grew its arrays from one
    /// slot to two to four, a copy each time.
    static let firstCapacity = 4

    /// A struct, not a tuple: an array of tuples is destroyed element by element through the
    /// tuple's generic metadata.
    private struct SegmentText {
        var path: String
        var text: String
        var spaceDue: Bool
    }

    private mutating func addNeutralValue(_ value: NeutralValue) {
        if neutralValues.isEmpty { neutralValues.reserveCapacity(Self.firstCapacity) }
        neutralValues.append(value)
    }

    private mutating func addSegment(_ segment: SegmentText) {
        if segmentTexts.isEmpty { segmentTexts.reserveCapacity(Self.firstCapacity) }
        segmentTexts.append(segment)
    }

    /// Where `path`'s text is in `segmentTexts`, looked for first where the last was found.
    private mutating func segmentIndex(_ path: String) -> Int? {
        if lastSegment < segmentTexts.count, segmentTexts[lastSegment].path == path { return lastSegment }
        guard let index = segmentTexts.firstIndex(where: { $0.path == path }) else {
            lastSegment = segmentTexts.count
            return nil
        }
        lastSegment = index
        return index
    }

    /// The entry's content, the builder's lists moved into it rather than copied (the builder
    /// is done with once it is asked).
    mutating func takeContent() -> EntryContent {
        var segments: [TextSegment] = []
        segments.reserveCapacity(segmentTexts.count)
        var neutral: [NeutralValue] = []
        swap(&neutral, &neutralValues)
        var ownSegment = ""
        for index in segmentTexts.indices {
            var raw = ""
            swap(&raw, &segmentTexts[index].text)
            let path = segmentTexts[index].path
            let text = TextNormalizer.collapsingWhitespace(raw)
            if path.isEmpty { ownSegment = text }
            if text.isEmpty { continue }
            if isEntryNeutral {
                neutral.append(NeutralValue(path: path.isEmpty ? "." : path, value: text, kind: .element))
            } else {
                segments.append(TextSegment(path: path, text: text))
            }
        }
        // The own segment is the chunks with a space at each boundary between them, so folded
        // it is the folded chunks joined by spaces.
        let text: String
        if chunksHoldOwnTextOnly {
            text = ownSegment
        } else {
            // Fields laid out as blocks (no text of the entry's own between them) read best apart.
            let separator = ownTextIsBlank ? " · " : " "
            // Folded into one array: joining the chunks with the current one, mapping and
            // filtering made four.
            var display: [String] = []
            display.reserveCapacity(chunks.count + 1)
            func add(_ chunk: String) {
                let folded = TextNormalizer.collapsingWhitespace(chunk)
                if !folded.isEmpty { display.append(folded) }
            }
            chunks.forEach(add)
            add(currentChunk)
            text = display.joined(separator: separator)
        }
        var entityReferences: [String] = []
        if !isEntryNeutral { swap(&entityReferences, &entities) }
        var fieldPaths: [String] = []
        swap(&fieldPaths, &fields)
        return EntryContent(
            text: text,
            segments: segments,
            neutralValues: neutral,
            entityReferences: entityReferences,
            fields: fieldPaths)
    }

    static func flatText(of element: some XMLElementReading) -> String {
        var result = ""
        for node in element.contents {
            switch node {
            case .text(let text): result += text
            case .entityReference(let name): result += "&\(name);"
            case .element(let child): result += " " + flatText(of: child) + " "
            }
        }
        return result
    }
}
