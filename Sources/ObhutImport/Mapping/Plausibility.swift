import ObhutCore

/// Values that pass validation but look implausible: marked per field for the quality report,
/// never rejected (the shop may know better). One place, used by the importer and the demo.
public enum Plausibility {
    /// Bits of `CustomerField.bit` for implausible phone numbers, postal codes and birth dates.
    public static func softInvalidMask(_ p: PersonalFields, country: String?, now: Int64? = nil) -> Int {
        var mask = 0
        if let phone = p.phone, case .failure = PhoneNumber.normalized(phone) { mask |= CustomerField.phone.bit }
        if let pc = p.postalCode, !PostalCodes.isPlausible(pc, country: country ?? "DE") { mask |= CustomerField.postalCode.bit }
        if let now, let birth = p.birthDate, case .success(let day) = TimestampParser().day(birth), !isPlausibleBirthDay(day, now: now) {
            mask |= CustomerField.birthDate.bit
        }
        return mask
    }

    /// A customer between 14 and 110 years old.
    public static func isPlausibleBirthDay(_ day: Int64, now: Int64) -> Bool {
        let years = Double(now - day * 86_400) / (365.25 * 86_400)
        return years >= 14 && years <= 110
    }
}
