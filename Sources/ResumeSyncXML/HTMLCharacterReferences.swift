/// HTML character references: `&amp;`, `&nbsp;`, `&#20013;`, `&#x4E2D;`.
///
/// Decoded for text and attribute values; the spans of the nodes stay those of the bytes as
/// written, so a merge copies `&nbsp;` as `&nbsp;`. Named references need their `;`; a name not
/// in the table (HTML5 has 2,231; these are the ones pages use) stays literal text, as a browser
/// shows an unknown one.
enum HTMLCharacterReferences {
    /// Decodes the references in `bytes` (UTF-8, already validated).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "&"), let (text, length) = reference(in: bytes, at: index) {
                output.append(contentsOf: Array(text.utf8))
                index += length
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The reference starting at `start` (its `&`): the text it stands for and its length in bytes.
    static func reference(in bytes: ArraySlice<UInt8>, at start: Int) -> (String, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            let hex = index < bytes.endIndex && (bytes[index] | 0x20) == UInt8(ascii: "x")
            if hex { index += 1 }
            var value: UInt32 = 0
            var digits = 0
            while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
            let scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
            return (String(scalar), index - start)
        }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < 32, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        guard let text = named[name] else { return nil }
        return (text, index + 1 - start)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "lrm": "\u{200E}", "rlm": "\u{200F}", "shy": "\u{AD}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "horbar": "\u{2015}", "hyphen": "\u{2010}", "minus": "\u{2212}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "bdquo": "\u{201E}", "laquo": "\u{AB}", "raquo": "\u{BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
        "hellip": "\u{2026}", "middot": "\u{B7}", "bull": "\u{2022}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "dagger": "\u{2020}", "Dagger": "\u{2021}", "permil": "\u{2030}", "sect": "\u{A7}", "para": "\u{B6}",
        "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "deg": "\u{B0}", "plusmn": "\u{B1}",
        "times": "\u{D7}", "divide": "\u{F7}", "frac12": "\u{BD}", "frac14": "\u{BC}", "frac34": "\u{BE}",
        "sup1": "\u{B9}", "sup2": "\u{B2}", "sup3": "\u{B3}", "micro": "\u{B5}", "not": "\u{AC}",
        "cent": "\u{A2}", "pound": "\u{A3}", "yen": "\u{A5}", "euro": "\u{20AC}", "curren": "\u{A4}",
        "iexcl": "\u{A1}", "iquest": "\u{BF}", "ordf": "\u{AA}", "ordm": "\u{BA}", "macr": "\u{AF}",
        "acute": "\u{B4}", "cedil": "\u{B8}", "uml": "\u{A8}", "brvbar": "\u{A6}",
        "larr": "\u{2190}", "uarr": "\u{2191}", "rarr": "\u{2192}", "darr": "\u{2193}", "harr": "\u{2194}",
        "lArr": "\u{21D0}", "rArr": "\u{21D2}", "hArr": "\u{21D4}", "crarr": "\u{21B5}",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}", "equiv": "\u{2261}",
        "infin": "\u{221E}", "sum": "\u{2211}", "prod": "\u{220F}", "radic": "\u{221A}", "part": "\u{2202}",
        "isin": "\u{2208}", "cap": "\u{2229}", "cup": "\u{222A}", "and": "\u{2227}", "or": "\u{2228}",
        "forall": "\u{2200}", "exist": "\u{2203}", "empty": "\u{2205}", "nabla": "\u{2207}", "lowast": "\u{2217}",
        "loz": "\u{25CA}", "spades": "\u{2660}", "clubs": "\u{2663}", "hearts": "\u{2665}", "diams": "\u{2666}",
        "alpha": "\u{3B1}", "beta": "\u{3B2}", "gamma": "\u{3B3}", "delta": "\u{3B4}", "epsilon": "\u{3B5}",
        "lambda": "\u{3BB}", "mu": "\u{3BC}", "pi": "\u{3C0}", "sigma": "\u{3C3}", "tau": "\u{3C4}",
        "phi": "\u{3C6}", "omega": "\u{3C9}", "Delta": "\u{394}", "Sigma": "\u{3A3}", "Omega": "\u{3A9}",
        "Agrave": "\u{C0}", "Aacute": "\u{C1}", "Auml": "\u{C4}", "Aring": "\u{C5}", "AElig": "\u{C6}",
        "Ccedil": "\u{C7}", "Eacute": "\u{C9}", "Ntilde": "\u{D1}", "Ouml": "\u{D6}", "Oslash": "\u{D8}",
        "Uuml": "\u{DC}", "szlig": "\u{DF}", "agrave": "\u{E0}", "aacute": "\u{E1}", "acirc": "\u{E2}",
        "atilde": "\u{E3}", "auml": "\u{E4}", "aring": "\u{E5}", "aelig": "\u{E6}", "ccedil": "\u{E7}",
        "egrave": "\u{E8}", "eacute": "\u{E9}", "ecirc": "\u{EA}", "euml": "\u{EB}", "igrave": "\u{EC}",
        "iacute": "\u{ED}", "icirc": "\u{EE}", "iuml": "\u{EF}", "ntilde": "\u{F1}", "ograve": "\u{F2}",
        "oacute": "\u{F3}", "ocirc": "\u{F4}", "otilde": "\u{F5}", "ouml": "\u{F6}", "oslash": "\u{F8}",
        "ugrave": "\u{F9}", "uacute": "\u{FA}", "ucirc": "\u{FB}", "uuml": "\u{FC}", "yacute": "\u{FD}",
        "yuml": "\u{FF}", "oelig": "\u{153}", "OElig": "\u{152}", "scaron": "\u{161}", "Scaron": "\u{160}",
    ]
}
