/// URLs and e-mail addresses written in text.
///
/// A URL is `scheme://…`, `www.…`, or a bare domain whose last label is a common top-level
/// domain (`gaocegege.com`, not `Processing.R`). Links are ASCII: a URL ends at white space, at
/// any non-ASCII character (`gaocegege.com（200k 阅读）` ends before `（`) and before trailing
/// punctuation. Compared with the scheme dropped when it is http or https, and with scheme and
/// host lowercased, so `https://gaocegege.com/` and `gaocegege.com` are one link.
enum LinkScanner {
    static let topLevelDomains: Set<String> = [
        "com", "org", "net", "io", "dev", "cn", "edu", "gov", "ai", "me", "co", "info", "app", "xyz",
        "tech", "cc", "tv", "uk", "de", "jp", "hk", "tw", "fr", "ca", "au", "eu", "ru", "nl", "ch",
        "site", "blog", "page", "top", "wiki",
    ]

    static func url(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        if let previous = scan.originalScalar(index - 1),
           previous.isASCIIAlphanumeric || Punctuation.beforeURL.contains(previous) {
            return nil
        }
        if let schemeEnd = scheme(scan, index) {
            let end = trimmedEnd(scan, from: index, bodyEnd: bodyEnd(scan, from: schemeEnd))
            guard end > schemeEnd else { return nil }
            return (end, .url(normalizedURL(ascii(scan, index..<end))))
        }
        if hasPrefix(scan, "www.", at: index) {
            let end = trimmedEnd(scan, from: index, bodyEnd: bodyEnd(scan, from: index))
            guard end > index + 4 else { return nil }
            return (end, .url(normalizedURL(ascii(scan, index..<end))))
        }
        guard let hostEnd = bareDomainEnd(scan, index) else { return nil }
        var end = hostEnd
        if scan.originalScalar(end) == "/" || scan.originalScalar(end) == ":" {
            end = trimmedEnd(scan, from: index, bodyEnd: bodyEnd(scan, from: end))
        }
        if let next = scan.originalScalar(end), next == "@" || next.isASCIIAlphanumeric { return nil }
        return (end, .url(normalizedURL(ascii(scan, index..<end))))
    }

    static func email(_ scan: TokenScan, _ index: Int) -> (end: Int, value: TokenValue)? {
        let localCharacters = Punctuation.emailLocal
        if let previous = scan.originalScalar(index - 1),
           previous.isASCIIAlphanumeric || localCharacters.contains(previous) || previous == "@" {
            return nil
        }
        var start = index
        if hasPrefix(scan, "mailto:", at: index, caseInsensitive: true) { start += 7 }
        var position = start
        while let scalar = scan.originalScalar(position), scalar.isASCIIAlphanumeric || localCharacters.contains(scalar) {
            position += 1
        }
        guard position > start, scan.originalScalar(position) == "@",
              scan.original[start] != ".", scan.original[position - 1] != "." else { return nil }
        let domainStart = position + 1
        guard let domainEnd = domainEnd(scan, domainStart, requireKnownTLD: false) else { return nil }
        if let next = scan.originalScalar(domainEnd), next.isASCIIAlphanumeric || next == "@" { return nil }
        let address = ascii(scan, start..<domainEnd).lowercased()
        return (domainEnd, .email(address))
    }

    // MARK: - Pieces

    /// The index after `scheme://`, for a scheme of 2 to 10 letters.
    private static func scheme(_ scan: TokenScan, _ index: Int) -> Int? {
        var position = index
        while let scalar = scan.originalScalar(position), scalar.isASCIILetter, position - index < 10 { position += 1 }
        guard position - index >= 2, hasPrefix(scan, "://", at: position) else { return nil }
        return position + 3
    }

    /// Labels of letters, digits and hyphens joined by dots, ending in a letters-only label
    /// (a known top-level domain, when asked).
    private static func domainEnd(_ scan: TokenScan, _ index: Int, requireKnownTLD: Bool) -> Int? {
        var position = index
        var labels = 0
        var lastLabel = index..<index
        while true {
            let start = position
            while let scalar = scan.originalScalar(position), scalar.isASCIIAlphanumeric || scalar == "-" { position += 1 }
            guard position > start else { return nil }
            labels += 1
            lastLabel = start..<position
            guard scan.originalScalar(position) == ".",
                  let next = scan.originalScalar(position + 1), next.isASCIIAlphanumeric else { break }
            position += 1
        }
        guard labels >= 2, lastLabel.count >= 2,
              scan.original[lastLabel].allSatisfy(\.isASCIILetter) else { return nil }
        if requireKnownTLD, !topLevelDomains.contains(ascii(scan, lastLabel)) { return nil }
        return position
    }

    private static func bareDomainEnd(_ scan: TokenScan, _ index: Int) -> Int? {
        guard let first = scan.originalScalar(index), first.isASCIIAlphanumeric else { return nil }
        return domainEnd(scan, index, requireKnownTLD: true)
    }

    /// Where the characters a URL may hold stop: white space, non-ASCII, `<`, `>`, `"`.
    private static func bodyEnd(_ scan: TokenScan, from index: Int) -> Int {
        var position = index
        while let scalar = scan.originalScalar(position), scalar.isASCII, scalar.value > 0x20,
              !Punctuation.notInURL.contains(scalar) {
            position += 1
        }
        return position
    }

    /// Drops trailing punctuation, and closing brackets that were not opened inside the URL.
    private static func trimmedEnd(_ scan: TokenScan, from start: Int, bodyEnd: Int) -> Int {
        var end = bodyEnd
        while end > start, let last = scan.originalScalar(end - 1) {
            if Punctuation.afterURL.contains(last) {
                end -= 1
            } else if last == ")" || last == "]" {
                let open: Unicode.Scalar = last == ")" ? "(" : "["
                let body = scan.original[start..<end]
                if body.filter({ $0 == open }).count < body.filter({ $0 == last }).count { end -= 1 } else { break }
            } else {
                break
            }
        }
        return end
    }

    static func normalizedURL(_ text: String) -> String {
        var rest = Substring(text)
        var scheme = ""
        if let range = rest.range(of: "://") {
            scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        }
        let hostEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let host = rest[..<hostEnd].lowercased()
        var path = String(rest[hostEnd...])
        if path == "/" { path = "" }
        let prefix = scheme.isEmpty || scheme == "http" || scheme == "https" ? "" : scheme + "://"
        return prefix + host + path
    }

    private static func hasPrefix(_ scan: TokenScan, _ prefix: String, at index: Int, caseInsensitive: Bool = false) -> Bool {
        var position = index
        for expected in prefix.unicodeScalars {
            guard let scalar = scan.originalScalar(position) else { return false }
            let same = caseInsensitive
                ? String(scalar).lowercased() == String(expected).lowercased()
                : scalar == expected
            guard same else { return false }
            position += 1
        }
        return true
    }

    private static func ascii(_ scan: TokenScan, _ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scan.original[range])
        return String(text)
    }
}
