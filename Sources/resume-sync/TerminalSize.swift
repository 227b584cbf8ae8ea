import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The width of the terminal, for layouts that must fit it (`diff --side-by-side`).
enum TerminalSize {
    /// The fallback when nothing tells the width.
    static let defaultColumns = 80

    /// Columns of the terminal on `descriptor`, or `nil` when it is no terminal or has no size.
    static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// `--width` when given, else `COLUMNS`, else the width of the terminal on standard output,
    /// else 80. A `COLUMNS` that is not a positive number is ignored.
    static func outputColumns(explicit: Int?) -> Int {
        if let explicit { return explicit }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        return columns(of: STDOUT_FILENO) ?? defaultColumns
    }
}
