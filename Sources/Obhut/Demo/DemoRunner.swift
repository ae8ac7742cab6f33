import Foundation
import GRDB
import ObhutCore
import ObhutDemo
import ObhutImport
import ObhutStore

/// An analysis the demo ran: how many people (or leads) it processed; nil where it was refused.
public struct DemoRun: Sendable, Codable, Equatable {
    public var activity: String
    public var people: Int?
}

/// What `obhut demo` did.
public struct DemoReport: Sendable, Codable {
    public var directory: String
    public var seed: UInt64
    public var customers: Int
    public var counts: [String: Int]
    public var qualityScore: Int
    /// Analyses the demo ran, each with the number of people (or leads) it processed; nil where
    /// it was refused.
    public var runs: [DemoRun]
    /// Analyses that did not run, with the reason (English; the CLI shows `obhut preflight` for details).
    public var refused: [String] = []
    public var seconds: Double
    /// Of which generating, sealing and importing the shop (the rest: approvals and analyses).
    public var loadSeconds: Double = 0
    /// An invented customer to try the subject commands on.
    public var exampleCustomer: String

    public func render(in language: Language) -> String {
        let d = directory
        let e = Entity.allCases.map { "  \($0.title[language].padding(toLength: 26, withPad: " ", startingAt: 0))\(counts[$0.rawValue] ?? 0)" }
            .joined(separator: "\n")
        // What to try next, the comments aligned after the longest command.
        let commands: [(String, Localized?)] = [
            ("obhut status --dir \(d)", nil),
            ("obhut quality --dir \(d)", Localized(de: "findet die eingebauten Fehler", en: "finds the planted defects")),
            (
                "obhut register --dir \(d)",
                Localized(de: "Verzeichnis der Verarbeitungstätigkeiten (Art. 30)", en: "record of processing activities (Art. 30)")
            ),
            ("obhut preflight segments --dir \(d)", Localized(de: "Vorabprüfung einer Auswertung", en: "pre-flight check of an analysis")),
            (
                "obhut patterns --dir \(d)",
                Localized(de: "Kaufmuster: wann, Trends, Wiederkauf, Warenkörbe", en: "purchase patterns: when, trends, rebuying, baskets")
            ),
            ("obhut segments --dir \(d)", Localized(de: "Kundensegmente mit Beschreibung", en: "customer segments, described")),
            ("obhut clv --dir \(d)", Localized(de: "Kundenwert und Abwanderungsrisiko", en: "lifetime value and churn risk")),
            ("obhut recommend \(exampleCustomer) --dir \(d)", Localized(de: "Empfehlungen mit Begründung", en: "recommendations with reasons")),
            ("obhut feedback --dir \(d)", Localized(de: "Stimmung und Aspekte der Bewertungen", en: "sentiment and aspects of the feedback")),
            ("obhut leads --dir \(d)", Localized(de: "Leads nach Abschlusschance, mit Begründung", en: "leads by chance to convert, with reasons")),
            ("obhut model-card lead-scores --dir \(d)", Localized(de: "Modellkarte der Lead-Bewertung", en: "model card of the lead scoring")),
            (
                "obhut subject export \(exampleCustomer) --dir \(d)",
                Localized(de: "Auskunft über eine (erfundene) Person", en: "everything about one (invented) person")
            ),
            ("obhut audit verify --dir \(d)", Localized(de: "Zugriffsprotokoll prüfen", en: "check the audit log")),
            ("obhut columns", Localized(de: "Spalten für den Import eigener Daten", en: "columns for importing your own data")),
        ]
        // The analyses run, each with the people it processed ("–" where it was refused).
        func ran(_ people: String, none: String) -> String {
            runs.isEmpty ? none : runs.map { "\($0.activity) (\($0.people.map { "\($0) \(people)" } ?? "–"))" }.joined(separator: ", ")
        }
        let width = commands.map(\.0.count).max() ?? 0
        let next = commands.map { command, comment in
            guard let comment else { return "  " + command }
            return "  " + command.padding(toLength: width, withPad: " ", startingAt: 0) + "  # " + comment[language]
        }.joined(separator: "\n")
        return Localized(
            de: """
                Demo-Shop angelegt in \(d) (Startwert \(seed), \(Language.de.decimal(seconds, digits: 1)) s, davon \(Language.de.decimal(loadSeconds, digits: 1)) s Erzeugen und Import).
                Alle Personen sind erfunden. Personenbezogene Felder liegen nur verschlüsselt vor.

                \(e)

                Datenqualität: \(qualityScore)/100 (der Demo-Shop enthält absichtlich ein paar fehlerhafte Zeilen)
                Ausgeführte Auswertungen (nach Pre-Flight-Prüfung): \(ran("Personen", none: "keine"))

                Als Nächstes:
                \(next)
                """,
            en: """
                Demo shop created in \(d) (seed \(seed), \(String(format: "%.1f", seconds)) s, of which \(String(format: "%.1f", loadSeconds)) s to generate and import).
                Every person in it is invented. Personal fields are stored encrypted only.

                \(e)

                Data quality: \(qualityScore)/100 (the demo shop has a few deliberately dirty rows)
                Analyses run (after their pre-flight check): \(ran("people", none: "none"))

                Next:
                \(next)
                """)[language]
    }
}

