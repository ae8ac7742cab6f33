import Crypto
import Foundation
import GRDB
import HummingbirdBcrypt
import Obhut
import ObhutCore
import ObhutStore
import Synchronization

/// A person who may sign in, as the server sees them after sign-in (no password hash).
public struct UserAccount: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: Date
    public var disabled: Bool
    public var lockedUntil: Date?
}

/// Who makes a request: a signed-in user (session) or an API token, with the role that applies.
public struct Principal: Sendable, Equatable {
    public enum Via: Sendable, Equatable {
        case session(csrf: String)
        case token(id: Int64)
    }
    public var user: UserAccount
    /// The role in force: the user's, or the token's lesser one.
    public var role: Role
    public var via: Via

    public func may(_ p: Permission) -> Bool { role.permissions.contains(p) }
    public var actor: Actor {
        switch via {
        case .session: Actor(name: "user:" + user.name, role: role.rawValue)
        case .token(let id): Actor(name: "token:\(id):" + user.name, role: role.rawValue)
        }
    }
}

public enum AccountError: Error, Equatable, Sendable {
    case invalidName
    case nameTaken
    case weakPassword(minimum: Int)
    case unknownUser
    case tokenRoleTooHigh
}

extension AccountError: UserFacingError {
    public func message(in l: Language) -> String {
        switch self {
        case .invalidName:
            Localized(
                de: "Ungültiger Benutzername: 2-64 Zeichen aus Buchstaben, Ziffern, . _ -, höchstens sechs Ziffern in Folge, "
                    + "auch mit - dazwischen (der Name steht in jedem Eintrag des Zugriffsprotokolls, und das nimmt keine Nummern auf, "
                    + "die eine Telefon- oder Kontonummer sein könnten)",
                en: "Invalid user name: 2-64 characters from letters, digits, . _ -, at most six digits in a row, also with - "
                    + "between them (the name goes into every audit log entry, which takes no numbers that could be a phone or "
                    + "account number)")[l]
        case .nameTaken: Localized(de: "Diesen Benutzernamen gibt es schon.", en: "That user name is taken.")[l]
        case .weakPassword(let m):
            Localized(de: "Das Passwort muss mindestens \(m) Zeichen haben.", en: "The password needs at least \(m) characters.")[l]
        case .unknownUser: Localized(de: "Unbekannter Benutzer.", en: "Unknown user.")[l]
        case .tokenRoleTooHigh:
            Localized(
                de: "Ein Token kann höchstens die Rechte seines Benutzers haben.", en: "A token can have at most its user's permissions.")[l]
        }
    }
}

/// Users, their passwords (bcrypt), API tokens (SHA-256 of a random secret, shown once) and
/// browser sessions, stored in the workspace database. CLI (`obhut user`) and server share it.
///
/// Failed sign-ins: after `maxFailures` in a row the account is locked for `lockout`; the
/// answer to a wrong password and to an unknown user is the same (no user enumeration), and an
/// unknown user still pays for one bcrypt verification so timing does not tell them apart.
public struct UserDirectory: Sendable {
    public let workspace: Workspace
    public var bcryptCost: UInt8
    public var maxFailures = 5
    public var lockout: TimeInterval = 15 * 60
    public var sessionLifetime: TimeInterval = 8 * 3_600
    public static let minimumPasswordLength = 10
    /// API tokens' principals, confirmed by the database at most a second ago (see
    /// `PrincipalCache` for the revocation bound). Shared by copies of this directory; every
    /// change of a user or token made through them empties it.
    let principals: PrincipalCache<SHA256.Digest>

    public init(workspace: Workspace, bcryptCost: UInt8 = 12, tokenCacheAge: Duration = .seconds(1)) {
        self.workspace = workspace
        self.bcryptCost = bcryptCost
        self.principals = PrincipalCache(maxAge: tokenCacheAge)
    }

    private var db: DatabasePool { workspace.store.writer }
    private var now: Date { workspace.clock() }

    // MARK: users

    @discardableResult
    public func add(name: String, role: Role, password: String, actor: Actor = .cli) throws -> UserAccount {
        guard Self.validName(name) else { throw AccountError.invalidName }
        guard password.count >= Self.minimumPasswordLength else { throw AccountError.weakPassword(minimum: Self.minimumPasswordLength) }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        let at = now
        let id: Int64 = try db.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM app_user WHERE name = ?", arguments: [name]) != nil { throw AccountError.nameTaken }
            try db.execute(
                sql: "INSERT INTO app_user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, hash, Int64(at.timeIntervalSince1970)])
            return db.lastInsertedRowID
        }
        try workspace.audit(actor: actor, action: "user.add", count: 0, reason: "role=\(role.rawValue)")
        return UserAccount(id: id, name: name, role: role, createdAt: at, disabled: false, lockedUntil: nil)
    }

    public func list() throws -> [UserAccount] {
        try db.read { db in try Row.fetchAll(db, sql: "SELECT * FROM app_user ORDER BY name").compactMap(Self.account) }
    }

    public func user(named name: String) throws -> UserAccount? {
        try db.read { db in try Row.fetchOne(db, sql: "SELECT * FROM app_user WHERE name = ?", arguments: [name]).flatMap(Self.account) }
    }

