/// The config cannot be used: where in it, and why. It stops the run (exit status 2) before
/// anything is read or written.
///
/// Shown as a diagnostic, `resume-sync.toml:LINE:COL: error: MESSAGE [config-error]`; an error
/// about the config as a whole (a `--config` file that does not exist) has no location.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    /// The gcc-style line, or the bare message when there is no location.
    public var description: String {
        guard let location else { return message }
        return "\(location): error: \(message) [\(Rule.configError.id)]"
    }

    /// The error as a finding, for reports that list findings.
    public var finding: Finding {
        Finding(
            rule: .configError, key: EntryKey(file: RelativePath(location?.path ?? ConfigurationLoader.fileName), id: nil),
            message: message, source: location)
    }
}
