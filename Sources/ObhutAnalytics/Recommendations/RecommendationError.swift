import ObhutCore

/// Why the recommendation algorithms refused their input; no values are echoed.
public enum RecommendationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row or column index is negative or not below the matrix size.
    case indexOutOfRange
    /// Coordinate columns of different lengths.
    case lengthMismatch
    /// A parameter outside its range (the name of the parameter).
    case invalidParameter(String)
    /// An item → group array that does not have one entry per item.
    case groupsMismatch

    public var description: String { message.en }

    /// The message in German and English.
    public var message: Localized {
        switch self {
        case .indexOutOfRange:
            Localized(de: "Ein Nutzer- oder Artikelindex liegt außerhalb der Matrix.", en: "A user or item index lies outside the matrix.")
        case .lengthMismatch:
            Localized(de: "Die Spalten Nutzer, Artikel und Gewicht sind verschieden lang.", en: "The user, item and weight columns differ in length.")
        case .invalidParameter(let name):
            Localized(de: "Parameter \(name) liegt außerhalb des erlaubten Bereichs.", en: "Parameter \(name) is out of range.")
        case .groupsMismatch:
            Localized(de: "Die Gruppenzuordnung braucht genau einen Eintrag je Artikel.", en: "The group array needs exactly one entry per item.")
        }
    }
}
