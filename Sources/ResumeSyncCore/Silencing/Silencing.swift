import Foundation

/// What the silence file did to a reconciliation.
public struct SilencingOutcome: Sendable {
    /// Findings a silence matched: taken out of `findings`, counted in the summary.
    public var silenced: [Finding] = []
    /// Silences that matched no finding: the values they were tied to changed, or the
    /// difference is gone. They silence nothing; the summary lists them for removal.
    public var lapsed: [Silence] = []

    public init(silenced: [Finding] = [], lapsed: [Silence] = []) {
        self.silenced = silenced
        self.lapsed = lapsed
    }
}

extension Reconciliation {
    /// The reconciliation with the findings that `list` silences moved aside. Findings that
    /// mean broken input are never silenced.
    public func silenced(by list: SilenceList?) -> Reconciliation {
        guard let list, !list.silences.isEmpty else { return self }
        var result = self
        (result.findings, result.silencing) = SilencingOutcome.applying(list, to: findings)
        return result
    }
}

extension SilencingOutcome {
    /// The findings that `list` does not silence, and what it did: one rule for the full
    /// reconciliation and for `check`'s lean result.
    static func applying(_ list: SilenceList, to findings: [Finding]) -> (kept: [Finding], outcome: SilencingOutcome) {
        var used = Set<Int>()
        var silenced: [Finding] = []
        let kept = findings.filter { finding in
            guard !finding.rule.meansBrokenInput,
                  let index = list.silences.firstIndex(where: { $0.matches(finding) }) else { return true }
            used.insert(index)
            silenced.append(finding)
            return false
        }
        let lapsed = list.silences.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return (kept, SilencingOutcome(silenced: silenced, lapsed: lapsed))
    }
}

extension Workspace {
    /// `resume-sync.silence` at the project root.
    public var silencePath: String {
        root == "." ? SilenceList.fileName : "\(root)/\(SilenceList.fileName)"
    }

    /// The silence file, or `nil` when there is none; with `check --staged`, as git's index has it.
    ///
    /// - Throws: `InvocationError` naming the file and line of a record that cannot be read.
    public func readSilences() throws(InvocationError) -> SilenceList? {
        let bytes: [UInt8]
        if case .index(let index) = fileSource {
            guard let staged = index.stagedBytes(atPath: silencePath) else { return nil }
            bytes = staged
        } else {
            guard FileManager.default.fileExists(atPath: silencePath) else { return nil }
            guard let data = FileManager.default.contents(atPath: silencePath) else {
                throw InvocationError("cannot read \(silencePath)")
            }
            bytes = Array(data)
        }
        do {
            return try SilenceList(parsing: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw InvocationError("\(silencePath):\(error.line):1: \(error.message)")
        }
    }
}

/// `accept --rule R KEY --reason "…"`: silences the current findings of one rule for some
/// entries, with the reason a reviewer will read.
public enum SilenceRecorder {
    public static func silence(
        rule ruleID: String, keys: [String], reason: String, in result: Reconciliation, list: SilenceList?
    ) throws(InvocationError) -> (list: SilenceList, silenced: [Finding]) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw InvocationError("a silence needs a reason a reviewer can read: --reason \"…\"")
        }
        guard let rule = Rule.all.first(where: { $0.id == ruleID }) else {
            throw InvocationError("there is no rule '\(ruleID)'; rules: " + Rule.all.map(\.id).joined(separator: ", "))
        }
        guard !rule.meansBrokenInput else {
            throw InvocationError("'\(rule.id)' means the input is broken; fix the input instead of silencing it")
        }
        guard rule != .stale else {
            throw InvocationError("a stale entry is confirmed with `resume-sync accept KEY` once its translation is updated, not silenced")
        }
        if let broken = result.findings.first(where: \.rule.meansBrokenInput) {
            let location = broken.primaryLocation.map { "\($0): " } ?? ""
            throw InvocationError("\(location)\(broken.message) [\(broken.rule.id)]; nothing was written")
        }
        let candidates = (result.findings + result.silencing.silenced).filter { $0.rule == rule }
        var chosen: [Finding] = []
        for text in keys {
            let key = try Acceptance.resolve(text, in: result)
            let matches = candidates.filter { key.id == nil ? $0.key.file == key.file : $0.key == key }
            guard !matches.isEmpty else {
                throw InvocationError("there is no \(rule.id) finding for \(key) now; nothing to silence")
            }
            chosen += matches.filter { match in !chosen.contains(match) }
        }
        let silences = chosen.map { Silence($0, reason: reason) }
        return ((list ?? SilenceList()).replacing(silences), chosen)
    }
}
