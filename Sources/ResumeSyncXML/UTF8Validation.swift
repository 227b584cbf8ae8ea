/// Where UTF-8 stops being valid, for messages that point at the first bad byte.
public enum UTF8Validation {
    /// The length of the longest prefix of `bytes` that is valid UTF-8: the offset of the first
    /// invalid byte, or `bytes.count` when there is none.
    public static func validPrefixLength(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            offset += encoded.count
        }
        return offset
    }
}
