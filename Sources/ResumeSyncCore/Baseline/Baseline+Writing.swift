import Foundation

extension Baseline {
    /// The lock's first line.
    struct LockHeader: Codable {
        var format: String
        var version: Int
    }

    /// One line after it, as JSON sees it.
    struct LockRecord: Codable {
        var key: String
        var sides: [String: Side]
        var verified: Fingerprint?
    }

    private typealias Header = LockHeader
    private typealias Record = LockRecord

    /// The lock file's text: the header, then one record a line in key order, each as
    /// `JSONEncoder` writes it with sorted keys and unescaped slashes.
    ///
    /// Records are put together by hand, the encoder kept for strings that need an escape:
    /// calling it 200,000 times cost more than the rest of `accept`.
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// `serialized()` as the bytes of the file, without the copy into a `String` and back: a
    /// big project's lock is hundreds of megabytes. With the size the file is expected to have
    /// (the old lock's), the bytes are written into one buffer instead of buffers twice as big
    /// each time.
    public func serializedBytes(expectedSize: Int = 0) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output: [UInt8] = []
        output.reserveCapacity(expectedSize + expectedSize / 16)
        output.append(contentsOf: Self.encode(Header(format: "resume-sync.lock", version: Self.formatVersion), encoder))
        output.append(UInt8(ascii: "\n"))
        for key in records.keys.sorted() {
            let sides = records[key] ?? [:]
            if !Self.appendRecord(key: key.description, sides: sides, to: &output, encoder) {
                output.append(contentsOf: Self.encode(
                    Record(key: key.description, sides: sides.dictionary, verified: sides.verified), encoder))
            }
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    /// Appends the record as `JSONEncoder` would write it; `false` (nothing appended) for
    /// language codes whose order the encoder might see otherwise than `<` (not plain ASCII).
    private static func appendRecord(
        key: String, sides: Sides, to output: inout [UInt8], _ encoder: JSONEncoder
    ) -> Bool {
        let languages = sides.keys.sorted()
        guard languages.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) else { return false }
        output.append(contentsOf: #"{"key":"#.utf8)
        appendString(key, to: &output, encoder)
        output.append(contentsOf: #","sides":{"#.utf8)
        for (index, language) in languages.enumerated() {
            guard let side = sides[language] else { continue }
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendString(language, to: &output, encoder)
            output.append(contentsOf: #":{"neutral":""#.utf8)
            output.append(contentsOf: side.neutral.hex.utf8)
            output.append(contentsOf: #"","prose":""#.utf8)
            output.append(contentsOf: side.prose.hex.utf8)
            output.append(contentsOf: #"","text":"#.utf8)
            appendString(side.text, to: &output, encoder)
            output.append(UInt8(ascii: "}"))
        }
        output.append(UInt8(ascii: "}"))
        if let verified = sides.verified {
            output.append(contentsOf: #","verified":""#.utf8)
            output.append(contentsOf: verified.hex.utf8)
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: "}"))
        return true
    }

    /// A JSON string: as it is between quotes when nothing in it is escaped, else as the
    /// encoder writes it.
    private static func appendString(_ text: String, to output: inout [UInt8], _ encoder: JSONEncoder) {
        let utf8 = text.utf8
        var plain = true
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            // Quote, backslash, controls; and U+2028, U+2029 (E2 80 A8/A9), left to the encoder.
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                || (previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9)) {
                plain = false
                break
            }
            previous = (previous.1, byte)
        }
        if plain {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: utf8)
            output.append(UInt8(ascii: "\""))
        } else {
            output.append(contentsOf: encode(text, encoder))
        }
    }

    private static func encode(_ value: some Encodable, _ encoder: JSONEncoder) -> Data {
        // Encoding plain strings and integers cannot fail.
        (try? encoder.encode(value)) ?? Data("{}".utf8)
    }
}
