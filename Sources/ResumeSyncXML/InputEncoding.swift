/// Which encodings a file is in, as far as resume-sync needs to know: UTF-8 or not.
///
/// Byte offsets are exact only when libxml2 reads the bytes as they are (no input converter),
/// so anything but UTF-8 is refused. These checks name the encoding in the refusal, which
/// libxml2's own "the document has an encoder" cannot.
enum InputEncoding {
    /// Why the file cannot be read as UTF-8, judged from its first bytes: a UTF-16 or UTF-32
    /// byte order mark, or the zero bytes of `<` in UTF-16 without one. `nil` when it may be UTF-8.
    static func unicodeRefusal(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(4))
        let name: String?
        switch head {
        case [0x00, 0x00, 0xFE, 0xFF], [0x00, 0x00, 0x00, 0x3C]: name = "UTF-32 (big-endian)"
        case [0xFF, 0xFE, 0x00, 0x00], [0x3C, 0x00, 0x00, 0x00]: name = "UTF-32 (little-endian)"
        default:
            switch head.prefix(2) {
            case [0xFE, 0xFF], [0x00, 0x3C]: name = "UTF-16 (big-endian)"
            case [0xFF, 0xFE], [0x3C, 0x00]: name = "UTF-16 (little-endian)"
            default: name = nil
            }
        }
        guard let name else { return nil }
        let iconvName = name.hasPrefix("UTF-32") ? "UTF-32" : "UTF-16"
        return "the file is \(name); resume-sync reads UTF-8 files only: convert it, e.g. `iconv -f \(iconvName) -t UTF-8`"
    }

    /// Why a file that libxml2 had to convert is refused, naming the encoding it declares.
    static func declaredRefusal(_ bytes: [UInt8]) -> String {
        guard let declared = declaredEncoding(bytes) else {
            return "the file is not UTF-8; resume-sync reads UTF-8 files only"
        }
        return "the file declares encoding=\"\(declared)\"; resume-sync reads UTF-8 files only: convert it (`iconv -f \(declared) -t UTF-8`) and declare encoding=\"UTF-8\""
    }

    /// The `encoding` of the XML declaration (`<?xml version="1.0" encoding="…"?>`), if any.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let declaration = Array(bytes[start...].prefix(200))
        guard declaration.starts(with: Array("<?xml".utf8)),
              let close = firstIndex(of: Array("?>".utf8), in: declaration)
        else { return nil }
        let inside = Array(declaration[..<close])
        guard let key = firstIndex(of: Array("encoding".utf8), in: inside) else { return nil }
        var rest = inside[(key + "encoding".utf8.count)...].drop { $0 == 0x20 || $0 == 0x3D || $0 == 0x09 }
        guard let quote = rest.first, quote == 0x22 || quote == 0x27 else { return nil }
        rest = rest.dropFirst()
        let value = rest.prefix { $0 != quote }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where Array(haystack[index..<index + needle.count]) == needle {
            return index
        }
        return nil
    }
}
