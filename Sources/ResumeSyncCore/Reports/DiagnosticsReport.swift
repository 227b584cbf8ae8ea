/// Findings as GCC prints diagnostics: `path:line:col: error: message [rule]`, each followed by
/// a `note:` at the other side's location when the entry exists there too.
public struct DiagnosticsReport: Sendable {
    public var style: TerminalStyle

    public init(style: TerminalStyle = .plain) {
        self.style = style
    }

    public func render(_ findings: [Finding]) -> String {
        var output = ""
        for finding in findings {
            let location = finding.primaryLocation.map { "\($0): " } ?? ""
            output += style.bold(location) + style.severity(finding.severity) + " "
                + finding.message + " " + style.dim("[\(finding.rule.id)]") + "\n"
            if let other = finding.secondaryLocation {
                output += style.bold("\(other): ") + style.cyan("note:") + " \(finding.key) in the source tree\n"
            }
        }
        return output
    }

    /// The closing line, for standard error: counts, and what to do when there is no baseline.
    public func summary(_ result: Reconciliation) -> String {
        summary(result.checkResult)
    }

    /// The closing line of `check`, from what it kept of the trees.
    public func summary(_ result: CheckResult) -> String {
        let errors = result.findings.filter { $0.severity == .error }.count
        let warnings = result.findings.count - errors
        let paired = result.pairedCount
        var lines: [String] = []
        if errors == 0 && warnings == 0 {
            lines.append("resume-sync: all \(paired) entry pairs in sync")
        } else {
            lines.append("resume-sync: \(Self.count(errors, "error")), \(Self.count(warnings, "warning")); "
                + "\(result.inSyncCount) of \(paired) entry pairs in sync")
        }
        if !result.silencing.silenced.isEmpty {
            lines[0] += " (\(Self.count(result.silencing.silenced.count, "finding")) silenced in \(SilenceList.fileName))"
        }
        for silence in result.silencing.lapsed {
            lines.append("resume-sync: note: the silence of \(silence.key) [\(silence.rule)] in \(SilenceList.fileName) "
                + "no longer matches a finding (the values changed, or the difference is gone); remove its line")
        }
        if !result.hasBaseline, !result.findings.contains(where: { $0.rule == .lockError }) {
            lines.append("resume-sync: note: there is no baseline (\(Baseline.fileName)), so staleness is not checked; "
                + "once the trees are in sync, run `resume-sync accept --all` to create it")
        } else if !result.unrecordedPairs.isEmpty {
            lines.append("resume-sync: note: \(Self.count(result.unrecordedPairs.count, "entry pair")) not in the baseline yet; "
                + "`resume-sync accept KEY…` records them")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }
}
