/// Cuts text into neutral tokens in one pass of fixed priority.
///
/// Entity references go first, then URLs, e-mail addresses, phone numbers, dates and periods,
/// Latin identifiers, and numbers last. A scalar taken by one kind is not seen by the later
/// ones, so the digits of `2019.04`, `ICA3PP'18` or `+86 159 2159 2066` are never also counted
/// as numbers: each fact is compared once, by the rule it belongs to.
public enum NeutralTokenizer {
    /// Every token of `text`, in text order.
    public static func tokens(in text: String) -> [NeutralToken] {
        tokens(in: text, keepingPlainWords: true)
    }

    /// The tokens of `text`; without `keepingPlainWords`, the plain words (Latin letters only,
    /// no capital after the first: `the`, `Scheduler`) are taken from the text like every
    /// identifier, so no later kind sees their letters and the other tokens are the same, but
    /// they are not kept. In a Latin-script text they are most of the tokens, and the checks
    /// need them only when the pair holds a required name or an ordinal (see `PairFacts`).
    static func tokens(in text: String, keepingPlainWords: Bool) -> [NeutralToken] {
        guard TokenScan.mayHoldTokens(text) else { return [] }
        if let words = WindowedLatinText.tokens(in: text, keepingPlainWords: keepingPlainWords) { return words }
        return scanned(text, keepingPlainWords: keepingPlainWords)
    }

    /// The tokens of `text` as the passes of `TokenScan` find them, every scalar decoded.
    static func scanned(_ text: String, keepingPlainWords: Bool) -> [NeutralToken] {
        var scan = TokenScan(text)
        if scan.hasAmpersand { scanAll(&scan, EntityScanner.match, startingAt: .entity) }
        if scan.hasDotOrColon { scanURLs(&scan) }
        if scan.hasAt { scanAll(&scan, LinkScanner.email, startingAt: .alphanumeric) }
        if scan.hasDigit {
            scanAll(&scan, PhoneScanner.match, startingAt: .phone)
            scanAll(&scan, DateScanner.match, startingAt: .date)
        }
        if keepingPlainWords {
            scanAllMarking(&scan, LatinScanner.match, startingAt: .latin)
        } else {
            // A plain word is marked taken only for the number pass after it.
            scanAllMarking(&scan, LatinScanner.matchTakingPlainWords, startingAt: .latin, marking: scan.hasDigit)
        }
        if scan.hasDigit { scanAll(&scan, NumberScanner.match, startingAt: .number) }
        return scan.tokensInTextOrder()
    }

    /// A scanner tries to read one token at an index; it returns where the token ends.
    typealias Scanner = (TokenScan, Int) -> (end: Int, value: TokenValue)?
    /// A scanner whose `nil` value takes the text without a token.
    typealias MarkingScanner = (TokenScan, Int) -> (end: Int, value: TokenValue?)?

    /// Runs `scanner` wherever a free scalar could start its kind of token (`kind`, as
    /// `TokenStarts` reads the half-width scalar: a cheap filter, the scanner decides).
    @inline(__always)
    private static func scanAll(_ scan: inout TokenScan, _ scanner: Scanner, startingAt kind: TokenStarts) {
        scanAllMarking(&scan, { scan, index -> (end: Int, value: TokenValue?)? in
            scanner(scan, index).map { ($0.end, $0.value) }
        }, startingAt: kind)
    }

    /// `scanAll` of `LinkScanner.url`, passing over whole runs of printable ASCII without a `.` or
    /// `:`: a URL is such a run, or part of one, and holds one of them (its scheme's `://`, the
    /// dot of `www.` or between a host's labels), so in prose only the runs that end a sentence
    /// or hold a link are tried, not every word.
    private static func scanURLs(_ scan: inout TokenScan) {
        let scanner: Scanner = LinkScanner.url
        var index = scan.nextStart(of: .alphanumeric, from: 0)
        // Positions before `runEnd` are in a run that holds a `.` or `:` from where it was met.
        var runEnd = 0
        while index < scan.count {
            if index >= runEnd {
                var end = index
                var holdsMark = false
                while end < scan.count {
                    let value = scan.original[end].value
                    guard value > 0x20, value < 0x80 else { break }
                    if value == 0x2E || value == 0x3A { holdsMark = true }
                    end += 1
                }
                guard holdsMark else {
                    index = scan.nextStart(of: .alphanumeric, from: max(end, index + 1))
                    continue
                }
                runEnd = end
            }
            if !scan.isTaken(index), let match = scanner(scan, index), match.end > index, scan.isFree(index..<match.end) {
                scan.take(index..<match.end, match.value)
                index = scan.nextStart(of: .alphanumeric, from: match.end)
            } else {
                index = scan.nextStart(of: .alphanumeric, from: index + 1)
            }
        }
    }

