import HTTPTypes
import ObhutCore

/// What the OpenAPI document says about one endpoint beyond the catalog entry: its query
/// parameters, request body, success answer and the errors it can give.
struct EndpointDoc: Sendable {
    struct Query: Sendable {
        var name: String
        var schema: JSONValue
        var description: String
    }
    enum Body: Sendable {
        /// A JSON object; `required` when an empty body is refused.
        case json(JSONValue, required: Bool)
        /// An uploaded file (CSV or JSON Lines).
        case file
    }

    var query: [Query] = []
    var body: Body?
    var status: Int = 200
    /// The success answer's schema (nil for 204 No Content); content type JSON unless `media` says otherwise.
    var response: JSONValue?
    /// Alternative media types of the success answer (the register as Markdown or HTML).
    var media: [String: JSONValue] = [:]
    /// Error statuses besides 401/403 (added from the endpoint's access rule).
    var errors: [Int] = []
}

extension EndpointDoc {
    /// The description of every documented endpoint, keyed by `"METHOD path"`.
    static func key(_ method: HTTPRequest.Method, _ path: String) -> String { method.rawValue + " " + path }

    static let all: [String: EndpointDoc] = {
        var d: [String: EndpointDoc] = [:]
        func add(_ m: HTTPRequest.Method, _ p: String, _ doc: EndpointDoc) { d[key(m, p)] = doc }
        let limit = { (max: Int, def: Int) in
            Query(
                name: "limit", schema: ["type": "integer", "minimum": 1, "maximum": .int(max), "default": .int(def)], description: "How many at most."
            )
        }
        let purpose = Schema.enumeration(Purpose.defaults.map(\.id.rawValue))
        let scalar: JSONValue = ["type": ["string", "number", "boolean", "null"]]
        let rectifiable = CustomerField.allCases.filter { $0 != .createdAt }.map(\.rawValue)
        let patchNames = rectifiable + rectifiable.map(CustomerRoutes.camel).filter { !rectifiable.contains($0) }

        add(.get, "/api/health", EndpointDoc(response: Schema.ref("Health")))
        add(
            .post, "/api/session",
            EndpointDoc(
                body: .json(Schema.object(["name": Schema.string, "password": Schema.string], required: ["name", "password"]), required: true),
                response: Schema.ref("Me"), errors: [400, 429]))
        add(.delete, "/api/session", EndpointDoc(status: 204))
        add(.get, "/api/me", EndpointDoc(response: Schema.ref("Me")))
        add(
            .get, "/api/customers",
            EndpointDoc(
                query: [
                    Query(
                        name: "q", schema: ["type": "string", "maxLength": 320],
                        description: "Exact customer id or e-mail, or an id prefix (search roles)."),
                    limit(50, 20),
                ], response: Schema.object(["customers": Schema.array(Schema.ref("Customer"))], required: ["customers"]), errors: [400]))
        add(.get, "/api/customers/{id}", EndpointDoc(response: Schema.ref("CustomerDetail"), errors: [404]))
        add(
            .patch, "/api/customers/{id}",
            EndpointDoc(
                body: .json(
                    [
                        "type": "object", "additionalProperties": Schema.nullable("string"), "minProperties": 1,
                        "propertyNames": Schema.enumeration(patchNames),
                    ], required: true),
                response: Schema.ref("CustomerDetail"), errors: [400, 404]))
        add(
            .post, "/api/customers",
            EndpointDoc(
                body: .json(
                    [
                        "type": "object", "properties": ["customer_id": ["type": "string", "minLength": 1, "maxLength": 128]],
                        "required": ["customer_id"],
                        "additionalProperties": scalar,
                    ],
                    required: true), status: 201,
                response: Schema.object(["id": Schema.string, "rowsImported": Schema.integer], required: ["id", "rowsImported"]),
                errors: [400, 409, 422]))
        add(
            .post, "/api/imports/{entity}",
            EndpointDoc(
                query: [
                    Query(name: "format", schema: Schema.enumeration(["generic", "shopify", "woocommerce"]), description: "Column layout."),
                    Query(name: "skipInvalid", schema: Schema.boolean, description: "Import the valid rows and report the invalid ones."),
                ], body: .file, response: Schema.ref("ImportReport"), errors: [400, 404, 413, 422]))
        add(
            .get, "/api/quality",
            EndpointDoc(
                query: [
                    Query(
                        name: "staleDays", schema: ["type": "integer", "minimum": 1, "maximum": 36_500], description: "Records older count as stale.")
                ],
                response: Schema.object(
                    [
                        "score": Schema.integer, "entities": Schema.array(Schema.anyObject), "generatedAt": Schema.dateTime,
                        "staleAfterDays": Schema.integer,
                    ],
                    required: ["score", "entities", "generatedAt", "staleAfterDays"]), errors: [400]))
        add(
            .get, "/api/activities",
            EndpointDoc(response: Schema.object(["activities": Schema.array(Schema.ref("Activity"))], required: ["activities"])))
        add(.get, "/api/activities/{name}/preflight", EndpointDoc(response: Schema.ref("Preflight"), errors: [404]))
        add(
            .post, "/api/activities/{name}/runs",
            EndpointDoc(
                body: .json(Schema.strict(["seed": ["type": "integer", "minimum": 0, "maximum": 9_007_199_254_740_991]]), required: false),
                status: 201,
                response: Schema.object(
                    [
                        "runId": Schema.integer, "activity": Schema.string, "people": Schema.integer, "results": Schema.integer,
                        "modelVersion": Schema.string, "preflight": Schema.ref("Preflight"), "seconds": Schema.number,
                    ], required: ["runId", "activity", "people", "results", "modelVersion", "preflight", "seconds"]), errors: [400, 404, 409, 422]))
        add(
            .get, "/api/runs",
            EndpointDoc(
                query: [limit(500, 50)], response: Schema.object(["runs": Schema.array(Schema.ref("Run"))], required: ["runs"]), errors: [400]))
        add(
            .post, "/api/activities/{name}/approval",
            EndpointDoc(
                response: Schema.object(
                    ["activity": Schema.string, "by": Schema.string, "at": Schema.dateTime], required: ["activity", "by", "at"]),
                errors: [404]))
        add(
            .get, "/api/patterns",
            EndpointDoc(response: Schema.object(["runId": Schema.integer, "modelVersion": Schema.string, "summary": Schema.anyObject])))
        add(
            .get, "/api/segments",
            EndpointDoc(
                response: Schema.object(
                    [
                        "runId": Schema.integer, "modelVersion": Schema.string,
                        "segments": Schema.array(
                            Schema.object(
                                ["id": Schema.string, "name": Schema.localized, "description": Schema.localized, "customers": Schema.integer],
                                required: ["id", "name", "description", "customers"])),
                        "clusters": Schema.array(Schema.anyObject), "silhouette": Schema.number, "stability": Schema.number, "note": Schema.localized,
                    ], required: ["segments"])))
        add(
            .get, "/api/clv",
            EndpointDoc(
                query: [limit(100, 10)],
                response: Schema.object(
                    [
                        "runId": Schema.integer, "modelVersion": Schema.string, "summary": Schema.anyObject,
                        "atRisk": Schema.array(
                            Schema.object(
                                ["customer": Schema.string, "result": Schema.anyObject, "explanation": Schema.ref("Explanation")],
                                required: ["customer", "result", "explanation"])),
                        "pseudonymous": Schema.boolean,
                    ], required: ["atRisk", "pseudonymous"]), errors: [400]))
        add(
            .get, "/api/customers/{id}/recommendations",
            EndpointDoc(
                query: [limit(100, 10)],
                response: Schema.object(
                    [
                        "customerId": Schema.string, "modelVersion": Schema.string, "runId": Schema.integer, "stale": Schema.boolean,
                        "products": Schema.array(
                            Schema.object(
                                [
                                    "product": Schema.string, "name": Schema.string, "score": Schema.number, "reason": Schema.localized,
                                    "basedOn": Schema.string, "share": Schema.number,
                                ], required: ["product", "name", "score", "reason"])),
                    ], required: ["customerId", "products", "modelVersion", "runId", "stale"]), errors: [400, 404]))
        add(
            .get, "/api/feedback",
            EndpointDoc(response: Schema.object(["runId": Schema.integer, "modelVersion": Schema.string, "insights": Schema.anyObject])))
        add(
            .get, "/api/leads",
            EndpointDoc(
                query: [limit(500, 20)],
                response: Schema.object(
                    [
                        "leads": Schema.array(
                            Schema.object(
                                [
                                    "leadId": Schema.string, "company": Schema.string, "stage": Schema.string, "probability": Schema.number,
                                    "explanation": Schema.ref("Explanation"), "modelVersion": Schema.string, "runId": Schema.integer,
                                    "corrected": Schema.number, "markedWrong": Schema.integer,
                                ], required: ["leadId", "company", "stage", "probability", "explanation", "modelVersion", "runId", "markedWrong"]))
                    ], required: ["leads"]), errors: [400]))
        let leadRight = Schema.strict(["lead": Schema.string, "kind": Schema.string, "by": Schema.string], required: ["lead", "kind", "by"])
        add(.post, "/api/leads/{id}/object", EndpointDoc(status: 201, response: leadRight, errors: [404]))
        add(.post, "/api/leads/{id}/erase", EndpointDoc(status: 201, response: leadRight, errors: [404]))
        add(
            .post, "/api/leads/{id}/correction",
            EndpointDoc(
                body: .json(
                    [
                        "oneOf": [
                            Schema.strict(
                                [
                                    "probability": ["type": "number", "minimum": 0, "maximum": 1], "wrong": ["const": false],
                                    "reason": Schema.text(max: 500),
                                ],
                                required: ["probability", "reason"]),
                            Schema.strict(["wrong": ["const": true], "reason": Schema.text(max: 500)], required: ["wrong", "reason"]),
                        ]
                    ], required: true), status: 201,
                response: Schema.object(
                    ["lead": Schema.string, "kind": Schema.enumeration(["correction", "wrong"]), "by": Schema.string],
                    required: ["lead", "kind", "by"]),
                errors: [400, 404]))
        add(
            .get, "/api/subject-requests",
            EndpointDoc(response: Schema.object(["requests": Schema.array(Schema.ref("SubjectRequest"))], required: ["requests"])))
        add(.post, "/api/customers/{id}/export", EndpointDoc(response: Schema.anyObject, errors: [404]))
        add(
            .post, "/api/customers/{id}/erase",
            EndpointDoc(
                response: Schema.object(
                    [
                        "feedbackDeleted": Schema.integer, "consentsDeleted": Schema.integer, "derivedResultsDeleted": Schema.integer,
                        "orderLinesAnonymised": Schema.integer,
                    ],
                    required: ["feedbackDeleted", "consentsDeleted", "derivedResultsDeleted", "orderLinesAnonymised"]), errors: [404]))
        add(
            .post, "/api/customers/{id}/restrict",
            EndpointDoc(
                body: .json(Schema.strict(["purpose": purpose]), required: false), status: 201, response: Schema.ref("SubjectRecorded"),
                errors: [400, 404]))
        add(
            .post, "/api/customers/{id}/object",
            EndpointDoc(
                body: .json(Schema.strict(["purpose": purpose, "category": Schema.text(max: 120)]).setting("maxProperties", 1), required: false),
                status: 201,
                response: Schema.ref("SubjectRecorded"), errors: [400, 404]))
        add(
            .get, "/api/audit/verify",
            EndpointDoc(
                response: Schema.object(
                    ["intact": Schema.boolean, "message": Schema.string, "details": Schema.anyObject], required: ["intact", "message", "details"])))
        add(
            .get, "/api/register",
            EndpointDoc(
                query: [
                    Query(
                        name: "format", schema: Schema.enumeration(["json", "md", "html"]),
                        description: "json: the register; md/html: the Art. 30 record.")
                ],
                response: Schema.object(
                    ["activities": Schema.array(Schema.anyObject), "purposes": Schema.array(Schema.anyObject)], required: ["activities", "purposes"]),
                media: ["text/markdown": Schema.string, "text/html": Schema.string], errors: [400]))
        add(
            .get, "/api/alerts",
            EndpointDoc(
                query: [limit(500, 50)],
                response: Schema.object(
                    [
                        "alerts": Schema.array(
                            Schema.object(
                                [
                                    "id": Schema.integer, "user": Schema.string, "role": Schema.string, "people": Schema.integer,
                                    "windowStart": Schema.dateTime,
                                    "raisedAt": Schema.dateTime, "acknowledged": Schema.boolean,
                                ], required: ["id", "user", "role", "people", "windowStart", "raisedAt", "acknowledged"]))
                    ], required: ["alerts"]), errors: [400]))
        add(
            .get, "/api/breaches",
            EndpointDoc(
                query: [Query(name: "closed", schema: Schema.boolean, description: "Include closed cases.")],
                response: Schema.object(["breaches": Schema.array(Schema.anyObject)], required: ["breaches"]), errors: [400]))
        add(.get, "/api/users", EndpointDoc(response: Schema.object(["users": Schema.array(Schema.ref("User"))], required: ["users"])))
        add(
            .post, "/api/users",
            EndpointDoc(
                body: .json(
                    Schema.strict(
                        [
                            "name": [
                                "type": "string", "pattern": "^[A-Za-z0-9._-]{2,64}$",
                                "description":
                                    "At most six digits in a row (also with - between them): the name is the actor of every audit entry, and the audit log takes no numbers that could be a phone or account number (400 otherwise).",
                            ], "role": Schema.ref("Role"),
                            "password": ["type": "string", "minLength": 10, "maxLength": 1024],
                        ], required: ["name", "role", "password"]),
                    required: true), status: 201, response: Schema.ref("User"), errors: [400, 409]))
        add(
            .post, "/api/users/{name}/tokens",
            EndpointDoc(
                body: .json(Schema.strict(["label": ["type": "string", "maxLength": 80], "role": Schema.ref("Role")]), required: false), status: 201,
                response: Schema.object(
                    ["id": Schema.integer, "user": Schema.string, "role": Schema.ref("Role"), "label": Schema.string, "secret": Schema.string],
                    required: ["id", "user", "role", "label", "secret"]), errors: [400, 403, 404]))
        add(.delete, "/api/tokens/{id}", EndpointDoc(status: 204, errors: [404]))
        add(.get, "/openapi.json", EndpointDoc(response: Schema.anyObject))
        return d
    }()
}
