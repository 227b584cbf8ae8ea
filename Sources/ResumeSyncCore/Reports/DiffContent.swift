/// What `diff` shows, in every format: its blocks in order, the two trees, and every finding
/// (for the counts at the top of the Markdown diff).
///
/// Made from a full reconciliation, or by `Workspace.diff(includeInSync:progress:)` one file
/// pair at a time, so that only the blocks outlive the documents; the two agree.
public struct DiffContent: Sendable {
    public var source: TreeSpec
    public var target: TreeSpec
    public var blocks: [DiffReport.Block]
    /// Every finding, in document order, silenced ones left out.
    public var findings: [Finding]

    public init(source: TreeSpec, target: TreeSpec, blocks: [DiffReport.Block], findings: [Finding]) {
        self.source = source
        self.target = target
        self.blocks = blocks
        self.findings = findings
    }

    /// The blocks of a whole reconciliation; with `includeInSync`, entries in sync too.
    public init(_ result: Reconciliation, includeInSync: Bool) {
        self.init(
            source: result.source.spec, target: result.target.spec,
            blocks: DiffReport(includeInSync: includeInSync).blocks(result), findings: result.findings)
    }
}
