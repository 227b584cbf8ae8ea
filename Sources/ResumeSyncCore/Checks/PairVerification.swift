/// What lets `check` pass over the checks of a pair that has not changed since it was found in
/// agreement: one hash of both entries' own bytes, exactly as they are in their files, and of
/// everything else those checks depend on.
///
/// A pair's checks (`EntryCheck.readsOnlyThePair`) find what they find from the two entries'
/// contents, the configuration, the two languages and the pair's lock record; an entry's content
/// is read from its own bytes (its element, less the entries nested in it) by rules that the
/// configuration and this program's code fix. So when `accept` records a pair that those checks
/// found nothing in (but `stale`, which the new record itself answers), it also records this
/// hash as `verified`; and while a later run computes the same hash, the same checks would find
/// the same nothing, and are not run. Any edit of either entry, of the bytes before a file's
/// first entry (its declaration, document type and entity declarations), of the configuration
/// or of which checks run gives another hash, and the pair is checked in full again. Hashing
/// an entry's bytes costs a small part of reading it; cutting and comparing its tokens was most
/// of what `check` spent on a pair.
///
/// What the hash covers, in order: `revision`; the configuration but for which files and folders
/// it reads (every other field, sets and tables in sorted order); the checks that run (each
/// one's type, rule and whether it reads only the pair); the source and target languages; whether the
/// file reads as HTML-family; then each side's prolog hash and the entry's own exact hash
/// (`ExactBytesHasher`). Documents parsed as HTML have no exact hashes (a tree builder may move
/// content across elements), so their pairs are always checked.
struct PairVerification: Sendable {
    /// Raised whenever a change of this program changes what an entry's content is or what a
    /// check that reads only the pair finds: every `verified` of an older lock then no longer
    /// matches, and each pair is checked in full until `accept` records it again.
    static let revision: UInt64 = 1

    private let seed: UInt64

    /// The seed for the checks `checks` run under `configuration`.
    init(configuration: Configuration, checks: [any EntryCheck]) {
        var hasher = ExactBytesHasher()
        hasher.append(Self.revision)
        hasher.append(configuration)
        hasher.append(UInt64(checks.count))
        for check in checks {
            // The type's name as `String(describing:)` spells it, without the look-ups of the
            // protocols it might print by (a scan of every conformance in the process for each
            // check: 16 million instructions at every start).
            hasher.append(_typeName(type(of: check), qualified: false))
            hasher.append(check.rule.id)
            hasher.append(check.readsOnlyThePair ? 1 : 0)
        }
        seed = hasher.value
    }

    /// The seed of the pairs of one file pair: this seed, the two languages and whether the
    /// file reads as HTML-family (which picks its profile).
    func seed(file: RelativePath, languages: (source: Language, target: Language)) -> FileSeed {
        var hasher = ExactBytesHasher(seed: seed)
        hasher.append(languages.source.code)
        hasher.append(languages.source.writesHan ? 1 : 0)
        hasher.append(languages.target.code)
        hasher.append(languages.target.writesHan ? 1 : 0)
        hasher.append(DocumentSyntax.isHTMLFamily(file) ? 1 : 0)
        return FileSeed(value: hasher.value)
    }

    struct FileSeed {
        let value: UInt64

        /// The verification of a pair of the file pair, or `nil` when a side has no exact hash.
        func verification(
            source: (entry: Entry, document: ParsedDocument), target: (entry: Entry, document: ParsedDocument)
        ) -> Fingerprint? {
            guard let sourceHash = source.entry.exactHash, let sourceProlog = source.document.prologHash,
                  let targetHash = target.entry.exactHash, let targetProlog = target.document.prologHash
            else { return nil }
            var hasher = ExactBytesHasher(seed: value)
            hasher.append(sourceProlog)
            hasher.append(sourceHash)
            hasher.append(targetProlog)
            hasher.append(targetHash)
            return Fingerprint(value: hasher.value)
        }
    }
}

/// The parts of the configuration that a pair's checks depend on, each list with its count and
/// each set in sorted order, so that the seed is the same in every run. Which files and folders
/// are read is left out: it changes no pair's checks. `PairVerificationTests` counts the fields
/// of these types, so that a new one is not left out by mistake.
extension ExactBytesHasher {
    mutating func append(_ configuration: Configuration) {
        append(configuration.sourceLanguage?.code ?? "")
        append(configuration.targetLanguage?.code ?? "")
        append(configuration.profile)
        append(configuration.format.rawValue)
        let overrides = configuration.profileOverrides
        for names in [
            overrides.idAttributes, overrides.proseAttributes, overrides.ignoredAttributes,
            overrides.neutralElements, overrides.ignoredElements,
        ] {
            append(names ?? ["\u{0}none"])
        }
        append(overrides.neutralMarkers ?? [AttributeMarker(attribute: "\u{0}none", value: "")])
        append(overrides.needsTranslation.map { [$0] } ?? [])
        append(configuration.direction.rawValue)
        let severities = configuration.severities.map { "\($0.key)=\($0.value?.rawValue ?? "off")" }
        append(severities.sorted())
        append(UInt64(configuration.glossary.count))
        for term in configuration.glossary {
            append(term.source)
            append(term.target)
        }
    }

    mutating func append(_ profile: FormatProfile) {
        append(profile.idAttributes)
        append(profile.proseAttributes.sorted())
        append(profile.ignoredAttributes.sorted())
        append(profile.neutralElements.sorted())
        append(profile.neutralMarkers)
        append([profile.needsTranslation])
        append(profile.needsTranslationNamespace.map { [$0.prefix, $0.uri] } ?? [])
        append(profile.ignoredElements.sorted())
        append(profile.keyedFields.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        append(profile.requiredFieldKeys.sorted())
        append(profile.neutralEntriesMayBeAbsent ? 1 : 0)
    }

    mutating func append(_ names: [String]) {
        append(UInt64(names.count))
        for name in names { append(name) }
    }

    mutating func append(_ markers: [AttributeMarker]) {
        append(markers.flatMap { [$0.attribute, $0.value] })
    }
}
