import Foundation

/// The baseline: for every entry pair last confirmed in sync, what each side said then.
///
/// Stored as `resume-sync.lock`: a header line, then one JSON object a line, sorted by key, so
/// that the file is deterministic, reviewable, and merges in git one record at a time.
public struct Baseline: Sendable, Equatable {
    public static let fileName = "resume-sync.lock"
    public static let formatVersion = 1

    /// What one side of a pair said when the pair was confirmed.
    public struct Side: Codable, Hashable, Sendable {
        public var prose: Fingerprint
        public var neutral: Fingerprint
        /// The side's readable text, so that a stale entry can show what changed.
        public var text: String

        public init(prose: Fingerprint, neutral: Fingerprint, text: String) {
            self.prose = prose
            self.neutral = neutral
            self.text = text
        }

        public init(_ content: EntryContent) {
            self.init(prose: content.proseFingerprint, neutral: content.neutralFingerprint, text: content.text)
        }
    }

    /// By entry key, then by language code.
    public var records: [EntryKey: [String: Side]]

    public init(records: [EntryKey: [String: Side]] = [:]) {
        self.records = records
    }

    public func side(_ key: EntryKey, language: Language) -> Side? {
        records[key]?[language.code]
    }

    /// Records the pair as in sync now.
    public mutating func confirm(_ key: EntryKey, source: (Language, EntryContent), target: (Language, EntryContent)) {
        records[key] = [source.0.code: Side(source.1), target.0.code: Side(target.1)]
    }
}

/// The lock file could not be read: where, and why.
public struct BaselineError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    /// The lock was written by a newer resume-sync: `accept --all` must not overwrite it with
    /// an older format (that would drop whatever the newer one records).
    public var isNewerFormat = false

    public var description: String { message }
}

extension Baseline {
    private struct Header: Codable {
        var format: String
        var version: Int
    }

    private struct Record: Codable {
        var key: String
        var sides: [String: Side]
    }

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

    public init(parsing text: String) throws(BaselineError) {
        let decoder = JSONDecoder()
        var records: [EntryKey: [String: Side]] = [:]
        var sawHeader = false
        // Lines are cut on bytes: a lock holds a record for every entry, so this runs a lot.
        for (index, rawLine) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let bytes = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let line = Substring(bytes)
            if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"].contains(where: { line.hasPrefix($0) }) {
                throw BaselineError(line: lineNumber, message:
                    "unresolved git merge conflict in the lock file; resolve it by hand, or check the trees and run `resume-sync accept --all`")
            }
            let data = Data(bytes)
            if !sawHeader {
                guard let header = try? decoder.decode(Header.self, from: data), header.format == "resume-sync.lock" else {
                    throw BaselineError(line: lineNumber, message: "not a resume-sync lock file: the first line is not its header")
                }
                guard header.version <= Self.formatVersion else {
                    throw BaselineError(line: lineNumber, message:
                        "the lock file has format version \(header.version), written by a newer resume-sync; this one reads version \(Self.formatVersion)",
                        isNewerFormat: true)
                }
                sawHeader = true
                continue
            }
            let record: Record
            do {
                record = try decoder.decode(Record.self, from: data)
            } catch {
                throw BaselineError(line: lineNumber, message: "line \(lineNumber) is not a valid baseline record")
            }
            guard let key = EntryKey(parsing: record.key) else {
                throw BaselineError(line: lineNumber, message: "'\(record.key)' is not an entry key")
            }
            guard records[key] == nil else {
                throw BaselineError(line: lineNumber, message: "the entry \(key) is recorded twice")
            }
            records[key] = record.sides
        }
        guard sawHeader else {
            throw BaselineError(line: 1, message: "the lock file is empty: it has no header")
        }
        self.init(records: records)
    }
}