    /// As `scanAll`, for a scanner that may take text without a token; such text is marked
    /// taken only when `marking` (a later pass must not see it).
    ///
    /// Only what earlier passes took can stand in a match's way: the pass tries starts in text
    /// order and goes on after each match, so its own matches end before the next start it
    /// tries. When earlier passes took nothing, nothing is looked up.
    @inline(__always)
    private static func scanAllMarking(
        _ scan: inout TokenScan, _ scanner: MarkingScanner, startingAt kind: TokenStarts, marking: Bool = true
    ) {
        let earlier = scan.hasTaken
        var index = scan.nextStart(of: kind, from: 0)
        while index < scan.count {
            // The match taken apart, so that its value moves into the token rather than being copied.
            if !(earlier && scan.isTaken(index)), case let (end, value)? = scanner(scan, index), end > index,
               !earlier || scan.isFree(index..<end) {
                if let value {
                    scan.take(index..<end, value)
                } else if marking {
                    scan.mark(index..<end)
                }
                index = scan.nextStart(of: kind, from: end)
            } else {
                index = scan.nextStart(of: kind, from: index + 1)
            }
        }
    }
}

/// `&name;` as the extractor keeps entity references in segment text.
enum EntityScanner {
    static func match(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        guard scan[index] == "&", let first = scan[index + 1], first.isASCIILetter || first == "_" else { return nil }
        var position = index + 2
        while let scalar = scan[position], scalar.isASCIIAlphanumeric || Punctuation.inEntityName.contains(scalar) {
            position += 1
        }
        guard scan[position] == ";" else { return nil }
        return (position + 1, .entity(scan.string(index + 1..<position)))
    }
}

/// Most English texts are ASCII letters, spaces and punctuation, with no digit, `&` or `@`, and
/// every `.` and `:` at the end of a sentence or clause (followed by white space or nothing).
/// Such a text can hold no entity, link, address, phone number, date or figure (each needs a
/// digit, an `&`, an `@`, or a `.`/`:` with more of the token after it), so only the Latin pass
/// finds anything; it is run here on the bytes, without decoding the text into a scan, for a
/// whole plain text and for the stretches of prose between `WindowedLatinText`'s windows.
/// `TokenScanTests` holds it to the passes of `TokenScan`.
enum PlainLatinText {
    /// The Latin tokens of the words that start in `range` of such a text (or of a stretch of
    /// one that holds nothing else, bounded by white space: see `WindowedLatinText`).
    static func appendWords(
        _ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, keepingPlainWords: Bool, to tokens: inout [NeutralToken]
    ) {
        var index = nextLetter(bytes, from: range.lowerBound)
        while index < range.upperBound {
            if !keepingPlainWords {
                // Small letters and spaces hold only plain words: pass them, and go back to the
                // start of the word they end inside, if any, to read it whole.
                let stop = plainStretchEnd(bytes, from: index, to: range.upperBound)
                if stop > index {
                    var start = stop
                    while start > index, isLetter(bytes[start - 1]) { start -= 1 }
                    guard start < stop else {
                        index = nextLetter(bytes, from: stop)
                        continue
                    }
                    index = start
                }
            }
            guard let (end, isPlainWord) = wordEnd(bytes, at: index) else {
                index = nextLetter(bytes, from: index + 1)
                continue
            }
            if keepingPlainWords || !isPlainWord {
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                tokens.append(NeutralToken(value: .identifier(LatinToken(word)), text: word, range: index..<end))
            }
            index = nextLetter(bytes, from: end)
        }
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// The first index from `index` (up to `limit`) of a byte that is neither a small ASCII
    /// letter nor a space, eight bytes at a time while none is.
    private static func plainStretchEnd(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int, to limit: Int) -> Int {
        var position = index
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while position + 8 <= limit {
                let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                guard word & ASCIIWord.highBits == 0 else { break }
                let small = ASCIIWord.bytes(of: word, in: 0x61, 0x7B)
                let space = ASCIIWord.bytes(of: word, in: 0x20, 0x21)
                guard small | space == ASCIIWord.highBits else { break }
                position += 8
            }
        }
        while position < limit, bytes[position] &- 0x61 < 26 || bytes[position] == 0x20 { position += 1 }
        return position
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func nextLetter(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var position = index
        while position < bytes.count, !isLetter(bytes[position]) { position += 1 }
        return position
    }

    /// `LatinScanner.end` for such a text: a word starts at a letter after no letter, runs over
    /// letters and over the connectors `/ . _ - '` that a letter follows, and takes a trailing
    /// `+` or `#` after a letter (`C++`, `C#`); it is plain when it is letters only with no
    /// capital after the first.
    private static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (end: Int, isPlain: Bool)? {
        if index > 0, isLetter(bytes[index - 1]) { return nil }
        var position = index + 1
        var isPlain = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte &- 0x61 < 26 {
                position += 1
            } else if byte &- 0x41 < 26 {
                isPlain = false
                position += 1
            } else if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'"),
                      position + 1 < bytes.count, isLetter(bytes[position + 1]) {
                isPlain = false
                position += 2
            } else {
                break
            }
        }
        while position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "#"),
              isLetter(bytes[position - 1]) || bytes[position - 1] == UInt8(ascii: "+") {
            if position + 1 < bytes.count, isLetter(bytes[position + 1]) { break }
            isPlain = false
            position += 1
        }
        return (position, isPlain)
    }
}

