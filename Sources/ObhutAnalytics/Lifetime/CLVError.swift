import ObhutCore

/// Errors of the lifetime-value models (summary, BG/NBD, Gamma-Gamma, evaluation, CSV input).
///
/// Messages name the line, field or parameter and say how to fix the input; they never repeat a
/// value from the input (a customer id could be personal data).
public enum CLVError: UserFacingError, Equatable, CustomStringConvertible {
    /// Purchase arrays of different lengths were passed.
    case mismatchedLengths(persons: Int, days: Int, amounts: Int)
    /// A person index below zero.
    case negativePerson(record: Int)
    /// A purchase day before 1970-01-01 (days are counted from 1970).
    case negativeDay(record: Int)
    /// An amount that is not a finite number.
    case invalidAmount(record: Int)
    /// The observation end lies before the calibration end.
    case observationBeforeCalibration
    /// Nobody bought in the calibration period.
    case noCustomers
    /// Every customer bought on one day only: the repeat-purchase process cannot be estimated.
    case noRepeatBuyers
    /// Too few customers with repeat purchases and positive spend for Gamma-Gamma.
    case tooFewForSpendModel(found: Int, needed: Int)
    /// A summary value that is negative, not finite, or inconsistent (t_x > T, t_x > 0 with x = 0).
    case invalidSummary(customer: Int, reason: CLVProblem)
    /// A model parameter that must be positive and finite is not.
    case invalidParameter(name: String)
    /// A prediction argument (horizon, discount rate, threshold) outside its range.
    case invalidArgument(name: String, reason: CLVProblem)
    /// The optimiser found no finite maximum of the likelihood from any starting point.
    case fitFailed(model: String)
    /// The Gamma-Gamma fit gave q <= 1: the population mean spend is infinite.
    case spendMeanUndefined
    /// The hypergeometric series behind the expected purchases did not converge.
    case seriesDidNotConverge
    /// A line of the transactions CSV could not be read (1-based line, field name, reason).
    case malformedLine(line: Int, field: String, reason: CLVProblem)
    /// The CSV header lacks a required column.
    case missingColumn(String)

    public var description: String { message(in: .en) }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.mismatchedLengths(let p, let d, let a), .de):
            "Die Kaufdaten haben ungleiche Längen (Personen \(p), Tage \(d), Beträge \(a)); je Kauf ein Eintrag in jeder Liste."
        case (.mismatchedLengths(let p, let d, let a), .en):
            "The purchase arrays differ in length (persons \(p), days \(d), amounts \(a)); give one entry per purchase in each."
        case (.negativePerson(let r), .de): "Kauf \(r): negative Personennummer; Personen werden ab 0 gezählt."
        case (.negativePerson(let r), .en): "Purchase \(r): negative person index; persons are counted from 0."
        case (.negativeDay(let r), .de): "Kauf \(r): Datum vor dem 1.1.1970; Tage werden ab 1970 gezählt."
        case (.negativeDay(let r), .en): "Purchase \(r): date before 1970-01-01; days are counted from 1970."
        case (.invalidAmount(let r), .de): "Kauf \(r): Betrag ist keine endliche Zahl."
        case (.invalidAmount(let r), .en): "Purchase \(r): the amount is not a finite number."
        case (.observationBeforeCalibration, .de): "Das Beobachtungsende liegt vor dem Ende der Kalibrierung."
        case (.observationBeforeCalibration, .en): "The observation end lies before the calibration end."
        case (.noCustomers, .de): "Im Kalibrierungszeitraum hat niemand gekauft; ein späteres Kalibrierungsende wählen."
        case (.noCustomers, .en): "Nobody bought in the calibration period; choose a later calibration end."
        case (.noRepeatBuyers, .de):
            "Kein Kunde hat an mehr als einem Tag gekauft; ohne Wiederholungskäufe lässt sich BG/NBD nicht schätzen. Längeren Zeitraum wählen."
        case (.noRepeatBuyers, .en):
            "No customer bought on more than one day; BG/NBD cannot be fitted without repeat purchases. Choose a longer period."
        case (.tooFewForSpendModel(let f, let n), .de):
            "Nur \(f) Kunden mit Wiederholungskäufen und positivem Umsatz; Gamma-Gamma braucht mindestens \(n)."
        case (.tooFewForSpendModel(let f, let n), .en):
            "Only \(f) customers with repeat purchases and positive spend; Gamma-Gamma needs at least \(n)."
        case (.invalidSummary(let c, let r), .de): "Kunde \(c) (Position in der Zusammenfassung): \(r.message(in: .de))."
        case (.invalidSummary(let c, let r), .en): "Customer \(c) (position in the summary): \(r.message(in: .en))."
        case (.invalidParameter(let n), .de): "Modellparameter \(n) muss eine positive, endliche Zahl sein."
        case (.invalidParameter(let n), .en): "Model parameter \(n) must be a positive, finite number."
        case (.invalidArgument(let n, let r), .de): "\(n): \(r.message(in: .de))."
        case (.invalidArgument(let n, let r), .en): "\(n): \(r.message(in: .en))."
        case (.fitFailed(let m), .de):
            "Die Anpassung von \(m) fand kein endliches Maximum der Likelihood; die Daten passen nicht zum Modell (zu wenige Käufe?)."
        case (.fitFailed(let m), .en):
            "Fitting \(m) found no finite maximum of the likelihood; the data do not suit the model (too few purchases?)."
        case (.spendMeanUndefined, .de):
            "Gamma-Gamma ergab q <= 1: der mittlere Umsatz ist nicht endlich. Ausreißer bei den Beträgen prüfen."
        case (.spendMeanUndefined, .en):
            "Gamma-Gamma gave q <= 1: the mean spend is not finite. Check the amounts for outliers."
        case (.seriesDidNotConverge, .de):
            "Die hypergeometrische Reihe konvergierte nicht; einen kürzeren Vorhersagezeitraum wählen."
        case (.seriesDidNotConverge, .en): "The hypergeometric series did not converge; choose a shorter prediction horizon."
        case (.malformedLine(let l, let f, let r), .de): "Zeile \(l): \(f): \(r.message(in: .de))"
        case (.malformedLine(let l, let f, let r), .en): "line \(l): \(f): \(r.message(in: .en))"
        case (.missingColumn(let c), .de): "Spalte \(c) fehlt in der Kopfzeile (erwartet: customer_id,date,amount)."
        case (.missingColumn(let c), .en): "The header lacks the column \(c) (expected: customer_id,date,amount)."
        }
    }
}

