import Foundation
import ObhutCore

@testable import Obhut

/// A fresh workspace in a temporary folder, with a fixed clock (2026-11-01 12:00 UTC).
func makeWorkspace(file: String = #fileID) throws -> Workspace {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-test-\(UUID().uuidString)")
    return try Workspace.create(at: dir, clock: { fixedNow }, environment: [:])
}

let fixedNow = Date(timeIntervalSince1970: 1_793_534_400)  // 2026-11-01T12:00:00Z

/// Writes `text` (or raw bytes) to a file in a fresh temporary folder and returns its URL.
func writeFixture(_ name: String, _ text: String) throws -> URL {
    try writeFixture(name, bytes: Array(text.utf8))
}

func writeFixture(_ name: String, bytes: [UInt8]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("obhut-fixture-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

/// Invented people only.
let customersCSV = """
    customer_id,first_name,last_name,email,phone,street,postal_code,city,country,created_at
    C1,Erika,Musterfrau,erika.musterfrau@example.de,+49 170 1234567,Beispielweg 1,10115,Berlin,DE,2024-01-15
    C2,Max,Mustermann,max.mustermann@example.de,0171 7654321,Musterstraße 2,80331,München,Deutschland,15.02.2024
    C3,Jane,Doe,jane.doe@example.com,,,,,GB,2024-03-01T10:00:00Z

    """

let productsCSV = """
    product_id;name;category;price;currency
    P1;Gartenschere;Garten;24,99;EUR
    P2;Kaffeebohnen 1 kg;Kaffee;18,50;EUR

    """
