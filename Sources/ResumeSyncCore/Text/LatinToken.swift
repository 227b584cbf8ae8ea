/// A word or code-like token in the Latin script: `Kubeflow`, `kubeflow/tf-operator`,
/// `Processing.R`, `ICA3PP'18`, `CCF-C`, `@gaocegege`, `C++`.
public struct LatinToken: Hashable, Sendable {
    /// The token in half-width form, case kept.
    public let text: String
    /// Without a trailing possessive: `Caicloud's` → `Caicloud`.
    public let base: String
    /// Shaped like code or a product name rather than a dictionary word: an uppercase letter
    /// after the first (`GPU`, `GSoC`, `XeLaTeX`, `CCF-C`), digits among letters (`AI4I`,
    /// `k8s`), a handle (`@gaocegege`), or a code connector (see `isStronglyCodeLike`).
    public let isCodeLike: Bool
    /// Unmistakably code: a `/`, `.`, `_`, `+`, `#` inside (`caicloud/ormb`, `Processing.R`,
    /// `C++`), an apostrophe before digits (`ICA3PP'18`), or letters and digits mixed (`k8s`).
    /// Abbreviations of single letters (`e.g`, `U.S`) are not code.
    public let isStronglyCodeLike: Bool
    /// Letters only, no capital after the first: `Web`, `review`, `Kubeflow`.
    public let isPlainWord: Bool

    public init(_ text: String) {
        self.text = text
        // A possessive `'s` or `’s` after at least one more character, looked for in the UTF-8
        // bytes: this runs for every word of every English text.
        var base = text
        let bytes = text.utf8
        for suffix in Self.possessives where bytes.count > suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix) {
            base = String(decoding: bytes.dropLast(suffix.count), as: UTF8.self)
            break
        }
        self.base = base
        // One pass over the scalars for every shape the checks ask about.
        var digit = false, letter = false, connector = false, dot = false, innerCapital = false, other = false
        var first = true
        for scalar in base.unicodeScalars {
            if scalar.isASCIIDigit {
                digit = true
            } else if scalar.isLatinLetter {
                letter = true
                if !first, scalar.isASCIIUppercase { innerCapital = true }
            } else {
                other = true
                if scalar == "." { dot = true } else if Punctuation.codeConnectors.contains(scalar) { connector = true }
            }
            first = false
        }
        var strong = (digit && letter) || connector
        if !strong, dot {
            strong = base.split(separator: ".").contains { $0.count > 1 }
        }
        isStronglyCodeLike = strong
        isCodeLike = strong || text.hasPrefix("@") || innerCapital
        isPlainWord = letter && !digit && !other && !innerCapital
    }

    /// `'s` and `’s` in UTF-8.
    private static let possessives: [[UInt8]] = [Array("'s".utf8), Array("’s".utf8)]

    /// The parts of a hyphenated compound: `Kubernetes-like` → `Kubernetes`, `like`.
    public var hyphenParts: [String] {
        base.split(separator: "-").map(String.init)
    }

    public var startsUppercase: Bool { text.unicodeScalars.first?.isASCIIUppercase ?? false }

    /// Whether `other` writes this token, allowing the English forms a name takes in a
    /// sentence: a possessive (`Caicloud's`), a plural (`stars`, `boxes`), or a part of a
    /// hyphenated compound (`Kubernetes-like`, `OCI-compliant`).
    ///
    /// Case-sensitive, except that a plain word (no capital after its first letter, no digit,
    /// no connector) may change the case of its first letter, as words do at the start of a
    /// sentence or as common nouns: `Web` is written by `web`, but `GSoC` is not by `Gsoc`,
    /// nor `kubeflow/katib` by `Kubeflow/katib`.
    public func isWritten(as other: LatinToken) -> Bool {
        !Set(lookupForms).isDisjoint(with: other.writtenForms)
    }

    /// The forms under which this token is looked up among another text's `writtenForms`.
    var lookupForms: [String] {
        isPlainWord ? [base, Self.folded(base)] : [base]
    }

    /// Every form of a token this token writes (see `isWritten(as:)`), so that a whole text
    /// can be indexed once: itself, itself without a plural ending, the parts of a compound,
    /// and, for plain words, the same with the first letter's case folded (marked `~`).
    ///
    /// Read from the UTF-8 bytes: a token's scalars are Latin letters, digits and connectors,
    /// each a character of its own, so a suffix of ASCII letters and a count of characters are
    /// those of the bytes and scalars. This runs for every word of an English text that names
    /// something the other side must write.
    var writtenForms: [String] {
        var forms = [base]
        let bytes = base.utf8
        let scalarCount = base.unicodeScalars.count
        // `s` and `es`, each when the word is longer than the ending.
        if bytes.last == UInt8(ascii: "s") {
            if scalarCount > 1 { forms.append(String(decoding: bytes.dropLast(1), as: UTF8.self)) }
            if scalarCount > 2, bytes.dropLast().last == UInt8(ascii: "e") {
                forms.append(String(decoding: bytes.dropLast(2), as: UTF8.self))
            }
        }
        if isPlainWord { forms.append(Self.folded(base)) }
        if bytes.contains(UInt8(ascii: "-")) {
            for part in hyphenParts {
                forms.append(part)
                if LatinToken(part).isPlainWord { forms.append(Self.folded(part)) }
            }
        }
        return forms
    }

    /// A plain word with its first letter lowercased, marked so it never equals a real token.
    static func folded(_ word: String) -> String {
        let utf8 = word.utf8
        if let first = utf8.first, first < 0x80 {
            // An ASCII first letter: lowercased in the bytes, written straight into the string
            // (most words fit in a small string, with nothing allocated).
            return String(unsafeUninitializedCapacity: utf8.count + 1) { buffer in
                buffer[0] = UInt8(ascii: "~")
                buffer[1] = first >= 0x41 && first <= 0x5A ? first + 0x20 : first
                var position = 2
                for byte in utf8.dropFirst() {
                    buffer[position] = byte
                    position += 1
                }
                return position
            }
        }
        return "~" + (word.first.map { $0.lowercased() } ?? "") + word.dropFirst()
    }
}

