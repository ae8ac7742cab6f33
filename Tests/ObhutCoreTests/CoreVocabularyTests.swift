import Foundation
import Testing

@testable import ObhutCore

struct CoreVocabularyTests {
    @Test(arguments: [
        (["LANG": "de_DE.UTF-8"], Language.de), (["LANG": "en_US.UTF-8"], .en), (["LC_ALL": "de_AT", "LANG": "en_US"], .de),
        (["OBHUT_LANG": "en", "LANG": "de_DE"], .en), ([:], .en), (["LANG": "C"], .en),
    ])
    func languageComesFromTheEnvironment(_ env: [String: String], _ expected: Language) {
        #expect(Language.fromEnvironment(env) == expected)
    }

    @Test func returnsHaveNegativeValue() {
        let line = OrderLine(
            orderId: "O1", line: 1, customerId: "C1", productId: "P1", quantity: -2, unitPriceMinor: 1250, currency: "EUR",
            orderedAt: Date(timeIntervalSince1970: 0), discountMinor: 0)
        #expect(line.valueMinor == -2500)
        let discounted = OrderLine(
            orderId: "O1", line: 2, customerId: "C1", productId: "P1", quantity: 3, unitPriceMinor: 999, currency: "EUR",
            orderedAt: Date(timeIntervalSince1970: 0), discountMinor: 300)
        #expect(discounted.valueMinor == 2697)
    }

    @Test func customerFieldBitsAreDistinctAndPersonalFieldsAreMarked() {
        let bits = CustomerField.allCases.map(\.bit)
        #expect(Set(bits).count == bits.count)
        #expect(CustomerField.email.isPersonal)
        #expect(!CustomerField.country.isPersonal)
    }

    @Test func defaultPurposesFollowTheDesignTable() {
        let byId = Dictionary(uniqueKeysWithValues: Purpose.defaults.map { ($0.id, $0) })
        #expect(byId[.personalization]?.legalBasis == .consent)
        #expect(byId[.marketing]?.legalBasis == .consent)
        #expect(byId[.service]?.legalBasis == .contract)
        #expect(byId[.analytics]?.legalBasis.allowsObjection == true)
        #expect(byId[.service]?.allowsProfiling == false)
        #expect(Purpose.defaults.count == 6)
    }

    @Test func everyErrorSpeaksBothLanguages() {
        let errors: [WorkspaceError] = [
            .notFound(path: "/x"), .alreadyExists(path: "/x"), .masterKeyMissing(path: "/x"),
            .masterKeyInvalid(reason: "r"), .masterKeyPermissions(path: "/x", mode: "644"), .newerSchema(found: 3, supported: 2),
        ]
        for e in errors {
            #expect(e.message(in: .de) != e.message(in: .en))
            #expect(!e.message(in: .de).isEmpty)
        }
    }
}
