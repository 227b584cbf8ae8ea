import Foundation

/// One finding a person decided is an intended difference, with their reason.
///
/// A silence is tied to the values the finding saw on each side (`sourceValue`,
/// `targetValue`): when either changes, the finding is a new one and the silence no longer
/// applies, so nothing stays hidden that nobody looked at.
public struct Silence: Hashable, Sendable {
    public var key: EntryKey
    public var rule: String
    public var sourceValue: String?
    public var targetValue: String?
    public var reason: String

    public init(key: EntryKey, rule: String, sourceValue: String?, targetValue: String?, reason: String) {
        self.key = key
        self.rule = rule
        self.sourceValue = sourceValue
        self.targetValue = targetValue
        self.reason = reason
    }

    public init(_ finding: Finding, reason: String) {
        self.init(
            key: finding.key, rule: finding.rule.id,
            sourceValue: finding.sourceValue, targetValue: finding.targetValue, reason: reason)
    }

    /// Whether this silence is for `finding`: same entry, same rule, same values.
    public func matches(_ finding: Finding) -> Bool {
        finding.key == key && finding.rule.id == rule
            && finding.sourceValue == sourceValue && finding.targetValue == targetValue
    }

    /// What a silence is found by: two silences of one identity cannot both be in the file.
    var identity: [String] { [key.description, rule, sourceValue ?? "", targetValue ?? ""] }
}

/// `resume-sync.silence`: the findings silenced on purpose, committed beside the lock.
///
/// The same deterministic JSON Lines style as `resume-sync.lock`: a header line, then one
/// silence a line, sorted by key, rule and values, so that a review reads every reason and
/// the file merges in git one record at a time. Only `accept --rule` writes it; a person may
/// delete a line to lift a silence.
public struct SilenceList: Sendable, Equatable {
    public static let fileName = "resume-sync.silence"
    public static let formatVersion = 1

    public private(set) var silences: [Silence]

    public init(_ silences: [Silence] = []) {
        self.silences = silences.sorted { $0.identity.lexicographicallyPrecedes($1.identity) }
    }

    /// The list with `new` added; silences of the same entry and rule that were there are
    /// replaced, since the new ones say what is intended now.
    public func replacing(_ new: [Silence]) -> SilenceList {
        let replaced = Set(new.map { [$0.key.description, $0.rule] })
        let kept = silences.filter { !replaced.contains([$0.key.description, $0.rule]) }
        return SilenceList(kept + new)
    }

    private struct Header: Codable {
        var format: String
        var version: Int
    }

    private struct Record: Codable {
        var key: String
        var rule: String
        var sourceValue: String?
        var targetValue: String?
        var reason: String
    }

    public func serialized() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = [Self.encodeLine(Header(format: Self.fileName, version: Self.formatVersion), encoder)]
        for silence in silences {
            lines.append(Self.encodeLine(Record(
                key: silence.key.description, rule: silence.rule, sourceValue: silence.sourceValue,
                targetValue: silence.targetValue, reason: silence.reason), encoder))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func encodeLine(_ value: some Encodable, _ encoder: JSONEncoder) -> String {
        // Plain strings and integers always encode.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads the file; a line that is not a silence stops the run, with its line number.
    public init(parsing text: String) throws(SilenceFileError) {
        let decoder = JSONDecoder()
        var silences: [Silence] = []
        var identities: Set<[String]> = []
        var sawHeader = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if content.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"].contains(where: { content.hasPrefix($0) }) {
                throw SilenceFileError(line: line, message: "unresolved git merge conflict; keep the lines of both sides you still mean")
            }
            let data = Data(content.utf8)
            guard sawHeader else {
                guard let header = try? decoder.decode(Header.self, from: data), header.format == Self.fileName else {
                    throw SilenceFileError(line: line, message: "not a \(Self.fileName) file: the first line is not its header")
                }
                guard header.version <= Self.formatVersion else {
                    throw SilenceFileError(line: line, message:
                        "format version \(header.version) is newer than this resume-sync reads (\(Self.formatVersion))")
                }
                sawHeader = true
                continue
            }
            guard let record = try? decoder.decode(Record.self, from: data) else {
                throw SilenceFileError(line: line, message: "not a silence: a JSON object with key, rule and reason is expected")
            }
            guard let key = EntryKey(parsing: record.key) else {
                throw SilenceFileError(line: line, message: "'\(record.key)' is not an entry key (FILE#ID)")
            }
            guard !record.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw SilenceFileError(line: line, message: "the silence of \(key) [\(record.rule)] has no reason")
            }
            let silence = Silence(
                key: key, rule: record.rule, sourceValue: record.sourceValue, targetValue: record.targetValue,
                reason: record.reason)
            guard identities.insert(silence.identity).inserted else {
                throw SilenceFileError(line: line, message: "the same silence of \(key) [\(record.rule)] is recorded twice")
            }
            silences.append(silence)
        }
        guard sawHeader else { throw SilenceFileError(line: 1, message: "the file is empty: it has no header") }
        self.init(silences)
    }
}

/// `resume-sync.silence` could not be read: where, and why.
public struct SilenceFileError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { message }
}
