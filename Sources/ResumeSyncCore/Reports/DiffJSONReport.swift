/// `diff --format json`: the blocks of the diff for scripts.
public struct DiffJSONReport: Sendable {
    public init() {}

    struct Side: Encodable {
        var path: String
        var line: Int
        var column: Int
        var text: String
    }

    struct Change: Encodable {
        var kind: String
        var text: String
    }

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
                source: block.source.map { Side(path: $0.location.path, line: $0.location.line, column: $0.location.column, text: $0.text) },
                target: block.target.map { Side(path: $0.location.path, line: $0.location.line, column: $0.location.column, text: $0.text) },
                sourceChange: block.sourceChange?.map { piece in
                    switch piece {
                    case .same(let text): return Change(kind: "same", text: text)
                    case .removed(let text): return Change(kind: "removed", text: text)
                    case .added(let text): return Change(kind: "added", text: text)
                    }
                })
        }
        return JSONReport.encode(items)
    }
}
