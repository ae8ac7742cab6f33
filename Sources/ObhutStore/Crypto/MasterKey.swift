import Crypto
import Foundation
import ObhutCore

/// The workspace master key: 32 random bytes, kept in a file readable only by its owner (0600) or
/// in the environment variable `OBHUT_MASTER_KEY` (base64). Every other key is derived from it
/// (HKDF-SHA256 with a distinct label) or wrapped by it, so rotating it is one re-wrap of the
/// per-person keys, not a re-encryption of the data.
public struct MasterKey: Sendable {
    let key: SymmetricKey

    public init(rawBytes: Data) throws(MasterKeyError) {
        guard rawBytes.count == 32 else { throw .wrongLength(rawBytes.count) }
        key = SymmetricKey(data: rawBytes)
    }

    public init(base64: String) throws(MasterKeyError) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notBase64
        }
        try self.init(rawBytes: data)
    }

    public static func generate() -> MasterKey {
        // swift-crypto draws from the system CSPRNG.
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        // Force-try is safe: the length is 32 by construction.
        return try! MasterKey(rawBytes: bytes)
    }

    public var base64: String { rawBytes.base64EncodedString() }

    var rawBytes: Data { key.withUnsafeBytes { Data($0) } }

    /// A key for one job, derived so that no two jobs share key material.
    public func derived(_ purpose: DerivedKeyPurpose, context: String = "") -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, salt: Data("obhut-v1".utf8),
            info: Data("\(purpose.rawValue)|\(context)".utf8), outputByteCount: 32)
    }

    /// A short fingerprint to tell keys apart in status output (not secret: a hash of a derived key).
    public var fingerprint: String {
        let digest = SHA256.hash(data: derived(.fingerprint).withUnsafeBytes { Data($0) })
        return Hex.string(digest.prefix(6))
    }
}

/// What a derived key is for. Each label yields an independent key.
public enum DerivedKeyPurpose: String, Sendable {
    case keyWrapping = "key-wrapping"
    case blindIndex = "blind-index"
    case pseudonym = "pseudonym"
    case auditSigning = "audit-signing"
    case backup = "backup"
    case fingerprint = "fingerprint"
    case workspaceData = "workspace-data"
}

public enum MasterKeyError: Error, Sendable, Equatable {
    case wrongLength(Int)
    case notBase64
}
