import Foundation
import GRDB
import ObhutCore

/// Words for errors that are not Obhut's own (file system, database), without internals or
/// personal data: GRDB's messages keep statement arguments out by configuration.
public enum ErrorText {
    public static func describe(_ error: Error, in language: Language) -> String {
        if let e = error as? UserFacingError { return e.message(in: language) }
        if let e = error as? DatabaseError {
            let what =
                e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED
                ? Localized(
                    de: "Die Datenbank ist durch einen anderen Vorgang gesperrt; bitte erneut versuchen.",
                    en: "The database is locked by another operation; please try again.")
                : e.resultCode == .SQLITE_CORRUPT || e.resultCode == .SQLITE_NOTADB
                    ? Localized(
                        de: "Die Datenbankdatei ist beschädigt oder keine Obhut-Datenbank; aus einer Sicherung wiederherstellen.",
                        en: "The database file is damaged or not an Obhut database; restore from a backup.")
                    : Localized(de: "Datenbankfehler (\(e.resultCode))", en: "Database error (\(e.resultCode))")
            return what[language]
        }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            return Localized(de: "Datei-Fehler: \(ns.localizedDescription)", en: "File error: \(ns.localizedDescription)")[language]
        }
        return String(describing: error)
    }
}
