import Crypto
import Foundation

/// Keyed, one-way tokens: the blind index that lets us find a person by e-mail without storing it
/// in clear, and the per-activity pseudonyms analytics see instead of customer ids.
public struct KeyedHash: Sendable {
    let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// 16 bytes of HMAC-SHA256 over the value. 128 bits are plenty against collisions among
    /// millions of people and keep the index small.
    public func token(_ value: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key).prefix(16))
    }

    /// A printable pseudonym ("p_" + 22 base32 characters) for an id: stable for the same key,
    /// not reversible without it.
    public func pseudonym(_ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var out = "p_"
        var buffer: UInt64 = 0
        var bits = 0
        for byte in mac.prefix(14) {
            buffer = (buffer << 8) | UInt64(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt64(bits)) & 31)])
            }
        }
        return out
    }
}