/// The fixed reasons an input or argument is rejected, in both languages.
public enum CLVProblem: String, Sendable, Equatable, CaseIterable {
    case notPositive
    case negative
    case notBelowOne
    case notProbability
    case badHorizon
    case summaryNotFinite
    case recencyExceedsAge
    case recencyWithoutRepeats
    case frequencyNotWhole
    case empty
    case notISODate
    case beforeEpoch
    case notNumber
    case notFinite
    case tooFewFields
    case tooManyFields
    case unterminatedQuote
    case textAfterQuote
    case duplicateColumn

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.notPositive, .de): "muss positiv und endlich sein"
        case (.notPositive, .en): "must be positive and finite"
        case (.negative, .de): "muss null oder positiv und endlich sein"
        case (.negative, .en): "must be zero or positive and finite"
        case (.notBelowOne, .de): "muss kleiner als 1 sein"
        case (.notBelowOne, .en): "must be below 1"
        case (.notProbability, .de): "muss zwischen 0 und 1 liegen"
        case (.notProbability, .en): "must be between 0 and 1"
        case (.badHorizon, .de): "muss eine ganze Zahl von 1 bis 1200 sein"
        case (.badHorizon, .en): "must be a whole number from 1 to 1200"
        case (.summaryNotFinite, .de): "Häufigkeit, Recency und Alter müssen endlich und nicht negativ sein"
        case (.summaryNotFinite, .en): "frequency, recency and age must be finite and not negative"
        case (.recencyExceedsAge, .de): "Recency ist größer als das Alter"
        case (.recencyExceedsAge, .en): "recency exceeds age"
        case (.recencyWithoutRepeats, .de): "Recency ist positiv ohne Wiederholungskäufe"
        case (.recencyWithoutRepeats, .en): "recency is positive without repeat purchases"
        case (.frequencyNotWhole, .de): "Häufigkeit muss eine ganze Zahl sein"
        case (.frequencyNotWhole, .en): "frequency must be a whole number"
        case (.empty, .de): "leer"
        case (.empty, .en): "empty"
        case (.notISODate, .de): "kein ISO-Datum (JJJJ-MM-TT)"
        case (.notISODate, .en): "not an ISO date (YYYY-MM-DD)"
        case (.beforeEpoch, .de): "Datum vor dem 1.1.1970"
        case (.beforeEpoch, .en): "date before 1970-01-01"
        case (.notNumber, .de): "keine Zahl (Dezimalpunkt verwenden)"
        case (.notNumber, .en): "not a number (use a dot as decimal separator)"
        case (.notFinite, .de): "keine endliche Zahl"
        case (.notFinite, .en): "not a finite number"
        case (.tooFewFields, .de): "Feld fehlt"
        case (.tooFewFields, .en): "missing field"
        case (.tooManyFields, .de): "mehr Felder als die Kopfzeile (Dezimalkomma? Punkt verwenden oder Feld in Anführungszeichen)"
        case (.tooManyFields, .en): "more fields than the header (decimal comma? use a dot or quote the field)"
        case (.unterminatedQuote, .de): "Anführungszeichen nicht geschlossen"
        case (.unterminatedQuote, .en): "unterminated quote"
        case (.textAfterQuote, .de): "Text nach schließendem Anführungszeichen"
        case (.textAfterQuote, .en): "text after a closing quote"
        case (.duplicateColumn, .de): "Spalte doppelt"
        case (.duplicateColumn, .en): "duplicate column"
        }
    }
}
