import Foundation

/// Findings as GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), so
/// that a CI step annotates the pull request's files. GitHub shows at most 10 errors and 10
/// warnings of one step; every finding is printed all the same.
public struct GitHubAnnotationsReport: Sendable {
    public init() {}

    public func render(_ findings: [Finding]) -> String {
        findings.map { finding in
            var properties: [String] = []
            if let location = finding.primaryLocation {
                properties += [
                    "file=\(Self.escapeProperty(location.path))",
                    "line=\(location.line)",
                    "col=\(location.codePointColumn)",
                ]
            }
            properties.append("title=\(Self.escapeProperty("\(finding.rule.id) \(finding.key)"))")
            let command = finding.severity == .error ? "error" : "warning"
            return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(finding.message))\n"
        }.joined()
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
