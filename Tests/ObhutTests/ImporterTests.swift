import Foundation
import ObhutCore
import ObhutImport
import ObhutStore
import Testing
@testable import Obhut

@Suite struct ImporterTests {
    @Test func importsCustomersAndProductsInGenericFormat() throws {
        let ws = try makeWorkspace()
        let r1 = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("kunden.csv", customersCSV)))
        #expect(r1.rowsImported == 3)
        #expect(r1.rowsRejected == 0)
        let r2 = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("produkte.csv", productsCSV)))
        #expect(r2.rowsImported == 2)
        let counts = try ws.store.counts()
        #expect(counts[.customers] == 3)
        #expect(counts[.products] == 2)
        let price = try ws.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT price_minor FROM product WHERE id = 'P1'") }
        #expect(price == 2499)
    }

    @Test func personalFieldsAreNotStoredInClear() throws {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("kunden.csv", customersCSV)))
        try ws.store.checkpointAndTruncateWAL()
        let bytes = try Data(contentsOf: ws.databaseURL)
        for secret in ["Musterfrau", "erika.musterfrau@example.de", "Beispielweg", "1234567"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "found \(secret) in clear")
        }
    }

    @Test func fileWithOneBadRowImportsNothing() throws {
        let ws = try makeWorkspace()
        let bad = customersCSV + "C4,Bad,Row,not-an-email,,,,,,\n"
        #expect(throws: ImportError.self) {
            try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("kunden.csv", bad)))
        }
        #expect(try ws.store.counts()[.customers] == 0)
        let runs = try ws.store.recentImports()
        #expect(runs.first?.status == "rejected")
    }

    @Test func rejectionNamesFileLineFieldAndReasonButNotTheValue() throws {
        let ws = try makeWorkspace()
        let bad = customersCSV + "C4,Bad,Row,secret-value-not-an-email,,,,,,\n"
        do {
            _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("kunden.csv", bad)))
            Issue.record("expected a rejection")
        } catch let error as ImportError {
            let text = error.message(in: .en)
            #expect(text.contains("kunden.csv:5: email: not a valid e-mail address"), "got: \(text)")
            #expect(!text.contains("secret-value"))
        }
    }

    @Test func skipInvalidLandsGoodRowsAndWritesRejectFile() throws {
        let ws = try makeWorkspace()
        let bad = customersCSV + "C4,Bad,Row,not-an-email,,,,,,\nC1,Dup,Licate,,,,,,,\n"
        let file = try writeFixture("kunden.csv", bad)
        let report = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: file, skipInvalid: true))
        #expect(report.rowsImported == 3)
        #expect(report.rowsRejected == 2)
        let rejectURL = try #require(report.rejectFile)
        let rejects = try String(contentsOfFile: rejectURL, encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 3)  // header + 2
        #expect(rejects.contains("duplicate id"))
        #expect(try ws.store.counts()[.customers] == 3)
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let ws = try makeWorkspace()
        let customers = try writeFixture("kunden.csv", customersCSV)
        let products = try writeFixture("produkte.csv", productsCSV)
        let orders = try writeFixture("bestellungen.csv", """
            order_id,customer_id,product_id,quantity,unit_price,ordered_at
            O1,C1,P1,1,24.99,2025-05-01 10:00
            O1,C1,P2,2,18.50,2025-05-01 10:00
            O2,C2,P2,-1,18.50,2025-06-01

            """)
        for _ in 0..<2 {
            _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: customers))
            _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: products))
            _ = try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: orders))
        }
        let counts = try ws.store.counts()
        #expect(counts[.customers] == 3)
        #expect(counts[.products] == 2)
        #expect(counts[.orders] == 3)
    }

    @Test func orderLineWithUnknownCustomerOrProductIsRejected() throws {
        let ws = try makeWorkspace()
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: writeFixture("kunden.csv", customersCSV)))
        _ = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: writeFixture("produkte.csv", productsCSV)))
        let orders = try writeFixture("orders.csv", """
            order_id,line,customer_id,product_id,quantity,unit_price,ordered_at
            O1,1,C9,P1,1,24.99,2025-05-01
            O2,1,C1,P9,1,24.99,2025-05-01

            """)
        do {
            _ = try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: orders))
            Issue.record("expected a rejection")
        } catch let error as ImportError {
            let text = error.message(in: .en)
            #expect(text.contains("orders.csv:2: customer_id: unknown customer id"), "got: \(text)")
            #expect(text.contains("orders.csv:3: product_id: unknown product id"), "got: \(text)")
        }
        #expect(try ws.store.counts()[.orders] == 0)
    }

    @Test func missingRequiredColumnIsReportedBeforeAnyRow() throws {
        let ws = try makeWorkspace()
        let file = try writeFixture("orders.csv", "order_id,product_id\nO1,P1\n")
        #expect {
            try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: file))
        } throws: { error in
            guard case ImportError.missingColumns(let missing, _) = error else { return false }
            return missing.contains("customer_id") && missing.contains("quantity")
        }
    }

    @Test func userMappingRenamesColumns() throws {
        let ws = try makeWorkspace()
        let file = try writeFixture("k.csv", "Kd-Nr;Mail\nK1;a.b@example.de\n")
        let mapping = try writeFixture("map.txt", "customer_id = Kd-Nr\nemail: Mail\n")
        let report = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: file, mapping: mapping))
        #expect(report.rowsImported == 1)
    }

    @Test func jsonLinesImportWorks() throws {
        let ws = try makeWorkspace()
        let file = try writeFixture("products.jsonl", """
            {"product_id": "P1", "name": "Gießkanne", "price": 12.5, "category": "Garten"}
            {"product_id": "P2", "name": "Tee", "price": "4,20"}

            """)
        let report = try Importer(workspace: ws).run(ImportRequest(entity: .products, file: file))
        #expect(report.rowsImported == 2)
        let price = try ws.store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT price_minor FROM product WHERE id = 'P2'") }
        #expect(price == 420)
    }

    @Test func shopifyOrdersResolveCustomersByEmailAndCreateProducts() throws {
        let ws = try makeWorkspace()
        let customers = try writeFixture("customers_export.csv", """
            First Name,Last Name,Email,Accepts Email Marketing,Default Address City,Default Address Zip,Default Address Country Code,Phone
            Erika,Musterfrau,erika.musterfrau@example.de,yes,Berlin,10115,DE,+49 170 1234567

            """)
        let r1 = try Importer(workspace: ws).run(ImportRequest(entity: .customers, file: customers, format: .shopify))
        #expect(r1.rowsImported == 1)
        let orders = try writeFixture("orders_export.csv", """
            Name,Email,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku
            #1001,Erika.Musterfrau@example.de,EUR,2025-03-01 10:00:00 +0100,2,Gartenschere,24.99,GS-1
            #1001,erika.musterfrau@example.de,EUR,2025-03-01 10:00:00 +0100,1,Handschuhe,9.99,HS-2

            """)
        let r2 = try Importer(workspace: ws).run(ImportRequest(entity: .orders, file: orders, format: .shopify))
        #expect(r2.rowsImported == 2)
        #expect(try ws.store.counts()[.products] == 2)
        let ids = try ws.store.writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT customer_id FROM order_line") }
        #expect(ids.count == 1)
        #expect(ids.first?.contains("@") == false)
    }
}
