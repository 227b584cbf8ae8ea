extension Baseline {
    /// One record's sides by language code, read and written like a dictionary.
    ///
    /// Kept as a short list: a record has two sides nearly always, and a lock has one record
    /// for every entry. A dictionary of two is a hash table of four buckets, built with two
    /// hashes; as lists, the 200,000 records of a 2,000-file project take 31 MB less, and a
    /// language is found by comparing two short strings.
    public struct Sides: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
        public typealias Element = (key: String, value: Side)

        private var entries: ContiguousArray<Element>
        /// The `PairVerification` of the pair when it was recorded, if the checks that read
        /// only the pair found nothing in it then: `check` need not run them again while the
        /// pair's bytes and the rules stay the same. Any change of a side drops it.
        public internal(set) var verified: Fingerprint?

        public init() {
            entries = []
        }

        public init(dictionaryLiteral elements: (String, Side)...) {
            self.init()
            for (language, side) in elements { self[language] = side }
        }

        public init(_ sides: [String: Side]) {
            entries = ContiguousArray(sides.map { (key: $0.key, value: $0.value) })
        }

        /// The two sides of a canonical lock line, `first` and `second` of other languages.
        init(_ first: Element, _ second: Element, verified: Fingerprint? = nil) {
            entries = [first, second]
            self.verified = verified
        }

        public subscript(language: String) -> Side? {
            get {
                for entry in entries where entry.key == language { return entry.value }
                return nil
            }
            set {
                verified = nil
                if let index = entries.firstIndex(where: { $0.key == language }) {
                    if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
                } else if let newValue {
                    entries.append((key: language, value: newValue))
                }
            }
        }

        /// The prose fingerprint of `language`'s side, read in place: copying the side out
        /// would retain its text's lock, which every thread's records share.
        public func prose(of language: String) -> Fingerprint? {
            for index in entries.indices where entries[index].key == language { return entries[index].value.prose }
            return nil
        }

        /// Whether `language` has a side, asked without copying it out (see `prose(of:)`).
        public func contains(_ language: String) -> Bool {
            entries.contains { $0.key == language }
        }

        public var count: Int { entries.count }
        public var isEmpty: Bool { entries.isEmpty }
        public var keys: [String] { entries.map(\.key) }
        public var values: [Side] { entries.map(\.value) }

        /// As a dictionary, for `Codable`.
        var dictionary: [String: Side] {
            Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }

        public func makeIterator() -> ContiguousArray<Element>.Iterator {
            entries.makeIterator()
        }

        /// The same languages with equal sides, in any order, as dictionaries compare.
        public static func == (lhs: Sides, rhs: Sides) -> Bool {
            lhs.count == rhs.count && lhs.verified == rhs.verified && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
        }

        public var description: String { dictionary.description }
    }
}
