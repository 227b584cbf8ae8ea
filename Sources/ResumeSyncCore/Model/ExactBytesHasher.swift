/// A stable 64-bit hash of bytes exactly as they are, eight at a time: what a lock's `verified`
/// field records of an entry pair (see `PairVerification`).
///
/// Unlike `FingerprintHasher` (FNV-1a, one multiply a byte, over normalized text), it reads each
/// run of bytes a word at a time, so hashing every entry's own bytes costs a small fraction of
/// parsing them. Each step, `(rotate(h) ^ word) &* K` with an odd `K`, is a one-to-one map of the
/// state for a given word: two runs of the same words but one can never meet again afterwards.
/// Lengths are part of the hash, and the end mixes the state (MurmurHash3's finalizer) so that
/// every bit of the input reaches every bit of the result. The same on every machine and run.
struct ExactBytesHasher {
    private var state: UInt64

    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(seed: UInt64 = 0) {
        state = seed ^ 0x2545_F491_4F6C_DD1D
    }

    private mutating func mix(_ word: UInt64) {
        state = ((state << 27 | state >> 37) ^ word) &* Self.multiplier
    }

    /// Adds a run of bytes, with its length.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count {
                tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << (8 * UInt64(index - offset))
            }
            mix(tail)
        }
    }

    /// Adds a value that is not bytes of the input: a marker between runs, or a seed.
    mutating func append(_ value: UInt64) {
        mix(value)
    }

    /// Adds a string's UTF-8 bytes, with their length.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    var value: UInt64 {
        var mixed = state
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }
}
