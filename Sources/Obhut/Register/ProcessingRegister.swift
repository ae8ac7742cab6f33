import Foundation
import ObhutCore
import Yams

/// The processing register of a workspace (`register.yaml`): who is responsible, the purposes,
/// every declared processing activity, the retention rules, and which product categories reveal
/// special categories of data (GDPR Art. 9). A readable file the DPO may edit; the CLI edits it
/// too. The record of processing activities (Art. 30) is rendered from it.
public struct ProcessingRegister: Sendable, Codable, Equatable {
    public var version: Int
    public var controller: Controller
    public var purposes: [Purpose]
    public var activities: [ProcessingActivity]
    public var retention: RetentionRules
    /// Words in a product category that reveal a special category of data, by Art. 9 category.
    public var specialCategoryKeywords: [String: [String]]

    public struct Controller: Sendable, Codable, Equatable {
        public var name: String
        public var contact: String
        public var dpo: String

        public init(name: String, contact: String, dpo: String) {
            self.name = name
            self.contact = contact
            self.dpo = dpo
        }
    }

    public static let fileName = "register.yaml"

    public func activity(_ name: String) -> ProcessingActivity? { activities.first { $0.name == name } }
    public func purpose(_ id: PurposeID) -> Purpose? { purposes.first { $0.id == id } }

    /// The Art. 9 category a product category reveals, if any (case-insensitive word match).
    public func specialCategory(ofProductCategory category: String) -> String? {
        let lower = category.lowercased()
        for (special, words) in specialCategoryKeywords.sorted(by: { $0.key < $1.key })
        where words.contains(where: { lower.contains($0.lowercased()) }) {
            return special
        }
        return nil
    }

    // MARK: File

    public static func load(from directory: URL) throws -> ProcessingRegister {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return .defaults }
        return try decode(data, path: url.path)
    }

    /// Parses the bytes of a register file (`path` only names it in errors).
    static func decode(_ data: Data, path: String) throws -> ProcessingRegister {
        do {
            return try YAMLDecoder().decode(ProcessingRegister.self, from: String(decoding: data, as: UTF8.self))
        } catch let error as DecodingError {
            throw RegisterError.invalidFile(path: path, reason: Self.describe(error))
        } catch {
            throw RegisterError.invalidFile(path: path, reason: String(describing: error))
        }
    }

    /// Writes the file atomically (a half-written register would stop every run).
    public func save(to directory: URL) throws {
        let header = """
            # Obhut — Verzeichnis der Verarbeitungstätigkeiten / processing register
            # Edit with care: every run is checked against this file. `obhut register` renders it (Art. 30 DSGVO/GDPR).

            """
        let yaml = try YAMLEncoder().encode(self)
        let url = directory.appendingPathComponent(Self.fileName)
        try Data((header + yaml).utf8).write(to: url, options: .atomic)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c)): missing key '\(key.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return "\(path(c)): \(c.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}

public enum RegisterError: UserFacingError, Equatable {
    case invalidFile(path: String, reason: String)
    case unknownActivity(String, known: [String])

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.invalidFile(let p, let r), .de): "Verzeichnis \(p) ist fehlerhaft: \(r)"
        case (.invalidFile(let p, let r), .en): "Register \(p) is invalid: \(r)"
        case (.unknownActivity(let a, let k), .de): "Unbekannte Verarbeitungstätigkeit '\(a)'. Deklariert: \(k.joined(separator: ", "))"
        case (.unknownActivity(let a, let k), .en): "Unknown processing activity '\(a)'. Declared: \(k.joined(separator: ", "))"
        }
    }
}

/// How long data is kept. Orders and invoices: 10 years by German law (§147 AO, §257 HGB).
public struct RetentionRules: Sendable, Codable, Equatable {
    /// Feedback texts are deleted this many days after they were written.
    public var feedbackDays: Int
    /// A customer is erased this many days after their last order (or creation, without orders).
    public var customerDaysAfterLastOrder: Int
    /// An open lead is deleted after this many days without activity.
    public var leadDaysWithoutActivity: Int
    /// Order lines are deleted after this many days (anonymised earlier on erasure).
    public var orderDays: Int
    /// Consents older than this are listed for renewal.
    public var consentRenewalDays: Int

    public static let defaults = RetentionRules(
        feedbackDays: 730, customerDaysAfterLastOrder: 1095, leadDaysWithoutActivity: 365, orderDays: 3653, consentRenewalDays: 730)
}