    public func setPassword(name: String, password: String, actor: Actor = .cli) throws {
        guard password.count >= Self.minimumPasswordLength else { throw AccountError.weakPassword(minimum: Self.minimumPasswordLength) }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        try db.write { db in
            try db.execute(
                sql: "UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE name = ?", arguments: [hash, name])
            guard db.changesCount == 1 else { throw AccountError.unknownUser }
            // A new password ends every session of the user.
            try db.execute(sql: "DELETE FROM web_session WHERE user_id = (SELECT id FROM app_user WHERE name = ?)", arguments: [name])
        }
        principals.removeAll()
        try workspace.audit(actor: actor, action: "user.password", count: 0)
    }

    public func setDisabled(name: String, _ disabled: Bool, actor: Actor = .cli) throws {
        try db.write { db in
            try db.execute(sql: "UPDATE app_user SET disabled = ? WHERE name = ?", arguments: [disabled ? 1 : 0, name])
            guard db.changesCount == 1 else { throw AccountError.unknownUser }
            if disabled {
                try db.execute(sql: "DELETE FROM web_session WHERE user_id = (SELECT id FROM app_user WHERE name = ?)", arguments: [name])
            }
        }
        principals.removeAll()
        try workspace.audit(actor: actor, action: disabled ? "user.disable" : "user.enable", count: 0)
    }

    // MARK: sign-in

    public enum SignInResult: Sendable, Equatable {
        case success(UserAccount)
        case invalid
        case locked(until: Date)
    }

    /// Checks a password. Counts failures and locks the account after `maxFailures`.
    public func verify(name: String, password: String) throws -> SignInResult {
        let at = now
        let row = try db.read { db in try Row.fetchOne(db, sql: "SELECT * FROM app_user WHERE name = ?", arguments: [name]) }
        guard let row, let account = Self.account(row) else {
            _ = Bcrypt.verify(password, hash: Self.dummyHash)
            try workspace.audit(actor: Actor(name: "anonymous", role: "none"), action: "signin.failed", count: 0)
            return .invalid
        }
        if let until = account.lockedUntil, until > at { return .locked(until: until) }
        let hash: String = row["password_hash"]
        guard !account.disabled, Bcrypt.verify(password, hash: hash) else {
            let failures: Int = (row["failed_logins"] as Int? ?? 0) + 1
            let lock = failures >= maxFailures ? at.addingTimeInterval(lockout) : nil
            try db.write { db in
                try db.execute(
                    sql: "UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?",
                    arguments: [lock == nil ? failures : 0, lock.map { Int64($0.timeIntervalSince1970) }, account.id])
            }
            principals.removeAll()  // principals carry the lock state
            try workspace.audit(
                actor: Actor(name: "user:" + account.name, role: account.role.rawValue), action: lock == nil ? "signin.failed" : "signin.locked",
                count: 0)
            if let lock { return .locked(until: lock) }
            return .invalid
        }
        try db.write { db in try db.execute(sql: "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ?", arguments: [account.id]) }
        if account.lockedUntil != nil { principals.removeAll() }
        return .success(account)
    }

