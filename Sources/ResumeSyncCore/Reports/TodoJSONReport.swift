/// `todo --format json`: the TODO report for scripts. The field names are stable and documented
/// in the README ("Reports"); a field that does not apply is left out rather than null.
public struct TodoJSONReport: Sendable {
    /// The tool's version, injected so that the output is a pure function of the report.
    public var version: String

    public init(version: String) {
        self.version = version
    }

    struct Tree: Encodable {
        var root: String
        var language: String
    }

    struct Progress: Encodable {
        var inSync: Int
        var total: Int
        var percent: Int

        init(_ progress: SyncProgress) {
            inSync = progress.done
            total = progress.total
            percent = progress.percent
        }
    }

    struct File: Encodable {
        var file: String
        var source: String?
        var target: String?
        var progress: Progress
        var counts: [String: Int]
    }

    typealias Side = JSONReportPiece.Side
    typealias Change = JSONReportPiece.Change

    struct Finding: Encodable {
        var rule: String
        var severity: String
        var message: String
        var sourceValue: String?
        var targetValue: String?
    }

    struct Nested: Encodable {
        var key: String
        var text: String
    }

    struct Merge: Encodable {
        var action: String
        var description: String
    }

    struct Item: Encodable {
        var key: String
        var file: String
        var id: String?
        var rules: [String]
        var severity: String
        var findings: [Finding]
        var source: Side?
        var target: Side?
        var previousSourceText: String?
        var sourceChange: [Change]?
        var targetEditedSinceBaseline: Bool?
        var nested: [Nested]?
        var fileEntries: Int?
        var merge: [Merge]
    }

    struct Document: Encodable {
        var tool = "resume-sync"
        var report = "todo"
        var version: String
        var source: Tree
        var target: Tree
        var hasBaseline: Bool
        var progress: Progress
        var counts: [String: Int]
        var files: [File]
        var items: [Item]
    }

    public func render(_ report: TodoReport) -> String {
        let document = Document(
            version: version,
            source: Tree(root: report.sourceRoot, language: report.sourceLanguage.code),
            target: Tree(root: report.targetRoot, language: report.targetLanguage.code),
            hasBaseline: report.hasBaseline,
            progress: Progress(report.overall),
            counts: Self.counts(report.ruleCounts),
            files: report.files.map { file in
                File(file: file.file.rawValue, source: file.sourcePath, target: file.targetPath,
                     progress: Progress(file.progress), counts: Self.counts(file.ruleCounts))
            },
            items: report.items.map(Self.item))
        return JSONReport.encode(document)
    }

    static func counts(_ counts: [TodoReport.RuleCount]) -> [String: Int] {
        Dictionary(counts.map { ($0.rule.id, $0.count) }, uniquingKeysWith: +)
    }

    static func item(_ item: TodoItem) -> Item {
        let stale = item.findings.first { $0.rule == .stale }
        return Item(
            key: item.key.description,
            file: item.key.file.rawValue,
            id: item.key.id?.rawValue,
            rules: item.rules.map(\.id),
            severity: item.severity.rawValue,
            findings: item.findings.map {
                Finding(rule: $0.rule.id, severity: $0.severity.rawValue, message: $0.message,
                        sourceValue: $0.sourceValue, targetValue: $0.targetValue)
            },
            source: item.source.map(Side.init),
            target: item.target.map(Side.init),
            previousSourceText: stale?.previousSourceText,
            sourceChange: item.sourceChange?.map(Change.init),
            targetEditedSinceBaseline: stale.map { _ in item.targetEditedSinceBaseline },
            nested: item.nested.isEmpty ? nil : item.nested.map { Nested(key: $0.key.description, text: $0.text) },
            fileEntries: item.fileEntryCount,
            merge: item.mergeActions.map { Merge(action: $0.kind.rawValue, description: $0.description) })
    }
}
