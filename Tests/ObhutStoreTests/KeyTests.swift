import Crypto
import Foundation
import ObhutCore
import Testing

@testable import ObhutStore

struct KeyTests {
    let keys = KeyRing(master: MasterKey.generate())

    @Test func personalFieldsRoundTripThroughSealAndOpen() throws {
        let fields = PersonalFields(
            firstName: "Erika", lastName: "Musterfrau", email: "e@example.de", phone: nil, street: "Weg 1",
            postalCode: "10115", city: "Berlin", birthDate: "1980-02-29")
        let prepared = try keys.prepare(Customer(id: "C1", personal: fields))
        let opened = try keys.openPersonal(customerId: "C1", sealed: prepared.sealed, wrappedKey: prepared.wrappedKey)
        #expect(opened == fields)
    }

    @Test func sealedFieldsCannotBeMovedToAnotherPerson() throws {
        let prepared = try keys.prepare(Customer(id: "C1", personal: PersonalFields(lastName: "Musterfrau")))
        #expect(throws: (any Error).self) {
            try keys.openPersonal(customerId: "C2", sealed: prepared.sealed, wrappedKey: prepared.wrappedKey)
        }
    }

    @Test func anotherMasterKeyCannotUnwrap() throws {
        let prepared = try keys.prepare(Customer(id: "C1", personal: PersonalFields(lastName: "Musterfrau")))
        let other = KeyRing(master: MasterKey.generate())
        #expect(throws: (any Error).self) {
            try other.openPersonal(customerId: "C1", sealed: prepared.sealed, wrappedKey: prepared.wrappedKey)
        }
    }

    @Test func blindIndexMatchesNormalisedEmail() throws {
        let a = try keys.prepare(Customer(id: "A", personal: PersonalFields(email: " Erika.Muster+shop@GMail.com")))
        let b = try keys.prepare(Customer(id: "B", personal: PersonalFields(email: "erikamuster@gmail.com")))
        let c = try keys.prepare(Customer(id: "C", personal: PersonalFields(email: "erika.muster@example.de")))
        #expect(a.emailIndex == b.emailIndex)
        #expect(a.emailIndex != c.emailIndex)
    }

    @Test func identityIndexFoldsUmlautsAndCase() throws {
        let a = try keys.prepare(Customer(id: "A", personal: PersonalFields(firstName: "Jörg", lastName: "Müller", postalCode: "10115")))
        let b = try keys.prepare(Customer(id: "B", personal: PersonalFields(firstName: "JOERG", lastName: "MUELLER", postalCode: " 10115")))
        let c = try keys.prepare(Customer(id: "C", personal: PersonalFields(firstName: "Anna", lastName: "Müller", postalCode: "10115")))
        #expect(a.identityIndex != nil)
        #expect(a.identityIndex == b.identityIndex)
        #expect(a.identityIndex != c.identityIndex)
    }

    /// Known answers from Python's hmac and base64 (RFC 2104, RFC 4648) for a fixed key: tokens
    /// and pseudonyms already stored in workspaces (audit subjects, blind indexes) must not change.
    @Test func keyedHashMatchesHMACSHA256KnownAnswers() {
        let hash = KeyedHash(key: SymmetricKey(data: Data(0..<32)))
        let cases: [(String, String, String)] = [
            ("subject:C0000001", "p_iu2k5ahzambm4dngp5w7vd", "4534ae80f90302ce0da67f6dfa8ebcb6"),
            ("müller@example.de", "p_qx4acjz4iq7ecva3fl2qp6", "85f801273c443e41541b2af507fa9729"),
            ("", "p_2ofueclnqd2f7atlisu5ky", "d38b42096d80f45f826b44a9d5607de7"),
        ]
        for (value, pseudonym, token) in cases {
            #expect(hash.pseudonym(value) == pseudonym)
            #expect(hash.token(value).map { String(format: "%02x", $0) }.joined() == token)
        }
        // The keyed state is copied, never advanced: the same answer every time, in any order.
        #expect(hash.pseudonym("subject:C0000001") == "p_iu2k5ahzambm4dngp5w7vd")
    }

    @Test func pseudonymsAreStablePerActivityAndDifferAcrossActivities() {
        let seg = keys.pseudonymiser(activity: "segments")
        let rec = keys.pseudonymiser(activity: "recommendations")
        #expect(seg.pseudonym("C1") == seg.pseudonym("C1"))
        #expect(seg.pseudonym("C1") != seg.pseudonym("C2"))
        #expect(seg.pseudonym("C1") != rec.pseudonym("C1"))
        #expect(seg.pseudonym("C1").hasPrefix("p_"))
        #expect(!seg.pseudonym("C1").contains("C1"))
    }

    @Test func masterKeyRejectsWrongLengthAndRoundTripsBase64() throws {
        #expect(throws: MasterKeyError.wrongLength(16)) { try MasterKey(rawBytes: Data(count: 16)) }
        #expect(throws: MasterKeyError.notBase64) { try MasterKey(base64: "%%%") }
        let k = MasterKey.generate()
        let again = try MasterKey(base64: k.base64)
        #expect(again.fingerprint == k.fingerprint)
    }

    @Test func codecRejectsTruncatedInput() {
        let data = PersonalFieldsCodec.encode(PersonalFields(firstName: "Erika"))
        #expect(throws: (any Error).self) { try PersonalFieldsCodec.decode(data.prefix(data.count - 2)) }
    }
}