/// An ASCII text that is prose but for a few places: a figure (`up 415%`), a date, an entity
/// reference, an address. Only the chunks (runs of non-space) that hold what `PlainLatinText`
/// cannot read (a digit, `&`, `@`, a `.` or `:` inside a chunk) and the `margin` chunks on each
/// side of them go through `TokenScan`; the words in between are read from the bytes, as a
/// plain text's are. Any other text gives `nil`; so does one where the scanned windows would be
/// most of it. `TokenScanTests` holds it to the passes run over the whole text.
///
/// A window's scan sees what the whole text's would: every scanner reaches across white space
/// for at most a few chunks (`Sept. 12, 2020 through present`, `1.5 million`), the text before
/// and after a window is white space, and outside the windows no scanner but the Latin one can
/// start (each other kind needs one of those bytes at most `margin` chunks away).
enum WindowedLatinText {
    /// Chunks scanned on each side of one that needs the scan (`windows` keeps the starts of
    /// the last three in a tuple).
    static let margin = 3

    /// The tokens of `text`, `nil` when it is not such a text (or is not ASCII).
    static func tokens(in text: String, keepingPlainWords: Bool) -> [NeutralToken]? {
        var text = text
        return text.withUTF8 { bytes -> [NeutralToken]? in
            guard let windows = windows(in: bytes) else { return nil }
            var tokens: [NeutralToken] = []
            var position = 0
            for window in windows {
                PlainLatinText.appendWords(bytes, in: position..<window.lowerBound, keepingPlainWords: keepingPlainWords, to: &tokens)
                let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[window]), as: UTF8.self)
                for token in NeutralTokenizer.scanned(piece, keepingPlainWords: keepingPlainWords) {
                    let range = token.range.lowerBound + window.lowerBound..<token.range.upperBound + window.lowerBound
                    tokens.append(NeutralToken(value: token.value, text: token.text, range: range))
                }
                position = window.upperBound
            }
            PlainLatinText.appendWords(bytes, in: position..<bytes.count, keepingPlainWords: keepingPlainWords, to: &tokens)
            return tokens
        }
    }

    /// The byte ranges to scan, in order and apart; `[]` for a plain text; `nil` when the text is
    /// not ASCII or the windows would hold more than half of it.
    ///
    /// From one byte that needs the scan to the next, passing the prose between them: a window is
    /// the chunk holding such a byte with `margin` chunks on each side, and two windows with at
    /// most `2 * margin` chunks between them are one. Only chunks near those bytes are counted.
    static func windows(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        let count = bytes.count
        var largest: UInt8 = 0
        for byte in bytes { largest = max(largest, byte) }
        guard largest < 0x80 else { return nil }
        var windows: [Range<Int>] = []
        var scanned = 0
        // The window being grown: from its first chunk to the end of its last needing one.
        var window: Range<Int>?
        var position = 0
        while let special = nextNeedingScan(bytes, from: position) {
            var start = special
            while start > 0, !PlainLatinText.isSpace(bytes[start - 1]) { start -= 1 }
            var end = special + 1
            while end < count, !PlainLatinText.isSpace(bytes[end]) { end += 1 }
            if let current = window, chunks(bytes, from: current.upperBound, to: start, upTo: 2 * margin + 1) <= 2 * margin {
                window = current.lowerBound..<end
            } else {
                if let current = window {
                    let closed = current.lowerBound..<chunkEnd(bytes, after: current.upperBound, chunks: margin)
                    windows.append(closed)
                    scanned += closed.count
                }
                window = chunkStart(bytes, before: start, chunks: margin)..<end
            }
            position = end
        }
        if let current = window {
            let closed = current.lowerBound..<chunkEnd(bytes, after: current.upperBound, chunks: margin)
            windows.append(closed)
            scanned += closed.count
        }
        return scanned * 2 > count ? nil : windows
    }

    /// Bytes that make a chunk need the scan: a digit, `&` or `@` (1), and `.` or `:` (2), which
    /// do when a byte that is not white space follows.
    private static let needsScan: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "&"), UInt8(ascii: "@"): return 1
        case UInt8(ascii: "."), UInt8(ascii: ":"): return 2
        default: return 0
        }
    }

    /// The index of the first byte from `index` that makes its chunk need the scan, if any. The
    /// text is ASCII: eight bytes at a time are passed while none is from `&` (0x26) to `@`
    /// (0x40), the stretch that holds all of them (and `'`, `,`, `-`, which are then looked at).
    private static func nextNeedingScan(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        needsScan.withUnsafeBufferPointer { table in
            var position = index
            let count = bytes.count
            while position < count {
                if position & 7 == 0, position + 8 <= count, let base = UnsafeRawPointer(bytes.baseAddress) {
                    let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                    if ASCIIWord.bytes(of: word, in: 0x26, 0x41) == 0 {
                        position += 8
                        continue
                    }
                }
                let kind = table[Int(bytes[position])]
                if kind == 1 { return position }
                if kind == 2, position + 1 < count, !PlainLatinText.isSpace(bytes[position + 1]) { return position }
                position += 1
            }
            return nil
        }
    }

    /// How many chunks lie between `start` (the end of a chunk) and `end` (the start of one),
    /// counted up to `limit`.
    private static func chunks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, upTo limit: Int) -> Int {
        var found = 0
        var position = start
        while found < limit {
            while position < end, PlainLatinText.isSpace(bytes[position]) { position += 1 }
            guard position < end else { break }
            while position < end, !PlainLatinText.isSpace(bytes[position]) { position += 1 }
            found += 1
        }
        return found
    }

    /// The end of the `chunks`-th chunk after `position` (the end of a chunk), or of the last
    /// one there is.
    private static func chunkEnd(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int, chunks: Int) -> Int {
        var end = position
        var index = position
        for _ in 0..<chunks {
            while index < bytes.count, PlainLatinText.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            while index < bytes.count, !PlainLatinText.isSpace(bytes[index]) { index += 1 }
            end = index
        }
        return end
    }

    /// The start of the `chunks`-th chunk before `position` (the start of a chunk), or of the
    /// first one there is.
    private static func chunkStart(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int, chunks: Int) -> Int {
        var start = position
        var index = position
        for _ in 0..<chunks {
            while index > 0, PlainLatinText.isSpace(bytes[index - 1]) { index -= 1 }
            guard index > 0 else { break }
            while index > 0, !PlainLatinText.isSpace(bytes[index - 1]) { index -= 1 }
            start = index
        }
        return start
    }
}
