import Foundation
import GRDB
import ObhutCore
import ObhutStore

/// The report of one run.
public struct RunReport: Sendable, Codable {
    public var runId: Int64
    public var activity: String
    public var people: Int
    public var results: Int
    public var modelVersion: String
    public var preflight: PreflightReport
    public var seconds: Double
}

/// The privacy kernel: the only road from the store to the analytics. Every run is declared,
/// checked before it starts, scoped, recorded with its pre-flight report, and audited.
public struct PrivacyKernel: Sendable {
    public let workspace: Workspace
    public let actor: Actor
    /// Analyses by activity name; an activity without one cannot run.
    public let analyses: [String: any Analysis]

    public init(workspace: Workspace, actor: Actor = .cli, analyses: [String: any Analysis] = Analyses.builtIn) {
        self.workspace = workspace
        self.actor = actor
        self.analyses = analyses
    }

    func activity(_ name: String, in register: ProcessingRegister) throws -> ProcessingActivity {
        guard let a = register.activity(name) else {
            throw RegisterError.unknownActivity(name, known: register.activities.map(\.name))
        }
        return a
    }

    /// Answers before anything runs: what goes in, what comes out, and whether it may run.
    public func preflight(_ name: String) throws -> PreflightReport {
        try preflight(name, quality: QualityReport.compute(for: workspace))
    }

    /// The pre-flight of several activities (the DPO's cockpit), with one data-quality report for
    /// all: it reads every table, two seconds at a million customers. An activity whose check
    /// cannot be made (e.g. removed from the register meanwhile) is left out.
    public func preflights(_ names: [String]) throws -> [String: PreflightReport] {
        let quality = try QualityReport.compute(for: workspace)
        var out: [String: PreflightReport] = [:]
        for name in names { out[name] = try? preflight(name, quality: quality) }
        return out
    }

    func preflight(_ name: String, quality: QualityReport) throws -> PreflightReport {
        let register = try workspace.register()
        let a = try activity(name, in: register)
        let facts = try ScopeBuilder(workspace: workspace, register: register, activity: a).facts(quality: quality)
        var report = Preflight.evaluate(facts, now: workspace.clock())
        if analyses[name] == nil {
            report.items.append(
                PreflightItem(
                    check: "analysis", status: .fail,
                    message: Localized(
                        de: "Für diese Tätigkeit gibt es in dieser Version noch keine Auswertung",
                        en: "This activity has no analysis in this version yet")))
        }
        try workspace.audit(actor: actor, action: "preflight", count: facts.peopleInScope, activity: name)
        return report
    }

