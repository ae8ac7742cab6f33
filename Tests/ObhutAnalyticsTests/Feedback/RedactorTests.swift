import Foundation
import ObhutCore
import Testing

@testable import ObhutAnalytics

/// Redaction on invented German and English fixtures (all people, numbers and addresses made up).
struct RedactorTests {
    static let german = """
        Hallo Frau Müller, meine Bestellung ist nicht angekommen. Erreichbar unter 0171 2345678 oder +49 (0)30 1234 5678, \
        E-Mail erika.beispiel@example.de. Bitte erstatten Sie auf DE89 3704 0044 0532 0130 00. \
        Ich wohne in der Musterstraße 12a, 10115 Berlin. Bestellt am 12.05.2026 für 49,99 €. Mit freundlichen Grüßen Erika Beispiel
        """
    static let english = """
        Dear John, my parcel never arrived. Call me on +44 20 7946 0958 or 020 7946 0959, or mail jane_doe+shop@example.co.uk. \
        I live at 221 Baker Street. Order 12345 from 3 May. Best regards,
        Jane Doe
        """

    @Test func germanFixtureLosesEveryPersonalValue() {
        let r = Redactor.redact(Self.german, language: .de)
        #expect(r.counts == [.name: 2, .phone: 2, .email: 1, .iban: 1, .address: 1], "\(r.counts)")
        for secret in ["Müller", "2345678", "1234 5678", "erika.beispiel", "DE89", "Musterstraße", "10115", "Erika", "Beispiel"] {
            #expect(!r.text.contains(secret), "\(secret) left in: \(r.text)")
        }
        #expect(r.text.contains("Hallo Frau [NAME],"))
        #expect(r.text.contains("[TELEFON]"))
        #expect(r.text.contains("[ADRESSE]"))
        // Dates and prices are not phone numbers.
        #expect(r.text.contains("12.05.2026"))
        #expect(r.text.contains("49,99 €"))
    }

    @Test func englishFixtureLosesEveryPersonalValue() {
        let r = Redactor.redact(Self.english, language: .en)
        #expect(r.counts == [.name: 2, .phone: 2, .email: 1, .address: 1], "\(r.counts)")
        for secret in ["John", "7946", "jane_doe", "Baker", "Jane", "Doe"] {
            #expect(!r.text.contains(secret), "\(secret) left in: \(r.text)")
        }
        #expect(r.text.hasPrefix("Dear [NAME], my parcel"))
        #expect(r.text.contains("[PHONE]") && r.text.contains("[ADDRESS]") && r.text.contains("[E-MAIL]"))
        #expect(r.text.contains("Order 12345"))
    }

    @Test(arguments: [
        ("Sehr geehrter Herr Dr. Schmidt, danke.", "Sehr geehrter Herr Dr. [NAME], danke."),
        ("Hi Anna, thanks!", "Hi [NAME], thanks!"),
        ("Hallo Team, alles gut.", "Hallo Team, alles gut."),
        ("Sehr geehrte Damen und Herren", "Sehr geehrte Damen und Herren"),
        ("Liebe Grüße, Lena", "Liebe Grüße, [NAME]"),
        ("Hallo, ich bin zufrieden", "Hallo, ich bin zufrieden"),
        ("Dear Sir or Madam", "Dear Sir or Madam"),
        ("Die Lieferung war schnell.", "Die Lieferung war schnell."),
        ("Mein Name ist Max Beispiel.", "Mein Name ist [NAME]."),
        ("Thanks,\nJohn", "Thanks,\n[NAME]"),
        ("Thanks for the quick delivery", "Thanks for the quick delivery"),
    ])
    func namesAfterGreetingsOnly(_ input: String, _ expected: String) {
        #expect(Redactor.redact(input, language: .de).text == expected)
    }

    @Test func countsNeverHoldTheValues() throws {
        let r = Redactor.redact("Mail an max@example.org", language: .de)
        #expect(r.text == "Mail an [E-MAIL]")
        #expect(r.total == 1)
        let encoded = String(decoding: try JSONEncoder().encode(r.counts), as: UTF8.self)
        #expect(encoded == #"{"email":1}"#)
    }
}