/// Latin tokens: a letter (or `@` and a letter), then letters, digits and the connectors
/// `/ . _ - ' ’` wherever a letter or digit follows, and a trailing `+`/`#` after a letter
/// (`C++`, `C#`). Letters glued to digits start a token too (`128GB` → `GB`), except the
/// suffixes a number reader takes (`10th`, `1.4k`, `2M`, `3x`).
enum LatinScanner {
    static let connectors = ScalarSet("/._-'’")

    static func match(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue?)? {
        guard let (end, _) = end(scan, index) else { return nil }
        return (end, .identifier(LatinToken(scan.string(index..<end))))
    }

    /// As `match`, but a plain word (`LatinToken.isPlainWord`: letters only, no capital after
    /// the first) is taken without a token.
    static func matchTakingPlainWords(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue?)? {
        guard let (end, isPlain) = end(scan, index) else { return nil }
        return (end, isPlain ? nil : .identifier(LatinToken(scan.string(index..<end))))
    }

    /// Where a Latin token starting at `index` ends, if one does, and whether it is a plain
    /// word: Latin letters only, no capital after the first.
    private static func end(_ scan: TokenScan, _ index: Int) -> (end: Int, isPlain: Bool)? {
        guard let first = scan[index] else { return nil }
        var position = index
        var isPlain = true
        if first == "@" {
            guard let next = scan[index + 1], next.isLatinLetter else { return nil }
            position += 1
            isPlain = false
        } else {
            guard first.isLatinLetter else { return nil }
        }
        if let previous = scan[index - 1] {
            if previous.isLatinLetter || previous == "@" { return nil }
            if previous.isASCIIDigit, isNumberSuffix(scan, index) { return nil }
        }
        if isNumberWord(scan, index) { return nil }
        position += 1
        // The body of the word, read from the scalars directly: this runs over every letter
        // of every English text.
        scan.scalars.withUnsafeBufferPointer { scalars in
            while position < scalars.count {
                let scalar = scalars[position]
                if scalar.value &- 0x61 < 26 {
                    position += 1
                } else if scalar.value &- 0x41 < 26 {
                    isPlain = false
                    position += 1
                } else if scalar.value >= 0xC0, scalar.isLatinLetter {
                    position += 1
                } else if scalar.isASCIIDigit {
                    isPlain = false
                    position += 1
                } else if connectors.contains(scalar), position + 1 < scalars.count, scalars[position + 1].isLatinAlphanumeric {
                    isPlain = false
                    position += 2
                } else {
                    break
                }
            }
        }
        while let scalar = scan[position], scalar == "+" || scalar == "#",
              let previous = scan[position - 1], previous.isLatinLetter || previous == "+" {
            guard !(scan[position + 1]?.isLatinAlphanumeric ?? false) else { break }
            isPlain = false
            position += 1
        }
        return (position, isPlain)
    }

    /// `million` of `150 million`, `percent` of `6 percent`: words a number reader takes.
    private static func isNumberWord(_ scan: TokenScan, _ index: Int) -> Bool {
        var before = index - 1
        while let scalar = scan[before], scalar == " " { before -= 1 }
        guard before < index - 1, scan[before]?.isASCIIDigit == true else { return false }
        var position = index
        while let scalar = scan[position], scalar.isASCIILetter { position += 1 }
        if scan[position]?.isLatinAlphanumeric == true { return false }
        let word = scan.string(index..<position)
        return NumberScanner.wordMultipliers[word] != nil || word == "percent"
    }

    /// `th` of `10th`, `k` of `1.4k`: letters that belong to the number before them.
    private static func isNumberSuffix(_ scan: TokenScan, _ index: Int) -> Bool {
        var position = index
        while let scalar = scan[position], scalar.isASCIILetter { position += 1 }
        let letters = scan.string(index..<position)
        return NumberScanner.latinMultipliers[letters] != nil || NumberScanner.ordinalSuffixes.contains(letters) || letters == "x"
    }
}
