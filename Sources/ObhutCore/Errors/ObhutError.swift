import Foundation

/// An error a person can act on. `message(in:)` says what went wrong and how to fix it, without
/// personal data. The CLI prints it on one line and exits with code 1.
public protocol UserFacingError: Error, Sendable {
    func message(in language: Language) -> String
}

/// Problems with the workspace itself (not found, already there, key unreadable).
public enum WorkspaceError: UserFacingError, Equatable {
    case notFound(path: String)
    case alreadyExists(path: String)
    case masterKeyMissing(path: String)
    case masterKeyInvalid(reason: String)
    case masterKeyPermissions(path: String, mode: String)
    case newerSchema(found: Int, supported: Int)
    /// The key was rotated, but the new key file could not replace the old one.
    case keyFileNotReplaced(newKey: String, keyFile: String)

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.notFound(let p), .de): "Kein Arbeitsbereich in \(p). Legen Sie einen an mit: obhut init --dir \(p) (oder obhut demo)"
        case (.notFound(let p), .en): "No workspace in \(p). Create one with: obhut init --dir \(p) (or obhut demo)"
        case (.alreadyExists(let p), .de):
            "In \(p) gibt es schon einen Arbeitsbereich; nichts wurde verändert. Anderen Ordner mit --dir wählen (oder beim Demo-Shop: obhut demo --fresh)."
        case (.alreadyExists(let p), .en):
            "\(p) already holds a workspace; nothing was changed. Choose another folder with --dir (or, for the demo shop: obhut demo --fresh)."
        case (.masterKeyMissing(let p), .de): "Hauptschlüssel fehlt: \(p) (oder Umgebungsvariable OBHUT_MASTER_KEY setzen)."
        case (.masterKeyMissing(let p), .en): "Master key missing: \(p) (or set the environment variable OBHUT_MASTER_KEY)."
        case (.masterKeyInvalid(let r), .de): "Hauptschlüssel ungültig: \(r)"
        case (.masterKeyInvalid(let r), .en): "Master key invalid: \(r)"
        case (.masterKeyPermissions(let p, let m), .de): "Hauptschlüssel \(p) ist für andere lesbar (Modus \(m)); mit chmod 600 \(p) beheben."
        case (.masterKeyPermissions(let p, let m), .en): "Master key \(p) is readable by others (mode \(m)); fix with chmod 600 \(p)."
        case (.newerSchema(let f, let s), .de):
            "Der Arbeitsbereich hat Schema-Version \(f), dieses Programm kennt nur bis \(s). Bitte Obhut aktualisieren."
        case (.newerSchema(let f, let s), .en): "The workspace has schema version \(f); this program knows up to \(s). Please update Obhut."
        case (.keyFileNotReplaced(let n, let k), .de):
            "Der Schlüssel wurde getauscht, aber \(n) konnte \(k) nicht ersetzen. Nur der neue Schlüssel öffnet die Daten: \(n) sofort nach \(k) umbenennen (mv), nicht löschen."
        case (.keyFileNotReplaced(let n, let k), .en):
            "The key was rotated, but \(n) could not replace \(k). Only the new key opens the data: rename \(n) to \(k) now (mv); do not delete it."
        }
    }
}
