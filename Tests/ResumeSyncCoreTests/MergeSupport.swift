import Foundation
@testable import ResumeSyncCore

/// A project folder on disk for merge tests: `zh/` and `en/` files, and optionally the lock
/// that `accept --all` would write for an earlier state of the trees.
struct MergeProject {
    let root: URL
    var configuration = Configuration.default

    init(
        zh: [String: String], en: [String: String], baselineFrom: (zh: [String: String], en: [String: String])? = nil,
        configuration: Configuration = .default
    ) throws {
        self.configuration = configuration
        root = FileManager.default.temporaryDirectory.appendingPathComponent("resume-sync-merge-\(UUID().uuidString)")
        for (name, text) in zh { try write("zh/\(name)", text) }
        for (name, text) in en { try write("en/\(name)", text) }
        if let earlier = baselineFrom {
            let baseline = try Trees.baseline(zh: earlier.zh, en: earlier.en)
            try write(Baseline.fileName, baseline.serialized())
        }
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    var workspace: Workspace {
        var workspace = Workspace(root: root.path, configuration: configuration)
        workspace.source.displayRoot = "zh"
        workspace.target.displayRoot = "en"
        return workspace
    }

    func plan(only: [String] = [], prune: Bool = false) throws -> MergePlan {
        try MergePlanner(input: MergeInput.load(workspace), request: MergeRequest(only: only, prune: prune)).plan()
    }

    /// The new bytes of one file of the plan, as text.
    static func newText(_ plan: MergePlan, _ displayPath: String) -> String? {
        plan.changes.first { $0.displayPath == displayPath }.map { String(decoding: $0.newBytes, as: UTF8.self) }
    }
}
