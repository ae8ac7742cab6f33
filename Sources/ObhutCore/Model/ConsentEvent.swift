import Foundation

/// One entry of the consent ledger: a person granted or withdrew consent for a purpose.
/// The ledger is append-only; the current state is derived (the latest event wins).
public struct ConsentEvent: Sendable, Hashable, Codable {
    public var customerId: String
    public var purpose: PurposeID
    public var granted: Bool
    public var at: Date
    /// Where the consent was given: "checkout", "newsletter-form", "import", ...
    public var source: String
    /// Version of the consent text the person saw.
    public var textVersion: String

    public init(customerId: String, purpose: PurposeID, granted: Bool, at: Date, source: String, textVersion: String) {
        self.customerId = customerId
        self.purpose = purpose
        self.granted = granted
        self.at = at
        self.source = source
        self.textVersion = textVersion
    }
}
