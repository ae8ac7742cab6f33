import Crypto
import Foundation

/// The outcome of verifying the audit chain, with the first place it breaks.
public struct AuditVerification: Sendable, Codable, Equatable {
    public enum Problem: String, Sendable, Codable, Equatable {
        /// The entry's fields do not give its stored hash: something in it was changed.
        case contentChanged
        /// The entry does not point at the hash of the entry before: one was deleted, inserted or moved.
        case brokenLink
        /// Sequence numbers skip or repeat.
        case sequenceGap
        /// A checkpoint's signature is not valid: it was forged or changed.
        case badCheckpointSignature
        /// A checkpoint names a hash the chain does not have at that sequence: the chain was rewritten.
        case checkpointMismatch
        /// A checkpoint names an entry past the end: the tail was cut off.
        case truncated
    }

    public var entriesChecked: Int
    public var lastSequence: Int64
    public var checkpointsChecked: Int
    /// nil when the chain is intact.
    public var problem: Problem?
    /// The sequence number where the problem was found.
    public var at: Int64?
    public var isIntact: Bool { problem == nil }

    public func message(de: Bool) -> String {
        guard let problem, let at else {
            return de
                ? "Protokollkette intakt: \(entriesChecked) Einträge, \(checkpointsChecked) signierte Prüfpunkte."
                : "Audit chain intact: \(entriesChecked) entries, \(checkpointsChecked) signed checkpoints."
        }
        switch problem {
        case .contentChanged: return de ? "Eintrag \(at): Inhalt verändert (Hash stimmt nicht)." : "Entry \(at): content changed (hash mismatch)."
        case .brokenLink:
            return de
                ? "Eintrag \(at): Verkettung gebrochen (Eintrag davor gelöscht, eingefügt oder vertauscht)."
                : "Entry \(at): chain broken (an entry before it was deleted, inserted or moved)."
        case .sequenceGap:
            return de
                ? "Eintrag \(at): Nummerierung springt (Eintrag gelöscht oder doppelt)."
                : "Entry \(at): numbering skips (entry deleted or duplicated)."
        case .badCheckpointSignature: return de ? "Prüfpunkt \(at): Signatur ungültig (gefälscht)." : "Checkpoint \(at): invalid signature (forged)."
        case .checkpointMismatch:
            return de
                ? "Prüfpunkt \(at): Kette weicht vom signierten Stand ab (neu geschrieben)."
                : "Checkpoint \(at): chain differs from the signed state (rewritten)."
        case .truncated:
            return de ? "Prüfpunkt \(at): Kette endet davor (Ende abgeschnitten)." : "Checkpoint \(at): chain ends before it (tail cut off)."
        }
    }
}

/// Verifies a chain streaming: O(1) memory besides the checkpoints, so millions of entries are fine.
public struct AuditVerifier {
    private var previousHash = AuditEntry.genesisHash
    private var expectedSequence: Int64 = 1
    private var checkpoints: [Int64: AuditCheckpoint]
    private var verification: AuditVerification
    private let publicKey: Curve25519.Signing.PublicKey

    public init(checkpoints: [AuditCheckpoint], publicKey: Curve25519.Signing.PublicKey) {
        self.publicKey = publicKey
        self.checkpoints = [:]
        verification = AuditVerification(entriesChecked: 0, lastSequence: 0, checkpointsChecked: 0)
        for c in checkpoints.sorted(by: { $0.sequence < $1.sequence }) {
            if !c.isValid(publicKey: publicKey), verification.problem == nil {
                verification.problem = .badCheckpointSignature
                verification.at = c.sequence
            }
            self.checkpoints[c.sequence] = c
        }
    }

    /// Feeds the next entry; returns false once a problem is found (stop feeding then).
    public mutating func feed(_ e: AuditEntry) -> Bool {
        guard verification.problem == nil else { return false }
        func fail(_ p: AuditVerification.Problem, _ at: Int64) -> Bool {
            verification.problem = p
            verification.at = at
            return false
        }
        if e.sequence != expectedSequence { return fail(.sequenceGap, min(e.sequence, expectedSequence)) }
        if e.previousHash != previousHash { return fail(.brokenLink, e.sequence) }
        if e.expectedHash != e.hash { return fail(.contentChanged, e.sequence) }
        if let c = checkpoints.removeValue(forKey: e.sequence) {
            if c.hash != e.hash { return fail(.checkpointMismatch, c.sequence) }
            verification.checkpointsChecked += 1
        }
        previousHash = e.hash
        expectedSequence += 1
        verification.entriesChecked += 1
        verification.lastSequence = e.sequence
        return true
    }

    /// The verdict once every entry was fed.
    public func finish() -> AuditVerification {
        var v = verification
        if v.problem == nil, let beyond = checkpoints.keys.min() {
            v.problem = beyond > v.lastSequence ? .truncated : .checkpointMismatch
            v.at = beyond
        }
        return v
    }
}

/// Refuses values that look like personal data before they enter the audit log. The value is
/// never echoed, only the field it was found in.
public enum AuditGuard {
    public struct PersonalDataFound: Error, Sendable, Equatable { public let field: String }

    public static func check(_ fields: [(String, String?)]) throws(PersonalDataFound) {
        for (name, value) in fields {
            guard let value else { continue }
            // A keyed person token ("p_" + base32) is what `subject` must hold; its digits are not a number.
            if name == "subject" && isToken(value) { continue }
            if looksLikeEmail(value) || hasLongDigitRun(value) { throw PersonalDataFound(field: name) }
        }
    }

    // Over the UTF-8 bytes: every audited read checks its entry's fields, and walking Characters
    // (grapheme breaking) was a few microseconds of each. A digit followed by a combining mark
    // counts as a digit here, so this refuses at least what the Character walk refused.

    static func isToken(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count == 24, u.starts(with: "p_".utf8) else { return false }
        return u.dropFirst(2).allSatisfy { (0x61...0x7A).contains($0) || (0x32...0x37).contains($0) }
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let u = s.utf8
        guard let at = u.firstIndex(of: 0x40), at != u.startIndex else { return false }
        return u[u.index(after: at)...].contains(0x2E)
    }

    /// Seven or more digits in a row (spaces, dashes, slashes and plus signs between them count as
    /// part of the run): a phone number or an account number.
    static func hasLongDigitRun(_ s: String) -> Bool {
        var run = 0
        for b in s.utf8 {
            switch b {
            case 0x30...0x39:
                run += 1
                if run >= 7 { return true }
            case 0x20, 0x2D, 0x2F, 0x2B: continue
            default: run = 0
            }
        }
        return false
    }
}
