import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// Users and API tokens (admin), the same directory as `obhut user`.
///
/// - `GET /api/users` every user with role and state (no password hashes).
/// - `POST /api/users` `{"name", "role", "password"}` → 201 with the user; 409 when the name is taken.
/// - `POST /api/users/{name}/tokens` `{"label", "role"}` → 201 with the secret, shown this once
///   (stored as its SHA-256 only); the role defaults to the user's and may not exceed it.
/// - `DELETE /api/tokens/{id}` revokes a token (204; revoking twice is harmless).
enum UserRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/api/users", .api, .permission(.users), Localized(de: "Benutzer", en: "Users")),
        Endpoint(.post, "/api/users", .api, .permission(.users), Localized(de: "Benutzer anlegen", en: "Add a user")),
        Endpoint(
            .post, "/api/users/{name}/tokens", .api, .permission(.users),
            Localized(de: "API-Token erzeugen (einmal angezeigt)", en: "Create an API token (shown once)")),
        Endpoint(.delete, "/api/tokens/{id}", .api, .permission(.users), Localized(de: "API-Token widerrufen", en: "Revoke an API token")),
    ]

    struct Users: Codable { var users: [UserAccount] }
    struct NewUser: Codable {
        var name: String
        var role: Role
        var password: String
    }
    struct NewToken: Codable {
        var label: String?
        var role: Role?
    }
    struct Token: Codable {
        var id: Int64
        var user: String
        var role: Role
        var label: String
        /// The bearer secret: shown this once, stored only as its hash.
        var secret: String
    }

    static let nameBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-".utf8)

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let users = services.users
        router.get("/api/users") { _, context -> Response in
            try context.require(.users)
            return JSON.response(Users(users: try users.list()))
        }
        router.post("/api/users") { request, context -> Response in
            let principal = try context.require(.users)
            let body = try await APIInput.body(request, context: context, as: NewUser.self, fields: ["name", "role", "password"])
            // The API takes ASCII names only (what the OpenAPI pattern says), a subset of what the CLI takes.
            guard (2...64).contains(body.name.utf8.count), body.name.utf8.allSatisfy({ Self.nameBytes.contains($0) }) else {
                throw APIError.badRequest(
                    Localized(
                        de: "Ungültiger Benutzername: 2-64 Zeichen aus A-Z, a-z, 0-9, . _ -",
                        en: "Invalid user name: 2-64 characters from A-Z, a-z, 0-9, . _ -"), code: "invalid_body")
            }
            guard body.password.count <= 1024 else {
                throw APIError.badRequest(Localized(de: "Das Passwort ist zu lang.", en: "The password is too long."), code: "invalid_body")
            }
            let account = try DomainErrors.map { try users.add(name: body.name, role: body.role, password: body.password, actor: principal.actor) }
            return JSON.response(account, status: .created)
        }
        router.post("/api/users/{name}/tokens") { request, context -> Response in
            let principal = try context.require(.users)
            let name = try context.parameters.require("name")
            let body = try await APIInput.body(request, context: context, as: NewToken.self, fields: ["label", "role"])
            let label = try APIInput.text(body.label, field: "label", max: 80, required: false) ?? "api"
            guard let user = try users.user(named: name) else { throw APIError.notFound }
            let role = body.role ?? user.role
            let (id, secret) = try DomainErrors.map { try users.createToken(user: name, label: label, role: role, actor: principal.actor) }
            return JSON.response(Token(id: id, user: name, role: role, label: label, secret: secret), status: .created)
        }
        router.delete("/api/tokens/{id}") { _, context -> Response in
            let principal = try context.require(.users)
            guard let id = Int64(try context.parameters.require("id")), id > 0 else { throw APIError.notFound }
            guard try users.tokens().contains(where: { $0.id == id }) else { throw APIError.notFound }
            try users.revokeToken(id: id, actor: principal.actor)
            return Response(status: .noContent)
        }
    }
}
