import Foundation

extension Baseline {
    private struct Header: Codable {
        var format: String
        var version: Int
    }

    private struct Record: Codable {
        var key: String
        var sides: [String: Side]
    }

    /// The lock file's text: the header, then one record a line in key order.
    public func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [String] = []
        let header = Header(format: "resume-sync.lock", version: Self.formatVersion)
        lines.append(Self.encodeLine(header, encoder))
        for key in records.keys.sorted() {
            lines.append(Self.encodeLine(Record(key: key.description, sides: records[key] ?? [:]), encoder))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func encodeLine(_ value: some Encodable, _ encoder: JSONEncoder) -> String {
        // Encoding plain strings and integers cannot fail.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
