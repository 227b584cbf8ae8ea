/// One file present in both trees, as the merge's planners read it: both documents, their
/// element maps and their line layouts.
struct MergeFile {
    let source: ParsedDocument
    let target: ParsedDocument
    let sourceMap: ElementMap
    let targetMap: ElementMap
    let sourceLayout: LineLayout
    let targetLayout: LineLayout

    init(source: ParsedDocument, target: ParsedDocument) {
        self.source = source
        self.target = target
        sourceMap = ElementMap(document: source)
        targetMap = ElementMap(document: target)
        sourceLayout = LineLayout(bytes: source.bytes)
        targetLayout = LineLayout(bytes: target.bytes)
    }

    var file: RelativePath { target.file }
}
