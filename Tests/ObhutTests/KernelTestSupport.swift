import Foundation
import ObhutCore
import ObhutImport
import ObhutStore

@testable import Obhut

/// A small analysis for kernel tests: the number of order lines per person in scope. It tests
/// the kernel's plumbing (scope in, results out), not an algorithm.
struct OrderCountAnalysis: Analysis {
    let modelVersion = "test-order-count-1"
    let kind: String

    func run(scope: Scope, seed: UInt64) throws -> AnalysisOutput {
        var counts = [Int](repeating: 0, count: scope.people.count)
        for p in scope.orders?.person ?? [] { counts[Int(p)] += 1 }
        return AnalysisOutput(
            perPerson: counts.enumerated().map { i, n in
                PersonResult(
                    person: Int32(i), kind: kind, valueJSON: "{\"lines\":\(n)}",
                    explanation: Explanation(summary: Localized(de: "\(n) Positionen", en: "\(n) lines")))
            })
    }
}

/// A seeded random workspace: customers with invented names, orders, consents, restrictions.
struct RandomShop {
    var rng: SplitMix
    let customers: Int

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    init(seed: UInt64, customers: Int) {
        rng = SplitMix(state: seed)
        self.customers = customers
    }

    /// Writes the CSV files and imports them; approves every activity.
    mutating func populate(_ ws: Workspace) throws {
        var c = "customer_id,first_name,last_name,email,phone,postal_code,country\n"
        for i in 0..<customers {
            c +=
                "K\(i),Vorname\(i),Zufall\(rng.next() % 100_000)x\(i),kunde\(i).\(rng.next() % 1000)@example.de,+49 170 \(1_000_000 + Int(rng.next() % 8_999_999)),\(10000 + i),DE\n"
        }
        var p = "product_id,name,category,price\n"
        for i in 0..<20 { p += "P\(i),Artikel \(i),\(i == 19 ? "Apotheke" : "Garten"),\(5 + i).99\n" }
        var o = "order_id,line,customer_id,product_id,quantity,unit_price,ordered_at\n"
        var k = "customer_id,purpose,granted,at\n"
        for i in 0..<customers {
            for j in 0..<Int(rng.next() % 5) {
                o += "O\(i)-\(j),1,K\(i),P\(rng.next() % 20),1,9.99,2025-0\(1 + j % 9)-1\(j % 10) 12:00\n"
            }
            for purpose in ["personalization", "marketing"] where rng.next() % 2 == 0 {
                k += "K\(i),\(purpose),yes,2025-01-01\n"
                if rng.next() % 4 == 0 { k += "K\(i),\(purpose),no,2025-06-01\n" }
            }
        }
        for (entity, name, text) in [(ImportEntity.customers, "c.csv", c), (.products, "p.csv", p), (.orders, "o.csv", o), (.consents, "k.csv", k)] {
            _ = try Importer(workspace: ws).run(ImportRequest(entity: entity, file: writeFixture(name, text)))
        }
        for a in try ws.register().activities { try ws.approve(activity: a.name, by: "DSB Test", actor: .cli) }
    }
}
