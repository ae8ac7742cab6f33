import Crypto
import Foundation

/// One entry of the audit log: who did what to how many people, under which activity. Entries
/// never hold personal data in clear: `subject` is a keyed token of a person, not a name.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var sequence: Int64
    /// Unix milliseconds.
    public var at: Int64
    public var actor: String
    public var role: String
    public var action: String
    public var subject: String?
    public var count: Int
    public var activity: String?
    public var reason: String?
    public var previousHash: Data
    public var hash: Data

    public static let genesisHash = Data(repeating: 0, count: 32)

    /// SHA-256 over the previous hash and an unambiguous encoding of every other field: fixed
    /// order, integers as 8 bytes big-endian, strings as a 4-byte length and UTF-8, optional
    /// strings with a presence byte. No two different entries encode alike.
    public static func computeHash(
        sequence: Int64, at: Int64, actor: String, role: String, action: String, subject: String?, count: Int,
        activity: String?, reason: String?, previousHash: Data
    ) -> Data {
        // One byte array, strings appended from their UTF-8 views without copies of their own
        // (every audited read hashes its entry; verification hashes every entry).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(
            domain.count + previousHash.count + 43 + actor.utf8.count + role.utf8.count + action.utf8.count + (subject?.utf8.count ?? 0)
                + (activity?.utf8.count ?? 0) + (reason?.utf8.count ?? 0))
        func int(_ v: Int64) { withUnsafeBytes(of: v.bigEndian) { bytes.append(contentsOf: $0) } }
        func str(_ s: String) {
            withUnsafeBytes(of: UInt32(s.utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: s.utf8)
        }
        func opt(_ s: String?) {
            if let s {
                bytes.append(1)
                str(s)
            } else {
                bytes.append(0)
            }
        }
        bytes.append(contentsOf: domain)
        bytes.append(contentsOf: previousHash)
        int(sequence); int(at); str(actor); str(role); str(action); opt(subject); int(Int64(count)); opt(activity); opt(reason)
        return bytes.withUnsafeBytes { Data(SHA256.hash(data: $0)) }
    }

    /// The encoding's version prefix.
    private static let domain: [UInt8] = Array("obhut-audit-v1".utf8)

    /// The hash this entry should carry, from its own fields.
    public var expectedHash: Data {
        Self.computeHash(
            sequence: sequence, at: at, actor: actor, role: role, action: action, subject: subject, count: count,
            activity: activity, reason: reason, previousHash: previousHash)
    }
}

/// A signed statement "the chain had this hash at this sequence": pins the chain so that
/// truncating it or rebuilding it from scratch is detected.
public struct AuditCheckpoint: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var hash: Data
    public var at: Int64
    public var signature: Data

    static func message(sequence: Int64, hash: Data, at: Int64) -> Data {
        var d = Data("obhut-audit-checkpoint-v1".utf8)
        withUnsafeBytes(of: sequence.bigEndian) { d.append(contentsOf: $0) }
        d.append(hash)
        withUnsafeBytes(of: at.bigEndian) { d.append(contentsOf: $0) }
        return d
    }

    public static func sign(sequence: Int64, hash: Data, at: Int64, key: Curve25519.Signing.PrivateKey) throws -> AuditCheckpoint {
        AuditCheckpoint(sequence: sequence, hash: hash, at: at, signature: try key.signature(for: message(sequence: sequence, hash: hash, at: at)))
    }

    public func isValid(publicKey: Curve25519.Signing.PublicKey) -> Bool {
        publicKey.isValidSignature(signature, for: Self.message(sequence: sequence, hash: hash, at: at))
    }
}