/// Generates the invented demo shop and loads it through the same writer the importer uses:
/// batches are generated and sealed on other cores while this thread writes, in one transaction.
public struct DemoRunner: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Generates and loads the shop as of `asOf` (deterministic for the same seed and date), fills
    /// in the invented controller and approves the shipped activities as the invented DPO.
    public func run(seed: UInt64, customers: Int, asOf: Date, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> DemoReport {
        let start = Date()
        let config = DemoConfig(seed: seed, customers: customers, now: asOf)
        try config.validate()
        let shop = DemoShop(config: config)
        let keys = workspace.store.keys
        let now = workspace.clock()
        let batches = shop.batchCount

        struct SealedBatch: Sendable {
            var customers: [PreparedCustomer]
            var batch: DemoBatch
        }
        // Two producer threads generate and seal alternate batches; the queue bound keeps memory flat.
        let queue = OrderedQueue<SealedBatch>(window: 4)
        let producerCount = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
        for p in 0..<producerCount {
            let thread = Thread {
                var i = p
                while i < batches {
                    let batch = shop.batch(i)
                    // The same plausibility marks the importer sets, so the quality report finds the planted defects.
                    let nowSeconds = Int64(asOf.timeIntervalSince1970)
                    let sealed =
                        (try? batch.customers.map {
                            try keys.prepare($0, softInvalidMask: Plausibility.softInvalidMask($0.personal, country: $0.country, now: nowSeconds))
                        }) ?? []
                    if !queue.put(i, SealedBatch(customers: sealed, batch: batch)) { return }
                    i += producerCount
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        do {
            try workspace.store.importTransaction(label: "demo", fileName: "demo seed \(seed)", format: "demo", now: now) { writer in
                var rows = 0
                for product in shop.products { _ = try writer.write(product) }
                for index in 0..<batches {
                    guard let sealed = queue.take(index) else { break }
                    for c in sealed.customers { _ = try writer.write(c) }
                    for c in sealed.batch.consents { _ = try writer.write(c, recordedAt: now) }
                    for o in sealed.batch.orderLines { _ = try writer.write(o) }
                    for f in sealed.batch.feedback { _ = try writer.write(f) }
                    rows += sealed.customers.count
                    progress?(rows, customers)
                }
                for lead in shop.leads() { _ = try writer.write(keys.prepare(lead)) }
                return ((), rows, 0)
            }
        } catch {
            queue.cancel()
            throw error
        }
        let loaded = Date().timeIntervalSince(start)
        try workspace.store.setMeta("demo_seed", String(seed))
        try workspace.audit(actor: .job("demo"), action: "import.demo", count: customers)
        var register = try workspace.register()
        register.controller = .init(
            name: "Demo-Shop GmbH (erfunden / invented)", contact: "Beispielweg 1, 10115 Berlin, shop@example.de",
            dpo: "Demo-DSB (erfunden / invented), dsb@example.de")
        try workspace.save(register)
        for activity in register.activities { try workspace.approve(activity: activity.name, by: "Demo-DSB", actor: .job("demo")) }
        // As analyses arrive, the demo runs them through the kernel like anyone would.
        var runs: [DemoRun] = []
        var refused: [String] = []
        // One analysis that cannot run (too little data in a tiny demo) does not stop the others.
        for name in Analyses.builtIn.keys.sorted() where register.activity(name) != nil {
            do {
                let run = try PrivacyKernel(workspace: workspace, actor: .job("demo")).run(name, seed: seed)
                runs.append(DemoRun(activity: name, people: run.people))
            } catch let error as UserFacingError {
                runs.append(DemoRun(activity: name, people: nil))
                refused.append(name + ": " + error.message(in: .en))
            }
        }
        let quality = try QualityReport.compute(for: workspace)
        let counts = try workspace.store.counts()
        return DemoReport(
            directory: workspace.directory.path, seed: seed, customers: customers,
            counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            qualityScore: quality.score, runs: runs, refused: refused, seconds: Date().timeIntervalSince(start), loadSeconds: loaded,
            exampleCustomer: try workspace.store.writer.read { db in try String.fetchOne(db, sql: "SELECT min(id) FROM customer") } ?? "")
    }
}

/// Results that producers finish out of order, taken by the consumer in order; at most `window`
/// indexes ahead of the consumer are held, so memory stays bounded.
final class OrderedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Int: Element] = [:]
    private var next = 0
    private var cancelled = false
    private let window: Int

    init(window: Int) { self.window = window }

    /// Blocks while `index` is too far ahead. Returns false once cancelled.
    func put(_ index: Int, _ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while index >= next + window && !cancelled { condition.wait() }
        if cancelled { return false }
        slots[index] = element
        condition.broadcast()
        return true
    }

    func take(_ index: Int) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil && !cancelled { condition.wait() }
        if cancelled { return nil }
        next = index + 1
        condition.broadcast()
        return slots.removeValue(forKey: index)
    }

    func cancel() {
        condition.lock()
        cancelled = true
        slots.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
