/// The baseline: for every entry pair last confirmed in sync, what each side said then.
///
/// Stored as `resume-sync.lock`: a header line, then one JSON object a line, sorted by key, so
/// that the file is deterministic, reviewable, and merges in git one record at a time.
public struct Baseline: Sendable, Equatable {
    public static let fileName = "resume-sync.lock"
    public static let formatVersion = 1

    /// What one side of a pair said when the pair was confirmed.
    ///
    /// A side read from a lock keeps only where its text is in the lock, not the text: the
    /// checks compare fingerprints, and only a stale entry's report ever shows the old text.
    public struct Side: Hashable, Sendable {
        public var prose: Fingerprint
        public var neutral: Fingerprint
        var storedText: BaselineText

        /// The side's readable text, so that a stale entry can show what changed.
        ///
        /// Read from the lock when asked for; empty when the lock can no longer be read.
        public var text: String {
            get { storedText.string }
            set { storedText = .inline(newValue) }
        }

        public init(prose: Fingerprint, neutral: Fingerprint, text: String) {
            self.init(prose: prose, neutral: neutral, storedText: .inline(text))
        }

        init(prose: Fingerprint, neutral: Fingerprint, storedText: BaselineText) {
            self.prose = prose
            self.neutral = neutral
            self.storedText = storedText
        }

        public init(_ content: EntryContent) {
            self.init(prose: content.proseFingerprint, neutral: content.neutralFingerprint, text: content.text)
        }

        public static func == (lhs: Side, rhs: Side) -> Bool {
            lhs.prose == rhs.prose && lhs.neutral == rhs.neutral && lhs.storedText == rhs.storedText
        }

        /// The fingerprints only: equal sides have equal fingerprints, and hashing the text
        /// would read it from the lock.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(prose)
            hasher.combine(neutral)
        }
    }

    /// By entry key, then by language code.
    public var records: [EntryKey: Sides]

    public init(records: [EntryKey: Sides] = [:]) {
        self.records = records
    }

    public func side(_ key: EntryKey, language: Language) -> Side? {
        records[key]?[language.code]
    }

    /// Records the pair as in sync now.
    public mutating func confirm(
        _ key: EntryKey, source: (Language, EntryContent), target: (Language, EntryContent), verified: Fingerprint? = nil
    ) {
        var sides: Sides = [source.0.code: Side(source.1), target.0.code: Side(target.1)]
        sides.verified = verified
        records[key] = sides
    }
}

extension Baseline.Side: Codable {
    private enum CodingKeys: String, CodingKey {
        case prose, neutral, text
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            prose: try container.decode(Fingerprint.self, forKey: .prose),
            neutral: try container.decode(Fingerprint.self, forKey: .neutral),
            text: try container.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prose, forKey: .prose)
        try container.encode(neutral, forKey: .neutral)
        try container.encode(text, forKey: .text)
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
