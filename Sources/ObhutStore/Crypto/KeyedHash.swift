import Crypto
import Foundation

/// Keyed, one-way tokens: the blind index that lets us find a person by e-mail without storing it
/// in clear, and the per-activity pseudonyms analytics see instead of customer ids.
public struct KeyedHash: Sendable {
    let key: SymmetricKey
    /// HMAC state with the key already absorbed: each token copies it and hashes only the value,
    /// instead of hashing the key's inner and outer pads again (a person's token is computed on
    /// every audited read, and once per person in every scope).
    private let keyed: HMAC<SHA256>

    public init(key: SymmetricKey) {
        self.key = key
        keyed = HMAC<SHA256>(key: key)
    }

    func mac(_ value: String) -> HMAC<SHA256>.MAC {
        var h = keyed
        var value = value
        value.withUTF8 { h.update(data: UnsafeRawBufferPointer($0)) }
        return h.finalize()
    }

    /// 16 bytes of HMAC-SHA256 over the value. 128 bits are plenty against collisions among
    /// millions of people and keep the index small.
    public func token(_ value: String) -> Data {
        Data(mac(value).prefix(16))
    }

    /// RFC 4648 base32 alphabet, lower case.
    private static let alphabet: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// A printable pseudonym ("p_" + 22 base32 characters) for an id: stable for the same key,
    /// not reversible without it.
    public func pseudonym(_ value: String) -> String {
        let mac = mac(value)
        return String(unsafeUninitializedCapacity: 24) { out in
            out[0] = UInt8(ascii: "p")
            out[1] = UInt8(ascii: "_")
            var n = 2
            var buffer: UInt64 = 0
            var bits = 0
            for byte in mac.prefix(14) {
                buffer = (buffer << 8) | UInt64(byte)
                bits += 8
                while bits >= 5 {
                    bits -= 5
                    out[n] = Self.alphabet[Int((buffer >> UInt64(bits)) & 31)]
                    n += 1
                }
            }
            return n
        }
    }
}
