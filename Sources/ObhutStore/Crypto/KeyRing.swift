import Crypto
import Foundation
import ObhutCore

/// The keys a store works with, all derived from the workspace secret (which the master key wraps).
public struct KeyRing: Sendable {
    /// The workspace secret (not the master key): root of every derived key.
    let master: MasterKey
    let wrapping: SymmetricKey
    /// Finds people by e-mail, phone or name + postal code without storing those in clear.
    public let blindIndex: KeyedHash
    /// Seals free text that belongs to no known person (e.g. anonymous feedback).
    let workspace: PersonKey

    public init(master: MasterKey) {
        self.master = master
        wrapping = master.derived(.keyWrapping)
        blindIndex = KeyedHash(key: master.derived(.blindIndex))
        workspace = PersonKey(key: master.derived(.workspaceData))
    }

    /// The keyed pseudonymiser for one processing activity: stable per activity, different across
    /// activities, so results of two activities cannot be joined without the master key.
    public func pseudonymiser(activity: String) -> KeyedHash {
        KeyedHash(key: master.derived(.pseudonym, context: activity))
    }

    /// Seals a DPO approval: a keyed hash of the approved declaration (hex), which nobody without
    /// the workspace secret can produce for an edited declaration.
    public func approvalSeal(_ canonicalDeclaration: String) -> String {
        Hex.string(KeyedHash(key: master.derived(.pseudonym, context: "register-approval")).token(canonicalDeclaration))
    }

    public func wrap(_ key: PersonKey) throws -> Data { try key.wrapped(by: wrapping) }

    /// Seals data that belongs to the workspace rather than one person (merge snapshots).
    public func sealForWorkspace(_ data: Data, context: String) throws -> Data { try workspace.seal(data, context: context) }
    public func openForWorkspace(_ data: Data, context: String) throws -> Data { try workspace.open(data, context: context) }
    public func unwrap(_ data: Data) throws -> PersonKey { try PersonKey.unwrap(data, with: wrapping) }
    public func unwrap(_ bytes: UnsafeRawBufferPointer) throws -> PersonKey { try PersonKey.unwrap(bytes, with: wrapping) }
}

/// Normalisation shared by the blind indexes, so lookups match however the value was typed.
public enum IdentityNormalizer {
    /// Lower-cased, trimmed e-mail; for Gmail, dots and "+tags" in the local part are dropped.
    public static func email(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let at = trimmed.lastIndex(of: "@") else { return trimmed }
        var local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...])
        if let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
        if domain == "gmail.com" || domain == "googlemail.com" {
            local.removeAll { $0 == "." }
            return local + "@gmail.com"
        }
        return local + "@" + domain
    }

    /// Digits only, with German national numbers turned international (0171… → 49171…).
    public static func phone(_ raw: String) -> String {
        var digits = raw.filter(\.isNumber)
        if raw.trimmingCharacters(in: .whitespaces).hasPrefix("+") { return digits }
        if digits.hasPrefix("00") { digits.removeFirst(2); return digits }
        if digits.hasPrefix("0") { digits.removeFirst(); return "49" + digits }
        return digits
    }

    /// First and last name folded (case, umlauts, ß, spaces, hyphens) joined with the postal
    /// code. The first name matters: last name and postal code alone match thousands of
    /// different people in a shop of a million.
    public static func nameAndPostalCode(firstName: String?, lastName: String, postalCode: String) -> String {
        foldName(firstName ?? "") + "|" + foldName(lastName) + "|" + postalCode.filter { !$0.isWhitespace }.uppercased()
    }

    public static func foldName(_ name: String) -> String {
        var out = ""
        for ch in name.lowercased() {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            case " ", "-", ".", "'": continue
            default:
                out += String(ch).folding(options: .diacriticInsensitive, locale: nil)
            }
        }
        return out
    }
}
