import ResumeSyncXML

/// How a file lays out its lines, read from its bytes: the line ending it uses and the
/// indentation of the line an offset is on. Inserted text follows the target file's habits.
struct LineLayout {
    static let lf: [UInt8] = [0x0A]
    static let crlf: [UInt8] = [0x0D, 0x0A]

    let bytes: [UInt8]
    /// `\r\n` when most lines of the file end so, `\n` otherwise (and for a file of one line).
    let lineEnding: [UInt8]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var crlfCount = 0
        var lfCount = 0
        for offset in bytes.indices where bytes[offset] == 0x0A {
            if offset > 0, bytes[offset - 1] == 0x0D { crlfCount += 1 } else { lfCount += 1 }
        }
        lineEnding = crlfCount > lfCount ? Self.crlf : Self.lf
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The offset where the line holding `offset` starts.
    func lineStart(of offset: Int) -> Int {
        var index = offset
        while index > 0, bytes[index - 1] != 0x0A { index -= 1 }
        return index
    }

    /// The spaces and tabs that start the line holding `offset`.
    func lineIndent(of offset: Int) -> [UInt8] {
        let start = lineStart(of: offset)
        var end = start
        while end < bytes.count, Self.isBlank(bytes[end]) { end += 1 }
        return Array(bytes[start..<end])
    }

    /// Whether only spaces and tabs come before `offset` on its line.
    func startsLine(_ offset: Int) -> Bool {
        bytes[lineStart(of: offset)..<offset].allSatisfy(Self.isBlank)
    }

    /// What removing the element at `span` takes: its whole lines (indentation and line ending
    /// included) when it is alone on them, so that no blank line is left; else the span alone.
    func removalRange(of span: ByteSpan) -> Range<Int> {
        if startsLine(span.start), let next = nextLineStart(ifBlankAfter: span.end) {
            return lineStart(of: span.start)..<next
        }
        return span.range
    }

    /// When only spaces and tabs follow `offset` up to the end of its line: the offset just past
    /// that line's ending. `nil` when something else follows, or the file ends first.
    func nextLineStart(ifBlankAfter offset: Int) -> Int? {
        var index = offset
        while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
            return index + 2
        }
        if index < bytes.count, bytes[index] == 0x0A { return index + 1 }
        return nil
    }
}

/// Moves a block of lines copied from one file to a new indentation and line ending style.
struct Reindentation {
    /// The indentation of the block's first line where it was, and where it goes.
    var from: [UInt8]
    var to: [UInt8]
    /// One level of indentation in each file, when known (two spaces, a tab), so that nested
    /// lines follow the target's step as well as its base.
    var unitFrom: [UInt8]?
    var unitTo: [UInt8]?
    var lineEnding: [UInt8]

    /// The block with its line endings changed and every line after the first re-indented:
    /// a line that starts with the old indentation gets the new one instead (its deeper levels
    /// converted step by step); a line indented less than the block keeps its leading blanks.
    func apply(to block: [UInt8]) -> [UInt8] {
        var lines: [ArraySlice<UInt8>] = block.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in lines.indices where lines[index].last == 0x0D {
            lines[index] = lines[index].dropLast()
        }
        var result: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 {
                result += lineEnding
                result += reindented(line)
            } else {
                result += line
            }
        }
        return result
    }

    private func reindented(_ line: ArraySlice<UInt8>) -> [UInt8] {
        guard line.starts(with: from) else { return Array(line) }
        var rest = line.dropFirst(from.count)
        var result = to
        if let unitFrom, let unitTo, !unitFrom.isEmpty, unitFrom != unitTo {
            while rest.starts(with: unitFrom) {
                result += unitTo
                rest = rest.dropFirst(unitFrom.count)
            }
        }
        return result + rest
    }
}

extension Array where Element == UInt8 {
    /// `self` without the leading `prefix`, when it starts with it and is longer.
    func indentStep(beyond prefix: [UInt8]) -> [UInt8]? {
        guard count > prefix.count, starts(with: prefix) else { return nil }
        return Array(self[prefix.count...])
    }
}
