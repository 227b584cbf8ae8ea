/// `diff --format json`: the blocks of the diff for scripts.
public struct DiffJSONReport: Sendable {
    public init() {}

    typealias Side = JSONReportPiece.Side
    typealias Change = JSONReportPiece.Change

    struct Block: Encodable {
        var key: String
        var rules: [String]
        var messages: [String]
        var source: Side?
        var target: Side?
        var sourceChange: [Change]?
    }

    public func render(_ blocks: [DiffReport.Block]) -> String {
        let items = blocks.map { block in
            Block(
                key: block.key.description,
                rules: block.findings.map(\.rule.id),
                messages: block.findings.map(\.message),
                source: block.source.map(Side.init),
                target: block.target.map(Side.init),
                sourceChange: block.sourceChange?.map(Change.init))
        }
        return JSONReport.encode(items)
    }

    /// `diff --format json` when the config cannot be used: one block, for the config file,
    /// as a file that cannot be parsed has one.
    public func render(_ error: ConfigurationError) -> String {
        let finding = error.finding
        return JSONReport.encode([Block(key: finding.key.description, rules: [finding.rule.id], messages: [finding.message])])
    }
}
