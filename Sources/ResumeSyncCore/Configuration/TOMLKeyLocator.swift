/// Where each key of a TOML document is written, for error messages with line and column.
///
/// TOMLKit reports positions for syntax errors only; its values carry none. This scanner reads
/// the same text once more for its structure alone (tables, keys, values, array elements), after
/// TOMLKit has accepted it, so it need not diagnose anything: on text it does not follow it
/// simply records less, and the caller falls back to the enclosing table or the file's start.
struct TOMLKeyLocator {
    /// Byte offsets of one key-value pair.
    struct Place: Hashable {
        /// Where the key starts (its first character, or the opening quote).
        var key: Int
        /// Where the value starts.
        var value: Int
        /// Where each element of an array value starts, in order.
        var elements: [Int]
    }

    private(set) var keys: [[String]: Place] = [:]
    /// Where each `[table]` or `[[array]]` header starts.
    private(set) var tables: [[String]: Int] = [:]

    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        scanDocument()
    }

    /// The key's place, or else the nearest enclosing table's or key's.
    func offset(of path: [String]) -> Int {
        var prefix = path
        while !prefix.isEmpty {
            if let place = keys[prefix] { return place.key }
            if let table = tables[prefix] { return table }
            prefix.removeLast()
        }
        return 0
    }

    // MARK: - Scanning

    private mutating func scanDocument() {
        var table: [String] = []
        while index < bytes.count {
            skipBlank(newlines: true)
            guard index < bytes.count else { return }
            let start = index
            if bytes[index] == UInt8(ascii: "[") {
                let isArray = peek(1) == UInt8(ascii: "[")
                index += isArray ? 2 : 1
                skipBlank(newlines: false)
                let path = scanKey()
                table = path
                tables[path] = tables[path] ?? start
                skipToLineEnd()
            } else if scanKeyValue(in: table) == nil {
                skipToLineEnd()
            }
        }
    }

    /// `key = value` at the current position, recorded under `table`; returns the full path.
    @discardableResult
    private mutating func scanKeyValue(in table: [String]) -> [String]? {
        let keyStart = index
        let key = scanKey()
        guard !key.isEmpty else { return nil }
        skipBlank(newlines: false)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skipBlank(newlines: false)
        let path = table + key
        let valueStart = index
        var elements: [Int] = []
        scanValue(path: path, elements: &elements)
        keys[path] = Place(key: keyStart, value: valueStart, elements: elements)
        return path
    }

    /// A bare, quoted or dotted key; empty when there is none here.
    private mutating func scanKey() -> [String] {
        var parts: [String] = []
        while index < bytes.count {
            skipBlank(newlines: false)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                parts.append(scanSingleLineString())
            } else if Self.isBareKeyByte(byte) {
                let start = index
                while index < bytes.count, Self.isBareKeyByte(bytes[index]) { index += 1 }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            } else {
                break
            }
            skipBlank(newlines: false)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { break }
            index += 1
        }
        return parts
    }

    private mutating func scanValue(path: [String], elements: inout [Int]) {
        guard index < bytes.count else { return }
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            if peek(1) == bytes[index], peek(2) == bytes[index] {
                scanMultilineString()
            } else {
                _ = scanSingleLineString()
            }
        case UInt8(ascii: "["):
            index += 1
            while index < bytes.count {
                skipBlank(newlines: true)
                guard index < bytes.count else { return }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                elements.append(index)
                var nested: [Int] = []
                let before = index
                scanValue(path: path + [String(elements.count - 1)], elements: &nested)
                if index == before { index += 1 }
            }
        case UInt8(ascii: "{"):
            index += 1
            while index < bytes.count {
                skipBlank(newlines: false)
                guard index < bytes.count else { return }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if scanKeyValue(in: path) == nil { index += 1 }
            }
        default:
            while index < bytes.count, !Self.endsScalar(bytes[index]) { index += 1 }
        }
    }

    /// `"…"` with escapes or `'…'`; returns the content (escapes left as written but `\"`).
    private mutating func scanSingleLineString() -> String {
        let quote = bytes[index]
        index += 1
        var content: [UInt8] = []
        while index < bytes.count, bytes[index] != quote, bytes[index] != UInt8(ascii: "\n") {
            if quote == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                content.append(bytes[index + 1])
                index += 2
                continue
            }
            content.append(bytes[index])
            index += 1
        }
        if index < bytes.count, bytes[index] == quote { index += 1 }
        return String(decoding: content, as: UTF8.self)
    }

    private mutating func scanMultilineString() {
        let quote = bytes[index]
        index += 3
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                index += 2
                continue
            }
            if bytes[index] == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // Up to two more quotes belong to the content.
                while index < bytes.count, bytes[index] == quote { index += 1 }
                return
            }
            index += 1
        }
    }

    private mutating func skipBlank(newlines: Bool) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
            } else if newlines, byte == UInt8(ascii: "\n") {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func skipToLineEnd() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
    }

    private func peek(_ distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "\n")].contains(byte)
    }
}
