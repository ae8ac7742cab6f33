import Foundation
import ObhutCore

/// A customer made ready for writing: personal fields sealed under a fresh person key, blind
/// indexes computed. Preparing is pure CPU work, so the importer does it on another core than
/// the one writing to SQLite.
public struct PreparedCustomer: Sendable {
    public let id: String
    let sealed: Data?
    let wrappedKey: Data
    let emailIndex: Data?
    let identityIndex: Data?
    let phoneIndex: Data?
    let country: String?
    let language: String?
    let createdAt: Int64?
    let updatedAt: Int64?
    let presentMask: Int
    let softInvalidMask: Int
}

/// A lead with its contact person sealed under the lead's own key.
public struct PreparedLead: Sendable {
    public let lead: Lead
    let sealedContact: Data?
    let wrappedKey: Data?
}

extension KeyRing {
    /// Seals a customer's personal fields and computes the keyed indexes.
    /// - Parameter softInvalidMask: bits of `CustomerField.bit` for values that passed validation
    ///   but look implausible (reported by the quality check, never rejected).
    public func prepare(_ customer: Customer, softInvalidMask: Int = 0) throws -> PreparedCustomer {
        let key = PersonKey.generate()
        return try prepare(customer, softInvalidMask: softInvalidMask, reusing: key, wrapped: try wrap(key))
    }

    /// The same under an existing key (rectification keeps the person's key).
    func prepare(_ customer: Customer, softInvalidMask: Int = 0, reusing key: PersonKey, wrapped: Data) throws -> PreparedCustomer {
        let p = customer.personal
        var present = 0
        for field in CustomerField.allCases where field.isPersonal {
            if let v = p[field], !v.isEmpty { present |= field.bit }
        }
        if customer.country != nil { present |= CustomerField.country.bit }
        if customer.language != nil { present |= CustomerField.language.bit }
        if customer.createdAt != nil { present |= CustomerField.createdAt.bit }
        let identity: Data? =
            if let last = p.lastName, let pc = p.postalCode, !last.isEmpty, !pc.isEmpty {
                blindIndex.token("np:" + IdentityNormalizer.nameAndPostalCode(firstName: p.firstName, lastName: last, postalCode: pc))
            } else { nil }
        return PreparedCustomer(
            id: customer.id,
            sealed: p.isEmpty ? nil : try key.seal(PersonalFieldsCodec.encode(p), context: "c:" + customer.id),
            wrappedKey: wrapped,
            emailIndex: p.email.map { blindIndex.token("e:" + IdentityNormalizer.email($0)) },
            identityIndex: identity,
            phoneIndex: p.phone.map { blindIndex.token("t:" + IdentityNormalizer.phone($0)) },
            country: customer.country,
            language: customer.language?.rawValue,
            createdAt: customer.createdAt.map { Int64($0.timeIntervalSince1970) },
            updatedAt: customer.updatedAt.map { Int64($0.timeIntervalSince1970) },
            presentMask: present,
            softInvalidMask: softInvalidMask)
    }

    /// Benchmarks only: the same record with the personal fields encoded but NOT sealed, to
    /// measure what encryption costs. Behind an SPI so that no product code can call it.
    @_spi(Benchmark)
    public func prepareWithoutEncryption(_ customer: Customer) -> PreparedCustomer {
        let p = customer.personal
        return PreparedCustomer(
            id: customer.id, sealed: PersonalFieldsCodec.encode(p), wrappedKey: Data(count: 60),
            emailIndex: p.email.map { blindIndex.token("e:" + IdentityNormalizer.email($0)) }, identityIndex: nil,
            phoneIndex: p.phone.map { blindIndex.token("t:" + IdentityNormalizer.phone($0)) }, country: customer.country,
            language: customer.language?.rawValue, createdAt: customer.createdAt.map { Int64($0.timeIntervalSince1970) },
            updatedAt: customer.updatedAt.map { Int64($0.timeIntervalSince1970) }, presentMask: 0, softInvalidMask: 0)
    }

    public func prepare(_ lead: Lead) throws -> PreparedLead {
        guard lead.contactName != nil || lead.contactEmail != nil else {
            return PreparedLead(lead: lead, sealedContact: nil, wrappedKey: nil)
        }
        let key = PersonKey.generate()
        let sealed = try key.seal(
            PersonalFieldsCodec.encodeStrings([lead.contactName, lead.contactEmail]), context: "l:" + lead.id)
        return PreparedLead(lead: lead, sealedContact: sealed, wrappedKey: try wrap(key))
    }

    /// Opens a customer's sealed personal fields.
    public func openPersonal(customerId: String, sealed: Data?, wrappedKey: Data?) throws -> PersonalFields {
        guard let sealed, let wrappedKey else { return PersonalFields() }
        let key = try unwrap(wrappedKey)
        return try PersonalFieldsCodec.decode(key.open(sealed, context: "c:" + customerId))
    }
}
