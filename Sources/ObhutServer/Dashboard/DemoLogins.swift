import Foundation
import ObhutCore

/// Sign-ins for the demo shop: one user per role (`demo-admin`, `demo-dpo`, ...), so a newcomer
/// can see how the dashboard changes with the role.
///
/// All demo users share one random password, generated here and shown once by `obhut demo`
/// (there is no fixed demo password that could be tried against a demo left running). Users
/// that already exist are left as they are; the password is then nil for them.
public enum DemoLogins {
    public struct Result: Sendable, Equatable {
        /// The users created now, in role order.
        public var created: [String]
        /// The password of the users created now; nil when none was created.
        public var password: String?
    }

    public static func name(for role: Role) -> String { "demo-" + role.rawValue }

    /// Creates the missing demo users with a fresh random password.
    public static func ensure(in users: UserDirectory) throws -> Result {
        var missing: [Role] = []
        for role in Role.allCases where try users.user(named: name(for: role)) == nil { missing.append(role) }
        guard !missing.isEmpty else { return Result(created: [], password: nil) }
        var rng = SystemRandomNumberGenerator()
        let password = randomPassword(using: &rng)
        for role in missing { _ = try users.add(name: name(for: role), role: role, password: password) }
        return Result(created: missing.map(name(for:)), password: password)
    }

    /// Four groups of four letters and digits without look-alikes (no 0/O, 1/l/I): about 79 bits.
    public static func randomPassword<R: RandomNumberGenerator>(using rng: inout R) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return (0..<4).map { _ in String((0..<4).map { _ in alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))] }) }
            .joined(separator: "-")
    }

    /// What `obhut demo` prints after the shop: how to start the server and sign in.
    public static func instructions(_ result: Result, directory: String, port: Int, serving: Bool, in l: Language) -> String {
        let users = Role.allCases.map(name(for:)).joined(separator: ", ")
        let password =
            result.password.map {
                Localized(
                    de: "  Passwort aller Demo-Benutzer (wird nur jetzt angezeigt): \($0)",
                    en: "  Password of every demo user (shown only now): \($0)")[l]
            }
            ?? Localized(
                de: "  Die Demo-Benutzer gab es schon; neues Passwort: obhut user password demo-admin --dir \(directory)",
                en: "  The demo users existed already; new password: obhut user password demo-admin --dir \(directory)")[l]
        let start =
            serving
            ? Localized(
                de: "  Der Server startet jetzt: http://127.0.0.1:\(port)/ (Strg-C beendet)",
                en: "  The server starts now: http://127.0.0.1:\(port)/ (Ctrl-C stops)")[l]
            : Localized(
                de: "  obhut serve --dir \(directory)\(port == 8080 ? "" : " --port \(port)")   # dann http://127.0.0.1:\(port)/ öffnen",
                en: "  obhut serve --dir \(directory)\(port == 8080 ? "" : " --port \(port)")   # then open http://127.0.0.1:\(port)/")[l]
        return [
            Localized(de: "Dashboard:", en: "Dashboard:")[l],
            start,
            Localized(de: "  Benutzer, einer je Rolle: \(users)", en: "  Users, one per role: \(users)")[l],
            password,
        ].joined(separator: "\n")
    }
}
