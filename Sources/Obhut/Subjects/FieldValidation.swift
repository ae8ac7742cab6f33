import ObhutCore
import ObhutImport

/// The checks the importer applies to a value, for values entered by hand (rectification).
enum FieldValidation {
    static func check(_ field: CustomerField, _ value: String?) throws {
        guard let value else { return }
        func fail(_ de: String, _ en: String) -> SubjectError { .invalidValue(field: field.rawValue, reason: Localized(de: de, en: en)) }
        switch field {
        case .email:
            guard case .success = EmailAddress.validate(value) else { throw fail("keine gültige E-Mail-Adresse", "not a valid e-mail address") }
        case .birthDate:
            guard case .success = TimestampParser().day(value) else {
                throw fail("kein gültiges Datum (JJJJ-MM-TT oder TT.MM.JJJJ)", "not a valid date (YYYY-MM-DD or DD.MM.YYYY)")
            }
        case .country:
            guard case .success = CountryCode.code(for: value) else {
                throw fail("unbekanntes Land; ISO-Code wie DE verwenden", "unknown country; use an ISO code like DE")
            }
        case .language:
            guard Language(rawValue: value) != nil else { throw fail("erwartet de oder en", "expected de or en") }
        case .phone:
            guard case .success = PhoneNumber.normalized(value) else { throw fail("keine gültige Telefonnummer", "not a valid phone number") }
        default: break
        }
    }
}
