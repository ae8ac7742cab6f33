import Foundation
import Hummingbird
import Obhut
import ObhutCore

/// The rights of a person, carried out from their record by a role with `subjectRights`
/// (admin, DPO): export (Art. 15/20) as a JSON download, restriction (Art. 18), objection
/// (Art. 21) and erasure (Art. 17) after a confirmation step in which the customer id is typed.
/// Each is one `SubjectRights` call with the signed-in person as the audited actor, and each is
/// recorded as a completed subject request.
enum CustomerRightsForms {
    static func register(on router: Router<AppContext>, services: ServerServices) {
        let workspace = services.workspace
        router.post("/customers/{id}/export") { _, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            let export = try SubjectRights(workspace: workspace, actor: principal.actor).export(id)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let data = try encoder.encode(export)
            let safeName = String(id.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }.prefix(64))
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"obhut-export-\(safeName.isEmpty ? "person" : safeName).json\"",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/customers/{id}/restrict") { _, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            try SubjectRights(workspace: workspace, actor: principal.actor).restrict(id, kind: .restrict, purpose: nil)
            return LoginPage.redirect(CustomerPages.path(id, "?done=restrict"))
        }
        router.post("/customers/{id}/object") { request, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            let purpose = try await DashboardRoutes.form(request, context)["purpose"].flatMap { $0.isEmpty || $0 == "all" ? nil : PurposeID($0) }
            if let purpose, !objectionPurposes(workspace).contains(where: { $0.id == purpose }) {
                throw APIError.badRequest(Localized(de: "Diesem Zweck kann man nicht widersprechen.", en: "This purpose does not allow objection."))
            }
            try SubjectRights(workspace: workspace, actor: principal.actor).restrict(id, kind: .object, purpose: purpose)
            return LoginPage.redirect(CustomerPages.path(id, "?done=object"))
        }
        router.get("/customers/{id}/erase") { request, context -> Response in
            try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            guard try workspace.store.customerExists(id: id) else { throw APIError.notFound }
            return confirmPage(DashboardRoutes.view(request, context), id: id, error: nil)
        }
        router.post("/customers/{id}/erase") { request, context -> Response in
            let principal = try context.require(.subjectRights)
            let id = try context.parameters.require("id")
            let v = DashboardRoutes.view(request, context)
            let typed = try await DashboardRoutes.form(request, context)["confirm"]?.trimmingCharacters(in: .whitespaces)
            guard typed == id else {
                return confirmPage(
                    v, id: id,
                    error: v.t(
                        "Die eingegebene Kundennummer stimmt nicht; nichts wurde gelöscht.",
                        "The customer id typed does not match; nothing was erased."),
                    status: .badRequest)
            }
            let report = try SubjectRights(workspace: workspace, actor: principal.actor).erase(id)
            let body = """
                <p class="notice" role="status">\(v.t("Die Person ist gelöscht. Ihr Schlüssel ist vernichtet; was das Gesetz aufzubewahren verlangt, ist anonymisiert.", "The person is erased. Their key is destroyed; what the law requires to keep is anonymised."))</p>
                <section class="card"><dl class="facts">
                <dt>\(v.t("Feedback gelöscht", "Feedback deleted"))</dt><dd>\(report.feedbackDeleted)</dd>
                <dt>\(v.t("Einwilligungen gelöscht", "Consents deleted"))</dt><dd>\(report.consentsDeleted)</dd>
                <dt>\(v.t("Ergebnisse gelöscht", "Results deleted"))</dt><dd>\(report.derivedResultsDeleted)</dd>
                <dt>\(v.t("Bestellpositionen anonymisiert", "Order lines anonymised"))</dt><dd>\(report.orderLinesAnonymised)</dd>
                </dl><p><a href="/customers">\(v.t("Zurück zur Kundensuche", "Back to the customer search"))</a></p></section>
                """
            return v.page(Localized(de: "Gelöscht", en: "Erased"), body)
        }
    }

    /// Purposes a person can object to (legitimate interest or public task); consent purposes
    /// are ended by withdrawing consent instead.
    static func objectionPurposes(_ workspace: Workspace) -> [Purpose] {
        ((try? workspace.register().purposes) ?? Purpose.defaults).filter { $0.legalBasis.allowsObjection }
    }

    static func section(_ v: DashboardView, customerId id: String, purposes: [Purpose]) -> String {
        let options = purposes.filter { $0.legalBasis.allowsObjection }.map { p -> String in
            "<option value=\"\(v.e(p.id.rawValue))\">\(v.t(p.title))</option>"
        }.joined()
        return """
            <section class="card"><h2>\(v.t("Rechte der Person", "The person's rights"))</h2>
            <p class="muted small">\(v.t("Jede Aktion wird als erledigte Betroffenenanfrage erfasst und protokolliert.", "Each action is recorded as a completed subject request and logged."))</p>
            <div class="actions">
            <form method="post" action="\(v.e(CustomerPages.path(id, "/export")))">\(v.csrfField)<button type="submit" class="secondary">\(v.t("Auskunft als JSON (Art. 15)", "Export as JSON (Art. 15)"))</button></form>
            <form method="post" action="\(v.e(CustomerPages.path(id, "/restrict")))">\(v.csrfField)<button type="submit" class="secondary">\(v.t("Verarbeitung einschränken (Art. 18)", "Restrict processing (Art. 18)"))</button></form>
            <form method="post" action="\(v.e(CustomerPages.path(id, "/object")))" class="search">\(v.csrfField)\
            <div><label for="purpose">\(v.t("Widerspruch gegen", "Objection to"))</label><select id="purpose" name="purpose">\(options)<option value="all">\(v.t("alle Zwecke", "all purposes"))</option></select></div>\
            <button type="submit" class="secondary">\(v.t("Widerspruch vermerken (Art. 21)", "Record objection (Art. 21)"))</button></form>
            <a class="button danger secondary" href="\(v.e(CustomerPages.path(id, "/erase")))">\(v.t("Löschen … (Art. 17)", "Erase … (Art. 17)"))</a>
            </div></section>
            """
    }

    static func confirmPage(_ v: DashboardView, id: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let body = """
            \(error.map { "<p class=\"notice bad\" role=\"alert\">\($0)</p>" } ?? "")
            <section class="card"><p>\(v.t("Die Löschung kann nicht rückgängig gemacht werden: der Schlüssel der Person wird vernichtet, ihre Daten und Ergebnisse gelöscht, ihre Bestellungen anonymisiert (Aufbewahrungspflicht nach § 147 AO, § 257 HGB).", "Erasure cannot be undone: the person's key is destroyed, their data and results deleted, their orders anonymised (kept as § 147 AO and § 257 HGB require)."))</p>
            <form method="post" action="\(v.e(CustomerPages.path(id, "/erase")))">\(v.csrfField)
            <div class="field"><label for="confirm">\(v.t("Zur Bestätigung die Kundennummer eingeben:", "Type the customer id to confirm:")) <code>\(v.e(id))</code></label>\
            <input type="text" id="confirm" name="confirm" autocomplete="off" required></div>
            <div class="actions"><button type="submit" class="danger">\(v.t("Endgültig löschen", "Erase for good"))</button>\
            <a class="button secondary" href="\(v.e(CustomerPages.path(id)))">\(v.t("Abbrechen", "Cancel"))</a></div></form></section>
            """
        return v.page(Localized(de: "Kunde \(id) löschen?", en: "Erase customer \(id)?"), body, status: status)
    }
}