    /// Starts a session for a user who just signed in: a new random id every time (so a session
    /// id planted before sign-in is worthless), stored as its hash, with its own CSRF token.
    public func startSession(for user: UserAccount) throws -> (cookie: String, csrf: String) {
        let id = Self.randomToken(bytes: 32), csrf = Self.randomToken(bytes: 24)
        let at = now
        try db.write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at < ?", arguments: [Int64(at.timeIntervalSince1970)])
            try db.execute(
                sql: "INSERT INTO web_session (id_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    Self.sha256(id), user.id, csrf, Int64(at.timeIntervalSince1970),
                    Int64(at.addingTimeInterval(sessionLifetime).timeIntervalSince1970),
                ])
        }
        try workspace.audit(actor: Actor(name: "user:" + user.name, role: user.role.rawValue), action: "signin", count: 0)
        return (id, csrf)
    }

    /// The principal of a session cookie, if the session exists, has not expired and its user is enabled.
    public func principal(sessionCookie id: String) throws -> Principal? {
        let at = Int64(now.timeIntervalSince1970)
        return try workspace.store.singleStatementRead { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT u.*, s.csrf AS session_csrf FROM web_session s JOIN app_user u ON u.id = s.user_id
                            WHERE s.id_hash = ? AND s.expires_at >= ? AND u.disabled = 0
                            """), arguments: [Self.sha256(id), at]),
                let user = Self.account(row)
            else { return nil }
            return Principal(user: user, role: user.role, via: .session(csrf: row["session_csrf"]))
        }
    }

    public func endSession(cookie id: String) throws {
        try db.write { db in try db.execute(sql: "DELETE FROM web_session WHERE id_hash = ?", arguments: [Self.sha256(id)]) }
    }

    // MARK: tokens

    /// Creates an API token for a user, limited to `role` (at most the user's). Returns the secret,
    /// which is shown this once and stored only as its SHA-256.
    public func createToken(user name: String, label: String, role: Role? = nil, actor: Actor = .cli) throws -> (id: Int64, secret: String) {
        guard let user = try user(named: name) else { throw AccountError.unknownUser }
        let tokenRole = role ?? user.role
        guard user.role.covers(tokenRole) else { throw AccountError.tokenRoleTooHigh }
        let secret = "obh_" + Self.randomToken(bytes: 32)
        let id: Int64 = try db.write { db in
            try db.execute(
                sql: "INSERT INTO api_token (user_id, label, token_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [user.id, String(label.prefix(80)), Self.sha256(secret), tokenRole.rawValue, Int64(now.timeIntervalSince1970)])
            return db.lastInsertedRowID
        }
        try workspace.audit(actor: actor, action: "token.create", count: 0, reason: "token=\(id) role=\(tokenRole.rawValue)")
        return (id, secret)
    }

    public func revokeToken(id: Int64, actor: Actor = .cli) throws {
        try db.write { db in
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [Int64(now.timeIntervalSince1970), id])
        }
        principals.removeAll()
        try workspace.audit(actor: actor, action: "token.revoke", count: 0, reason: "token=\(id)")
    }

    public struct TokenInfo: Sendable, Codable, Equatable {
        public var id: Int64
        public var user: String
        public var label: String
        public var role: Role
        public var createdAt: Date
        public var lastUsedAt: Date?
        public var revoked: Bool
    }

    public func tokens() throws -> [TokenInfo] {
        try db.read { db in
            try Row.fetchAll(db, sql: "SELECT t.*, u.name AS user_name FROM api_token t JOIN app_user u ON u.id = t.user_id ORDER BY t.id").compactMap
            {
                row in
                guard let role = Role(rawValue: row["role"]) else { return nil }
                return TokenInfo(
                    id: row["id"], user: row["user_name"], label: row["label"], role: role,
                    createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
                    lastUsedAt: (row["last_used_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    revoked: (row["revoked_at"] as Int64?) != nil)
            }
        }
    }

    /// The principal of a bearer token, if it exists, is not revoked and its user is enabled.
    /// The principal of an API token, nil for an unknown, revoked or malformed one or a
    /// disabled user. Served from `principals` when the database confirmed the token less than
    /// `tokenCacheAge` ago (see `PrincipalCache` for when a revocation counts).
    public func principal(token secret: String) throws -> Principal? {
        guard secret.utf8.count < 200, secret.hasPrefix("obh_") else { return nil }
        // The digest's bytes are the cache's key; its hex text (as stored) only for the database.
        let digest = SHA256.hash(data: Array(secret.utf8))
        if let cached = principals.principal(tokenHash: digest) { return cached }
        let hash = Hex.string(digest)
        let generation = principals.generation, confirmedAt = ContinuousClock.now
        let found: Principal? = try workspace.store.singleStatementRead { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT u.*, t.id AS token_id, t.role AS token_role FROM api_token t JOIN app_user u ON u.id = t.user_id
                            WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0
                            """), arguments: [hash]),
                let user = Self.account(row), let role = Role(rawValue: row["token_role"])
            else { return nil }
            // A token never outranks its user, even if the user's role was lowered later.
            return Principal(user: user, role: user.role.covers(role) ? role : user.role, via: .token(id: row["token_id"]))
        }
        principals.store(tokenHash: digest, found, generation: generation, confirmedAt: confirmedAt)
        return found
    }

    // MARK: helpers

    /// 2-64 letters, digits and `. _ -`, and nothing the audit log would refuse as personal data
    /// (seven or more digits in a row): the name is the actor of every audit entry its user
    /// causes, so such a name made every read of that user fail.
    static func validName(_ name: String) -> Bool {
        (2...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }
            && (try? AuditGuard.check([("actor", name)])) != nil
    }

    static func account(_ row: Row) -> UserAccount? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return UserAccount(
            id: row["id"], name: row["name"], role: role, createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
            disabled: (row["disabled"] as Int64) != 0,
            lockedUntil: (row["locked_until"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    static func randomToken(bytes: Int) -> String {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8))
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ s: String) -> String { Hex.string(SHA256.hash(data: Data(s.utf8))) }

    /// A bcrypt hash of a random password, so an unknown user costs as much as a known one.
    static let dummyHash = Bcrypt.hash(randomToken(bytes: 16), cost: 12)
}

extension UserDirectory {
    /// Notes the last use of a token, at most once a minute per token (`throttle` remembers
    /// when), so a busy API client does not turn every read into a write.
    func touchToken(_ principal: Principal, throttle: TokenTouches) {
        guard case .token(let id) = principal.via else { return }
        let at = now
        guard throttle.due(id, at: at) else { return }
        try? db.write { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [Int64(at.timeIntervalSince1970), id])
        }
    }
}

/// When each token's last use was written down (in memory).
final class TokenTouches: Sendable {
    private let last = Mutex<[Int64: Date]>([:])

    func due(_ id: Int64, at: Date) -> Bool {
        last.withLock { map in
            if let previous = map[id], at.timeIntervalSince(previous) < 60 { return false }
            map[id] = at
            return true
        }
    }
}
