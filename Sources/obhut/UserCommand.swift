import ArgumentParser
import Foundation
import Obhut
import ObhutCore
import ObhutServer

#if canImport(Glibc)
    import Glibc
#endif

extension Role: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "People who sign in to the server, their roles and API tokens. / Benutzer, Rollen und API-Token des Servers.",
        discussion: """
            Roles: admin, dpo, analyst, marketing, sales, support (see README "Roles"). The password is asked for on the terminal, or read from the first line of standard input with --password-stdin.
            Rollen: admin, dpo, analyst, marketing, sales, support (README „Rollen“). Das Passwort wird am Terminal abgefragt oder mit --password-stdin aus der ersten Zeile der Standardeingabe gelesen.
            """,
        subcommands: [Add.self, List.self, Password.self, Disable.self, Enable.self, Token.self, RevokeToken.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user with a role, e.g. the first admin.")
        @Argument(help: "User name: 2-64 letters, digits, . _ -, at most six digits in a row.") var name: String
        @Option(help: "Role: admin, dpo, analyst, marketing, sales, support.") var role: Role
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let users = UserDirectory(workspace: try global.openWorkspace())
            let password = try readPassword(stdin: passwordStdin, language: global.language)
            let user = try users.add(name: name, role: role, password: password)
            print(
                Localized(
                    de: "Benutzer \(user.name) angelegt, Rolle \(user.role.rawValue). Anmelden: obhut serve, dann http://127.0.0.1:8080/login",
                    en: "User \(user.name) added, role \(user.role.rawValue). Sign in: obhut serve, then http://127.0.0.1:8080/login")[
                        global.language])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users and API tokens.")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let users = UserDirectory(workspace: try global.openWorkspace())
            let all = try users.list(), tokens = try users.tokens()
            if json {
                struct Out: Encodable {
                    var users: [UserAccount]
                    var tokens: [UserDirectory.TokenInfo]
                }
                try printJSON(Out(users: all, tokens: tokens))
                return
            }
            let l = global.language
            if all.isEmpty {
                print(Localized(de: "Noch keine Benutzer. obhut user add NAME --role admin", en: "No users yet. obhut user add NAME --role admin")[l])
            }
            for u in all {
                let state = u.disabled ? Localized(de: " (gesperrt)", en: " (disabled)")[l] : ""
                print("\(u.name)\t\(u.role.rawValue)\t\(u.role.title[l])\(state)")
            }
            for t in tokens where !t.revoked {
                print(
                    Localized(
                        de: "Token \(t.id): \(t.user), \(t.role.rawValue), „\(t.label)“",
                        en: "Token \(t.id): \(t.user), \(t.role.rawValue), \"\(t.label)\"")[l])
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Set a new password (ends the user's sessions).")
        @Argument(help: "User name.") var name: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let users = UserDirectory(workspace: try global.openWorkspace())
            try users.setPassword(name: name, password: try readPassword(stdin: passwordStdin, language: global.language))
            print(Localized(de: "Passwort geändert; alle Sitzungen beendet.", en: "Password changed; all sessions ended.")[global.language])
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a user (ends sessions, tokens stop working).")
        @Argument(help: "User name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try UserDirectory(workspace: try global.openWorkspace()).setDisabled(name: name, true)
            print(Localized(de: "Benutzer \(name) gesperrt.", en: "User \(name) disabled.")[global.language])
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled user again.")
        @Argument(help: "User name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try UserDirectory(workspace: try global.openWorkspace()).setDisabled(name: name, false)
            print(Localized(de: "Benutzer \(name) entsperrt.", en: "User \(name) enabled.")[global.language])
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token", abstract: "Create an API token for a user, limited to a role (shown once, stored hashed).")
        @Argument(help: "User name.") var name: String
        @Option(help: "What the token is for (shown in lists).") var label: String
        @Option(help: "Role of the token (at most the user's; default: the user's).") var role: Role?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (id, secret) = try UserDirectory(workspace: try global.openWorkspace()).createToken(user: name, label: label, role: role)
            let l = global.language
            print(Localized(de: "Token \(id) (nur jetzt angezeigt, sicher aufbewahren):", en: "Token \(id) (shown only now, keep it safe):")[l])
            print(secret)
            print(Localized(de: "Verwenden: Authorization: Bearer TOKEN", en: "Use: Authorization: Bearer TOKEN")[l])
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-token", abstract: "Revoke an API token by its number.")
        @Argument(help: "Token number (from obhut user list).") var id: Int64
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try UserDirectory(workspace: try global.openWorkspace()).revokeToken(id: id)
            print(Localized(de: "Token \(id) widerrufen.", en: "Token \(id) revoked.")[global.language])
        }
    }
}

/// A password from the terminal (not echoed, asked twice) or from standard input's first line.
func readPassword(stdin: Bool, language l: Language) throws -> String {
    if stdin || isatty(STDIN_FILENO) == 0 {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError(Localized(de: "Kein Passwort auf der Standardeingabe.", en: "No password on standard input.")[l])
        }
        return line
    }
    guard let first = getpass(Localized(de: "Passwort: ", en: "Password: ")[l]).map({ String(cString: $0) }),
        let second = getpass(Localized(de: "Passwort wiederholen: ", en: "Repeat password: ")[l]).map({ String(cString: $0) })
    else { throw ValidationError("no terminal") }
    guard first == second else {
        throw ValidationError(Localized(de: "Die Passwörter stimmen nicht überein.", en: "The passwords do not match.")[l])
    }
    return first
}
