/// Lower-case hexadecimal text of bytes (digests, tokens, fingerprints).
///
/// Written out by table rather than `String(format: "%02x")` per byte: the formatter costs about
/// a microsecond a byte, which showed up at several percent of a request in the server's
/// profile (a token's SHA-256 is hashed and hex-encoded on every API call).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
