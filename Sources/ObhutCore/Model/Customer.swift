import Foundation

/// A customer of the shop. Only `id` is mandatory: a shop that keeps less data must be able to.
///
/// The personal fields (names, contact, address, birth date) are encrypted at rest with the
/// person's own key; see `PersonalFields`.
public struct Customer: Sendable, Hashable, Codable {
    public var id: String
    public var personal: PersonalFields
    /// Postal code and country are kept in clear: coarse location is needed for segments and
    /// duplicate detection works on a keyed index, not on the clear value.
    public var country: String?
    public var language: Language?
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        id: String, personal: PersonalFields = PersonalFields(), country: String? = nil,
        language: Language? = nil, createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.personal = personal
        self.country = country
        self.language = language
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The fields that identify a person. Stored sealed together (one AES-GCM seal per person),
/// never in clear text, never in logs or errors.
public struct PersonalFields: Sendable, Hashable, Codable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var street: String?
    public var postalCode: String?
    public var city: String?
    public var birthDate: String?  // ISO yyyy-mm-dd

    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
        street: String? = nil, postalCode: String? = nil, city: String? = nil, birthDate: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.birthDate = birthDate
    }

    /// The field named `name` (as in `CustomerField`), for generic access by rectification and export.
    public subscript(field: CustomerField) -> String? {
        get {
            switch field {
            case .firstName: firstName
            case .lastName: lastName
            case .email: email
            case .phone: phone
            case .street: street
            case .postalCode: postalCode
            case .city: city
            case .birthDate: birthDate
            case .country, .language, .createdAt: nil
            }
        }
        set {
            switch field {
            case .firstName: firstName = newValue
            case .lastName: lastName = newValue
            case .email: email = newValue
            case .phone: phone = newValue
            case .street: street = newValue
            case .postalCode: postalCode = newValue
            case .city: city = newValue
            case .birthDate: birthDate = newValue
            case .country, .language, .createdAt: break
            }
        }
    }

    public var isEmpty: Bool { self == PersonalFields() }
}

/// The fields of a customer by name, as used in mappings, processing declarations and rectification.
public enum CustomerField: String, Sendable, Codable, CaseIterable {
    case firstName = "first_name"
    case lastName = "last_name"
    case email
    case phone
    case street
    case postalCode = "postal_code"
    case city
    case birthDate = "birth_date"
    case country
    case language
    case createdAt = "created_at"

    /// Whether the field identifies a person and is therefore encrypted at rest.
    public var isPersonal: Bool {
        switch self {
        case .country, .language, .createdAt: false
        default: true
        }
    }

    /// Bit used in the per-row presence and soft-validity masks (which need no decryption).
    public var bit: Int { 1 << (CustomerField.allCases.firstIndex(of: self) ?? 0) }
}