    /// Runs an activity: pre-flight first (refused runs are recorded too), then the scope, the
    /// analysis, and the results with explanation and model version, in one transaction.
    @discardableResult
    public func run(_ name: String, seed: UInt64 = 1) throws -> RunReport {
        let start = Date()
        let report = try preflight(name)
        let register = try workspace.register()
        let a = try activity(name, in: register)
        let store = workspace.store
        let preflightJSON = try JSON.encode(report)
        let now = Int64(workspace.clock().timeIntervalSince1970)
        guard report.passed, let analysis = analyses[name] else {
            try store.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO activity_run (activity, purpose, started_at, finished_at, status, preflight) VALUES (?, ?, ?, ?, 'refused', ?)
                        """, arguments: [name, a.purpose.rawValue, now, now, preflightJSON])
            }
            try workspace.audit(actor: actor, action: "run.refused", count: 0, activity: name)
            throw KernelError.preflightFailed(report)
        }
        // One run of an activity at a time; held until this function returns.
        let lock = try ActivityRunLock(workspace: workspace, activity: name)
        defer { withExtendedLifetime(lock) {} }
        let runId = try store.writer.write { db -> Int64 in
            // With the lock held no other run of this activity is alive: one still marked running
            // was cut off (its process killed) and never finished.
            try db.execute(
                sql: "UPDATE activity_run SET status = 'interrupted', finished_at = ? WHERE activity = ? AND status = 'running'",
                arguments: [now, name])
            try db.execute(
                sql: """
                    INSERT INTO activity_run (activity, purpose, started_at, status, preflight, model_version) VALUES (?, ?, ?, 'running', ?, ?)
                    """, arguments: [name, a.purpose.rawValue, now, preflightJSON, analysis.modelVersion])
            return db.lastInsertedRowID
        }
        let scope = try ScopeBuilder(workspace: workspace, register: register, activity: a).build()
        try workspace.audit(actor: actor, action: "scope.read", count: scope.people.count, activity: name)
        let output: AnalysisOutput
        do {
            output = try analysis.run(scope: scope, seed: seed)
            let declared = Set(a.results.filter(\.perPerson).map(\.name))
            if let stray = output.perPerson.first(where: { !declared.contains($0.kind) }) {
                throw KernelError.resultNotDeclared(activity: name, kind: stray.kind)
            }
        } catch {
            try store.writer.write { db in
                try db.execute(
                    sql: "UPDATE activity_run SET status = 'failed', finished_at = ? WHERE id = ?",
                    arguments: [Int64(Date().timeIntervalSince1970), runId])
            }
            throw error
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Lead activities concern business contacts: their number is the scope's size.
        let inScope = scope.people.isEmpty ? (scope.leads?.leadIds.count ?? 0) : scope.people.count
        try store.writer.write { db in
            // The newest run replaces the results of earlier runs of the same activity.
            try db.execute(sql: "DELETE FROM derived_result WHERE activity = ?", arguments: [name])
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO derived_result (run_id, activity, purpose, customer_id, kind, value, explanation, model_version, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for r in output.perPerson {
                let explanation = String(decoding: try encoder.encode(r.explanation), as: UTF8.self)
                insert.setUncheckedArguments([
                    runId, name, a.purpose.rawValue, scope.customerIds[Int(r.person)], r.kind, r.valueJSON,
                    explanation, analysis.modelVersion, now,
                ])
                try insert.execute()
            }
            if !output.perLead.isEmpty, let leads = scope.leads {
                // Scores of leads no longer in scope (objected, deleted) go with the new run.
                try db.execute(sql: "DELETE FROM lead_score")
                let insertLead = try db.cachedStatement(
                    sql: "INSERT INTO lead_score (lead_id, run_id, probability, explanation, model_version, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                for r in output.perLead {
                    let explanation = String(decoding: try encoder.encode(r.explanation), as: UTF8.self)
                    insertLead.setUncheckedArguments([leads.leadIds[r.lead], runId, r.probability, explanation, analysis.modelVersion, now])
                    try insertLead.execute()
                }
            }
            try db.execute(
                sql: "UPDATE activity_run SET status = 'completed', finished_at = ?, people = ?, summary = ? WHERE id = ?",
                arguments: [Int64(Date().timeIntervalSince1970), inScope, output.summaryJSON, runId])
            // In the same transaction: a process killed after the commit cannot leave stored results
            // without their audit entry.
            _ = try store.appendAudit(
                db, actor: actor.name, role: actor.role, action: "run.completed",
                subject: nil, count: Set(output.perPerson.map(\.person)).count + output.perLead.count, activity: name,
                reason: "run \(runId)", at: workspace.clock())
        }
        return RunReport(
            runId: runId, activity: name, people: inScope, results: output.perPerson.count + output.perLead.count,
            modelVersion: analysis.modelVersion, preflight: report, seconds: Date().timeIntervalSince(start))
    }
}

/// JSON helpers with stable key order, so stored reports compare byte for byte.
enum JSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}

extension PrivacyKernel {
    /// Builds an activity's scope without running anything (benchmarks, diagnostics) and returns
    /// how many people it holds. The read is audited like any scope read.
    ///
    /// `usesColumnCopy` false reads every order line from `order_line` (how scopes were built
    /// before the columnar copy): the benchmark's before/after in one process.
    public func scopeSize(_ name: String, usesColumnCopy: Bool = true) throws -> Int {
        let register = try workspace.register()
        var builder = ScopeBuilder(workspace: workspace, register: register, activity: try activity(name, in: register))
        builder.usesColumnCopy = usesColumnCopy
        let scope = try builder.build()
        try workspace.audit(actor: actor, action: "scope.read", count: scope.people.count, activity: name, reason: "size only")
        return scope.leads?.pseudonyms.count ?? scope.people.count
    }
}
