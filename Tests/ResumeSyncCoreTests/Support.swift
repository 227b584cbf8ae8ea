import ResumeSyncCore

/// Builds loaded trees from in-memory files, so checks can be tested without a disk.
enum Trees {
    static func load(_ files: [String: String], root: String, side: TreeSide, profile: FormatProfile = .xml) -> LoadedTree {
        let spec = TreeSpec(root: root)
        let loader = TreeLoader(profile: profile)
        var documents: [RelativePath: ParsedDocument] = [:]
        var failures: [RelativePath: [Finding]] = [:]
        for (name, text) in files {
            let file = RelativePath(name)
            switch loader.parse(Array(text.utf8), file: file, displayPath: spec.displayPath(file), side: side) {
            case .success(let document): documents[file] = document
            case .failure(let problem): failures[file] = problem.findings
            }
        }
        return LoadedTree(
            spec: spec, side: side, files: files.keys.map(RelativePath.init).sorted(),
            documents: documents, failures: failures)
    }

    static func reconcile(
        zh: [String: String], en: [String: String], baseline: Baseline? = nil,
        configuration: Configuration = .default
    ) -> Reconciliation {
        Reconciler(configuration: configuration).reconcile(
            source: load(zh, root: "zh", side: .source),
            target: load(en, root: "en", side: .target),
            baseline: baseline)
    }

    /// The baseline that `accept --all` would write for these trees.
    static func baseline(zh: [String: String], en: [String: String]) throws -> Baseline {
        try Acceptance.accept([], all: true, in: reconcile(zh: zh, en: en), baseline: nil).baseline
    }

    static func document(_ text: String, file: String = "f.xml", profile: FormatProfile = .xml) throws -> ParsedDocument {
        try TreeLoader(profile: profile)
            .parse(Array(text.utf8), file: RelativePath(file), displayPath: "zh/\(file)", side: .source)
            .get()
    }
}

/// One finding reduced to what tests compare: rule, key and the primary location's line.
struct Summary: Hashable, CustomStringConvertible {
    var rule: String
    var key: String
    var line: Int?

    init(_ rule: String, _ key: String, _ line: Int?) {
        self.rule = rule
        self.key = key
        self.line = line
    }

    init(_ finding: Finding) {
        self.init(finding.rule.id, finding.key.description, finding.primaryLocation?.line)
    }

    var description: String { "\(rule) \(key) @\(line.map(String.init) ?? "-")" }
}

extension Reconciliation {
    var summaries: [Summary] { findings.map(Summary.init) }
}

/// Why a lock text cannot be read, or `nil` when it can.
func lockReadingError(_ text: String) -> BaselineError? {
    do {
        _ = try Baseline(parsing: text)
        return nil
    } catch {
        return error
    }
}
