import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ObhutServer

/// `/openapi.json` stays true to the server: the same paths and methods as the catalog's API
/// endpoints, each described, with the right security.
@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func pathsAndMethodsEqualTheCatalogsAPIEndpoints() async throws {
        let f = try ServerFixture(customers: 5)
        defer { f.remove() }
        try await f.app().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { r in
                #expect(r.status == .ok)
                let doc = object(r.body)
                #expect(doc["openapi"] as? String == "3.1.0")
                let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
                var documented = Set<String>()
                for (path, ops) in paths { for method in ops.keys { documented.insert(method.uppercased() + " " + path) } }
                let catalog = Set(EndpointCatalog.all.filter { $0.kind == .api }.map { $0.method.rawValue + " " + $0.path })
                #expect(documented == catalog)
                let schemes = ((doc["components"] as? [String: Any])?["securitySchemes"] as? [String: Any])?.keys.sorted()
                #expect(schemes == ["bearerAuth", "cookieAuth"])
            }
        }
    }

    @Test func everyAPIEndpointHasItsOwnDescriptionAndOpenOnesNeedNoSecurity() throws {
        for e in EndpointCatalog.all where e.kind == .api {
            #expect(EndpointDoc.all[EndpointDoc.key(e.method, e.path)] != nil, "no EndpointDoc for \(e.method) \(e.path)")
            let op = OpenAPIDocument.operation(e)
            if e.access == .open { #expect(op["security"] == .array([])) } else { #expect(op["responses"]?["401"] != nil) }
            if case .permission = e.access { #expect(op["responses"]?["403"] != nil) }
        }
        // No description for a route that does not exist.
        let keys = Set(EndpointCatalog.all.filter { $0.kind == .api }.map { EndpointDoc.key($0.method, $0.path) })
        #expect(Set(EndpointDoc.all.keys).subtracting(keys).isEmpty)
    }
}
