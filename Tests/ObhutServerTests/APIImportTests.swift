import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Obhut
import ObhutCore
import Testing

@testable import ObhutServer

/// Creating customers and uploading imports over the API: same validation as `obhut import`,
/// rejections as `upload:LINE: field: reason` without values, the size limit, no file left behind.
@Suite("API imports")
struct APIImportTests {
    @Test func createsOneCustomerAndRefusesTheSameIdTwice() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            let body = ByteBuffer(string: #"{"customer_id":"API-1","first_name":"Erika","email":"erika@example.org","city":"Kassel"}"#)
            try await client.execute(uri: "/api/customers", method: .post, headers: f.bearer(.admin), body: body) { r in
                #expect(r.status == .created)
                #expect(object(r.body)["id"] as? String == "API-1")
            }
            #expect(try f.workspace.store.customer(id: "API-1")?.personal.city == "Kassel")
            #expect(try await client.status("/api/customers", .post, headers: f.bearer(.admin), body: body) == .conflict)
        }
    }

    @Test func anInvalidCustomerIs422WithLineAndFieldButNotTheValue() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            let body = ByteBuffer(string: #"{"customer_id":"API-2","email":"kein-at-zeichen.example","birth_date":"31.02.1990"}"#)
            try await client.execute(uri: "/api/customers", method: .post, headers: f.bearer(.admin), body: body) { r in
                #expect(r.status == .unprocessableContent)
                let details = object(r.body)["details"] as? [String] ?? []
                #expect(!details.isEmpty)
                for d in details {
                    #expect(d.hasPrefix("upload:1: "), "\(d)")
                    #expect(!d.contains("kein-at-zeichen") && !d.contains("31.02.1990"))
                }
            }
            #expect(try f.workspace.store.customer(id: "API-2") == nil)
        }
        #expect(try leftovers(f).isEmpty)
    }

    @Test func importsACSVFileAndJSONLines() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        try await f.app().test(.router) { client in
            var headers = f.bearer(.admin)
            headers[.contentType] = "text/csv"
            let csv = "Kundennummer;E-Mail;Ort\nCSV-1;eins@example.org;Köln\nCSV-2;zwei@example.org;Bonn\n"
            try await client.execute(uri: "/api/imports/customers", method: .post, headers: headers, body: ByteBuffer(string: csv)) { r in
                #expect(r.status == .ok)
                let report = object(r.body)
                #expect(report["rowsImported"] as? Int == 2)
                #expect(report["file"] as? String == "upload")
            }
            headers[.contentType] = "application/x-ndjson"
            let lines = #"{"customer_id":"JL-1","email":"jl@example.org"}"# + "\n"
            try await client.execute(uri: "/api/imports/customers", method: .post, headers: headers, body: ByteBuffer(string: lines)) { r in
                #expect(r.status == .ok)
                #expect(object(r.body)["rowsImported"] as? Int == 1)
            }
        }
        #expect(try f.workspace.store.customer(id: "CSV-2") != nil)
        #expect(try f.workspace.store.customer(id: "JL-1") != nil)
        #expect(try leftovers(f).isEmpty)
    }

    @Test func aRejectedFileImportsNothingUnlessSkipInvalid() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let csv = "customer_id,email\nBAD-1,ok@example.org\nBAD-2,not-an-address\n"
        try await f.app().test(.router) { client in
            var headers = f.bearer(.admin)
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/api/imports/customers", method: .post, headers: headers, body: ByteBuffer(string: csv)) { r in
                #expect(r.status == .unprocessableContent)
                #expect((object(r.body)["error"] as? [String: Any])?["code"] as? String == "rejected_rows")
                #expect((object(r.body)["details"] as? [String])?.first?.hasPrefix("upload:3: email") == true)
            }
            #expect(try f.workspace.store.customer(id: "BAD-1") == nil)
            try await client.execute(uri: "/api/imports/customers?skipInvalid=true", method: .post, headers: headers, body: ByteBuffer(string: csv)) {
                r in
                #expect(r.status == .ok)
                #expect(object(r.body)["rowsImported"] as? Int == 1)
                #expect(object(r.body)["rowsRejected"] as? Int == 1)
            }
            #expect(try f.workspace.store.customer(id: "BAD-1") != nil)
        }
        #expect(try leftovers(f).isEmpty)
    }

    @Test func anUploadAboveTheLimitIs413() async throws {
        let f = try APIFixture()
        defer { f.remove() }
        let services = ServerServices(workspace: f.workspace, configuration: .init(maxImportBytes: 64), bcryptCost: 4)
        var h = f.bearer(.admin)
        h[.contentType] = "text/csv"
        let headers = h
        try await ObhutServer.application(services).test(.router) { client in
            let csv = "customer_id,email\n" + (1...10).map { "BIG-\($0),big\($0)@example.org" }.joined(separator: "\n")
            let tooLarge = try await client.status("/api/imports/customers", .post, headers: headers, body: csv)
            let unknown = try await client.status("/api/imports/nothing", .post, headers: headers, body: "x")
            let badFormat = try await client.status("/api/imports/customers?format=excel", .post, headers: headers, body: "x")
            #expect(tooLarge == .contentTooLarge)
            #expect(unknown == .notFound)
            #expect(badFormat == .badRequest)
        }
        #expect(try leftovers(f).isEmpty)
    }

    /// Upload files (and files of rejected rows) left in the workspace folder.
    func leftovers(_ f: APIFixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: f.workspace.directory.path).filter { $0.hasPrefix(".upload-") }
    }
}
