/// One file present in both trees, as the merge's planners read it: both documents, their
/// element maps and their line layouts.
struct MergeFile {
    let source: ParsedDocument
    let target: ParsedDocument
    let sourceMap: ElementMap
    let targetMap: ElementMap
    let sourceLayout: LineLayout
    let targetLayout: LineLayout
    /// The format profile both files are read with.
    let profile: FormatProfile

    init(source: ParsedDocument, target: ParsedDocument, profile: FormatProfile) {
        self.source = source
        self.target = target
        self.profile = profile
        sourceMap = ElementMap(document: source, profile: profile)
        targetMap = ElementMap(document: target, profile: profile)
        sourceLayout = LineLayout(bytes: source.bytes)
        targetLayout = LineLayout(bytes: target.bytes)
    }

    var file: RelativePath { target.file }
}
