import Foundation
import GRDB
import Hummingbird
import Obhut
import ObhutCore

/// Data quality and the processing activities: their declarations with approval and last run,
/// pre-flight, runs through the privacy kernel, the DPO's approval.
///
/// - `GET /api/quality?staleDays=730` the data-quality report (`obhut quality`).
/// - `GET /api/activities` every declared activity with its approval and last run.
/// - `GET /api/activities/{name}/preflight` the pre-flight report (`obhut preflight`).
/// - `POST /api/activities/{name}/runs` `{"seed": 1}` runs it (`obhut run`): 201 with the run
///   report, 422 with the failing pre-flight items when the kernel refuses.
/// - `GET /api/runs?limit=50` recent runs, newest first.
/// - `POST /api/activities/{name}/approval` the signed-in DPO approves (who and when recorded).
enum ActivityRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/api/quality", .api, .permission(.quality), Localized(de: "Datenqualitätsbericht", en: "Data-quality report")),
        Endpoint(
            .get, "/api/activities", .api, .permission(.preflight),
            Localized(de: "Verarbeitungstätigkeiten mit Freigabe und letztem Lauf", en: "Processing activities with approval and last run")),
        Endpoint(
            .get, "/api/activities/{name}/preflight", .api, .permission(.preflight),
            Localized(de: "Pre-Flight-Prüfung einer Tätigkeit", en: "Pre-flight check of an activity")),
        Endpoint(
            .post, "/api/activities/{name}/runs", .api, .permission(.runs),
            Localized(de: "Tätigkeit über den Privacy-Kernel ausführen", en: "Run an activity through the privacy kernel")),
        Endpoint(.get, "/api/runs", .api, .permission(.runs), Localized(de: "Letzte Läufe", en: "Recent runs")),
        Endpoint(
            .post, "/api/activities/{name}/approval", .api, .permission(.approve),
            Localized(de: "Tätigkeit freigeben (DSB)", en: "Approve an activity (DPO)")),
    ]

    struct ActivityView: Codable {
        struct ApprovalView: Codable {
            var by: String
            var at: Date
        }
        var name: String
        var purpose: String
        var legalBasis: String
        var description: Localized
        var fields: [String]
        var results: [String]
        var humanReview: Bool
        var approval: ApprovalView?
        var lastRun: RunView?
    }

    struct RunView: Codable {
        var id: Int64
        var activity: String
        var purpose: String
        var status: String
        var startedAt: Date
        var finishedAt: Date?
        var people: Int
        var modelVersion: String?
    }

    struct Activities: Codable { var activities: [ActivityView] }
    struct Runs: Codable { var runs: [RunView] }
    struct RunRequest: Codable { var seed: UInt64? }
    struct Approved: Codable {
        var activity: String
        var by: String
        var at: Date
    }

    static func register(on router: Router<AppContext>, services: ServerServices) {
        let workspace = services.workspace
        router.get("/api/quality") { request, context -> Response in
            try context.require(.quality)
            let days = try APIInput.int(request, "staleDays", default: 730, in: 1...36_500)
            return JSON.response(try await Offload.run { try QualityReport.compute(for: workspace, staleAfterDays: days) })
        }
        router.get("/api/activities") { _, context -> Response in
            try context.require(.preflight)
            let register = try workspace.register()
            let last = try lastRuns(workspace)
            return JSON.response(
                Activities(
                    activities: register.activities.map { a in
                        ActivityView(
                            name: a.name, purpose: a.purpose.rawValue, legalBasis: a.legalBasis.rawValue, description: a.description,
                            fields: a.fields,
                            results: a.results.map(\.name), humanReview: a.humanReview,
                            approval: a.approval.map { .init(by: $0.by, at: $0.at) }, lastRun: last[a.name])
                    }))
        }
        router.get("/api/activities/{name}/preflight") { _, context -> Response in
            let principal = try context.require(.preflight)
            let name = try context.parameters.require("name")
            return JSON.response(
                try await Offload.run { try DomainErrors.map { try PrivacyKernel(workspace: workspace, actor: principal.actor).preflight(name) } })
        }
        router.post("/api/activities/{name}/runs") { request, context -> Response in
            let principal = try context.require(.runs)
            let name = try context.parameters.require("name")
            let body = try await APIInput.body(request, context: context, as: RunRequest.self, fields: ["seed"])
            // JSON numbers are exact up to 2^53 - 1 in every client; larger seeds would not survive a round trip.
            guard (body.seed ?? 1) <= 9_007_199_254_740_991 else {
                throw APIError.badRequest(
                    Localized(de: "seed muss zwischen 0 und 2^53 - 1 liegen.", en: "seed must lie between 0 and 2^53 - 1."), code: "invalid_body")
            }
            _ = try DomainErrors.map { try activity(name, workspace) }
            do {
                let seed = body.seed ?? 1
                let report = try await Offload.run { try PrivacyKernel(workspace: workspace, actor: principal.actor).run(name, seed: seed) }
                return JSON.response(report, status: .created)
            } catch KernelError.preflightFailed(let report) {
                let failing = report.items.filter { $0.status == .fail }
                let error = APIError(
                    .unprocessableContent, code: "preflight_failed",
                    message: Localized(
                        de: "Die Pre-Flight-Prüfung ist nicht bestanden; der Lauf wurde abgewiesen.",
                        en: "The pre-flight check failed; the run was refused."))
                return DetailedError(error: error, details: failing.map { "\($0.check): \($0.message[context.language])" })
                    .response(language: context.language)
            } catch KernelError.notImplemented {
                throw APIError(
                    .unprocessableContent, code: "not_implemented",
                    message: Localized(de: "Für diese Tätigkeit gibt es keine Analyse.", en: "There is no analysis for this activity."))
            } catch let e as UserFacingError {
                // The request was fine; the analysis could not finish on the workspace's data as
                // it is now (e.g. a model that does not converge). Nothing was stored.
                throw APIError(.conflict, code: "run_failed", message: Localized(de: e.message(in: .de), en: e.message(in: .en)))
            }
        }
        router.get("/api/runs") { request, context -> Response in
            try context.require(.runs)
            let limit = try APIInput.int(request, "limit", default: 50, in: 1...500)
            let runs = try workspace.store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM activity_run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(runView)
            }
            return JSON.response(Runs(runs: runs))
        }
        router.post("/api/activities/{name}/approval") { _, context -> Response in
            let principal = try context.require(.approve)
            let name = try context.parameters.require("name")
            try DomainErrors.map { try workspace.approve(activity: name, by: principal.user.name, actor: principal.actor) }
            let approval = try workspace.register().activity(name)?.approval
            return JSON.response(Approved(activity: name, by: approval?.by ?? principal.user.name, at: approval?.at ?? workspace.clock()))
        }
    }

    static func activity(_ name: String, _ workspace: Workspace) throws -> ProcessingActivity {
        let register = try workspace.register()
        guard let a = register.activity(name) else { throw RegisterError.unknownActivity(name, known: register.activities.map(\.name)) }
        return a
    }

    static func lastRuns(_ workspace: Workspace) throws -> [String: RunView] {
        try workspace.store.writer.read { db in
            var out: [String: RunView] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM activity_run WHERE id IN (SELECT max(id) FROM activity_run GROUP BY activity)") {
                let run = runView(row)
                out[run.activity] = run
            }
            return out
        }
    }

    static func runView(_ row: Row) -> RunView {
        RunView(
            id: row["id"], activity: row["activity"], purpose: row["purpose"], status: row["status"],
            startedAt: Date(timeIntervalSince1970: TimeInterval(row["started_at"] as Int64)),
            finishedAt: (row["finished_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) }, people: row["people"],
            modelVersion: row["model_version"])
    }
}
