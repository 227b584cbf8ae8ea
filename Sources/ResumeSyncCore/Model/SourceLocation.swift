import Foundation

/// A position in a file, as shown to people: 1-based line and column.
///
/// `column` counts display columns as GCC does (a Chinese character is two, a tab moves to the
/// next multiple of eight); `byteOffset` is kept for tools and for the merge.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var byteOffset: Int
    /// The 1-based column in Unicode code points, as SARIF and LSP-style tools count.
    public var codePointColumn: Int

    public init(path: String, line: Int, column: Int, byteOffset: Int, codePointColumn: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.codePointColumn = codePointColumn ?? column
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// Offsets of the starts of lines in a file's bytes, for turning byte offsets into lines and
/// columns (CRLF files included: the `\r` ends up at the end of its line).
public struct LineTable: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        // memchr finds each line feed many bytes at a time; every document is scanned once.
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count,
                  let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                starts.append(index + 1)
                offset = index + 1
            }
        }
        lineStarts = starts
    }

    /// The 1-based line that holds `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    public func location(of offset: Int, path: String) -> SourceLocation {
        let clamped = min(max(offset, 0), bytes.count)
        let line = line(of: clamped)
        let lineStart = lineStarts[line - 1]
        let prefix = String(decoding: bytes[lineStart..<clamped], as: UTF8.self)
        return SourceLocation(
            path: path, line: line, column: DisplayWidth.columns(of: prefix) + 1, byteOffset: clamped,
            codePointColumn: prefix.unicodeScalars.count + 1)
    }

    /// The start offset of a 1-based line.
    public func start(ofLine line: Int) -> Int {
        lineStarts[min(max(line - 1, 0), lineStarts.count - 1)]
    }
}
