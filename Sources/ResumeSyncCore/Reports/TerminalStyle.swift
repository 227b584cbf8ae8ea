/// ANSI styling, or none: the command line decides (a terminal, and no `NO_COLOR`).
public struct TerminalStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public static let plain = TerminalStyle(enabled: false)

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    public func magenta(_ text: String) -> String { wrap(text, "1;35") }
    public func cyan(_ text: String) -> String { wrap(text, "1;36") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func removed(_ text: String) -> String { enabled ? wrap(text, "31;9") : "[-\(text)-]" }
    public func added(_ text: String) -> String { enabled ? wrap(text, "32;4") : "{+\(text)+}" }

    public func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return red("error:")
        case .warning: return magenta("warning:")
        }
    }
}
