/// Findings as SARIF 2.1.0, for code-scanning tools. Columns are Unicode code points, as the
/// run's `columnKind` says; the other side's location is a related location.
public struct SARIFReport: Sendable {
    public init() {}

    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case version
            case schema = "$schema"
            case runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var columnKind = "unicodeCodePoints"
        var results: [Result]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name = "resume-sync"
        var version = ResumeSyncVersion.current
        var rules: [RuleDescriptor]
    }

    struct RuleDescriptor: Encodable {
        var id: String
        var shortDescription: Message
    }

    struct Message: Encodable {
        var text: String
    }

    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }

    static func location(_ location: SourceLocation) -> Location {
        Location(physicalLocation: PhysicalLocation(
            artifactLocation: ArtifactLocation(uri: location.path),
            region: Region(startLine: location.line, startColumn: location.codePointColumn)))
    }

    public func render(_ findings: [Finding], rules: [Rule] = Rule.all) -> String {
        let results = findings.map { finding in
            Result(
                ruleId: finding.rule.id,
                level: finding.severity == .error ? "error" : "warning",
                message: Message(text: finding.message),
                locations: finding.primaryLocation.map { [Self.location($0)] } ?? [],
                relatedLocations: finding.secondaryLocation.map { [Self.location($0)] },
                partialFingerprints: ["entryKey": finding.key.description])
        }
        let used = Set(findings.map(\.rule.id))
        let descriptors = (rules + findings.map(\.rule)).reduce(into: [RuleDescriptor]()) { list, rule in
            guard !list.contains(where: { $0.id == rule.id }), rules.contains(rule) || used.contains(rule.id) else { return }
            list.append(RuleDescriptor(id: rule.id, shortDescription: Message(text: rule.summary)))
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(rules: descriptors)), results: results)])
        return JSONReport.encode(log)
    }
}
