import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore

@testable import ObhutServer

/// A fresh workspace with a few invented customers and one user per role (password
/// "password-<role>"), bcrypt cost 4 so tests stay quick.
struct ServerFixture {
    let directory: URL
    let services: ServerServices
    var workspace: Workspace { services.workspace }

    init(customers: Int = 40, threshold: Int = 200) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-server-\(UUID().uuidString)")
        let ws = try Workspace.create(at: directory)
        _ = try DemoRunner(workspace: ws).run(seed: 7, customers: customers, asOf: Date(timeIntervalSince1970: 1_790_000_000))
        services = ServerServices(workspace: ws, configuration: .init(accessAlertPeoplePerHour: threshold), bcryptCost: 4)
        for role in Role.allCases { try services.users.add(name: role.rawValue, role: role, password: "password-\(role.rawValue)") }
    }

    func app() -> some ApplicationProtocol { ObhutServer.application(services) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A signed-in client: the session cookie and CSRF token of one role.
struct Session {
    var cookie: String
    var csrf: String

    var headers: HTTPFields {
        var h = HTTPFields()
        h[.cookie] = "obhut_session=" + cookie
        return h
    }

    func writeHeaders(json: Bool = true) -> HTTPFields {
        var h = headers
        h[HTTPField.Name("X-CSRF-Token")!] = csrf
        if json { h[.contentType] = "application/json" }
        return h
    }
}

extension TestClientProtocol {
    func signIn(_ name: String, password: String? = nil) async throws -> Session {
        let body = try JSONEncoder().encode(["name": name, "password": password ?? "password-\(name)"])
        return try await execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body)) {
            response in
            guard response.status == .ok, let setCookie = response.headers[.setCookie],
                let value = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last
            else { throw TestError.signInFailed(response.status.code) }
            let me = try JSONDecoder().decode(SessionRoutes.Me.self, from: Data(buffer: response.body))
            return Session(cookie: String(value), csrf: me.csrf ?? "")
        }
    }
}

enum TestError: Error { case signInFailed(Int) }

func json<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
    let d = JSONDecoder()
    d.dateDecodingStrategy = .iso8601
    return try d.decode(type, from: Data(buffer: buffer))
}
