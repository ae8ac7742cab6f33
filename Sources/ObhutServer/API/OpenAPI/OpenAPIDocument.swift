import HTTPTypes
import Obhut
import ObhutCore

/// The OpenAPI 3.1 description of the JSON API, built from `EndpointCatalog` (paths, methods,
/// who may call) and `EndpointDoc` (parameters, bodies, answers), so it cannot list a route the
/// server does not have or miss one it has (a test compares both).
///
/// Security: every endpoint that is not `.open` takes a bearer token (`Authorization: Bearer
/// obh_...`) or the session cookie (`obhut_session`, with `X-CSRF-Token` on writes).
enum OpenAPIDocument {
    static func build(_ endpoints: [Endpoint] = EndpointCatalog.all) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for e in endpoints where e.kind == .api {
            paths[e.path, default: [:]][e.method.rawValue.lowercased()] = operation(e)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Obhut API",
                "version": .string(ObhutVersion.string),
                "description":
                    "JSON API of Obhut, a self-hosted customer data platform that enforces GDPR rules. Every read of personal data is audited; fields are masked by role. / JSON-API von Obhut.",
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer",
                        "description": "An API token (obh_...), created with obhut user token or POST /api/users/{name}/tokens.",
                    ],
                    "cookieAuth": [
                        "type": "apiKey", "in": "cookie", "name": "obhut_session",
                        "description": "The session cookie from POST /api/session; writes need the X-CSRF-Token header.",
                    ],
                ],
                "schemas": .object(components),
            ],
        ]
    }

    static func operation(_ e: Endpoint) -> JSONValue {
        let doc = EndpointDoc.all[EndpointDoc.key(e.method, e.path)] ?? EndpointDoc(response: Schema.anyObject)
        var op: [String: JSONValue] = [
            "summary": .string(e.summary.en),
            "description": .string(description(e)),
            "operationId": .string(operationId(e)),
            "tags": [.string(tag(e.path))],
        ]
        var parameters: [JSONValue] = pathParameters(e.path).map { name -> JSONValue in
            let schema: JSONValue
            if name == "entity" {
                schema = Schema.enumeration(["customers", "products", "orders", "feedback", "consents", "leads"])
            } else if e.path.hasPrefix("/api/tokens") {
                schema = ["type": "integer", "minimum": 1]
            } else {
                schema = ["type": "string", "minLength": 1, "maxLength": 256]
            }
            return ["name": .string(name), "in": "path", "required": true, "schema": schema]
        }
        parameters += doc.query.map {
            ["name": .string($0.name), "in": "query", "required": false, "schema": $0.schema, "description": .string($0.description)]
        }
        op["parameters"] = .array(parameters)
        switch doc.body {
        case .json(let schema, let required)?:
            op["requestBody"] = ["required": .bool(required), "content": ["application/json": ["schema": schema]]]
        case .file?:
            op["requestBody"] = [
                "required": true,
                "content": [
                    "text/csv": ["schema": ["type": "string", "minLength": 1]],
                    "application/x-ndjson": ["schema": ["type": "string", "minLength": 1]],
                ],
            ]
        case nil: break
        }
        var responses: [String: JSONValue] = [:]
        if doc.status == 204 {
            responses["204"] = ["description": "Done, no content."]
        } else {
            var content: [String: JSONValue] = ["application/json": ["schema": doc.response ?? Schema.anyObject]]
            for (type, schema) in doc.media { content[type] = ["schema": schema] }
            responses[String(doc.status)] = ["description": "Success.", "content": .object(content)]
        }
        var errors = Set(doc.errors)
        switch e.access {
        case .open: break
        case .signedIn: errors.insert(401)
        case .permission: errors.formUnion([401, 403])
        }
        if e.method != .get && e.access != .open { errors.insert(403) }  // CSRF / Origin refusals
        for status in errors.sorted() {
            responses[String(status)] = ["description": .string(errorText(status)), "content": ["application/json": ["schema": Schema.ref("Error")]]]
        }
        responses["default"] = ["description": "Unexpected error (no internals).", "content": ["application/json": ["schema": Schema.ref("Error")]]]
        op["responses"] = .object(responses)
        op["security"] = e.access == .open ? [] : [["bearerAuth": []], ["cookieAuth": []]]
        return .object(op)
    }

    static func description(_ e: Endpoint) -> String {
        var text = e.summary.en + " / " + e.summary.de + ". "
        switch e.access {
        case .open: text += "Open to anyone."
        case .signedIn: text += "Any signed-in role."
        case .permission(let p):
            text +=
                "Needs permission \(p.rawValue) (roles: \(Role.allCases.filter { $0.permissions.contains(p) }.map(\.rawValue).joined(separator: ", ")))."
        }
        if let m = e.masking { text += " Masking: " + m.en }
        return text
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    static func operationId(_ e: Endpoint) -> String {
        let words = e.path.split(separator: "/").filter { $0 != "api" }.map { part -> String in
            let p = part.hasPrefix("{") ? "by-" + part.dropFirst().dropLast() : String(part)
            return p.replacingOccurrences(of: ".", with: "-")
        }
        let camel = words.flatMap { $0.split(separator: "-") }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return e.method.rawValue.lowercased() + camel
    }

    static func tag(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count > 1 ? String(parts[1]) : String(parts.first ?? "api")
    }

    static func errorText(_ status: Int) -> String {
        switch status {
        case 400: "The request is invalid (the message names the parameter)."
        case 401: "Not signed in."
        case 403: "The role does not allow this, or the CSRF token or Origin is wrong."
        case 404: "Not found (also when the role could not know)."
        case 409: "Conflict with what exists."
        case 413: "The body is larger than the server accepts."
        case 422: "Refused by the rules (invalid rows, failed pre-flight); details list why."
        case 429: "Too many attempts."
        default: "Error."
        }
    }

    static let components: [String: JSONValue] = [
        "Error": Schema.object(
            [
                "error": Schema.object(["code": Schema.string, "message": Schema.string], required: ["code", "message"]),
                "details": Schema.array(Schema.string),
            ], required: ["error"]),
        "Health": Schema.object(["status": Schema.string, "version": Schema.string], required: ["status", "version"]),
        "Role": Schema.enumeration(Role.allCases.map(\.rawValue)),
        "Me": Schema.object(
            [
                "name": Schema.string, "role": Schema.ref("Role"),
                "permissions": Schema.array(Schema.enumeration(Permission.allCases.map(\.rawValue))),
                "csrf": Schema.string, "via": Schema.enumeration(["session", "token"]),
            ], required: ["name", "role", "permissions", "via"]),
        "Customer": Schema.object(
            [
                "id": Schema.string, "firstName": Schema.string, "lastName": Schema.string, "email": Schema.string, "phone": Schema.string,
                "street": Schema.string, "postalCode": Schema.string, "city": Schema.string, "birthDate": Schema.string, "country": Schema.string,
                "language": Schema.string, "createdAt": Schema.dateTime, "masked": Schema.array(Schema.string),
                "consents": ["type": "object", "additionalProperties": Schema.boolean],
            ], required: ["id", "masked", "consents"]),
        "CustomerDetail": Schema.object(
            [
                "customer": Schema.ref("Customer"), "restrictions": Schema.array(Schema.string), "orders": Schema.anyObject,
                "derived": Schema.array(Schema.anyObject), "feedback": Schema.array(Schema.anyObject),
            ], required: ["customer", "restrictions", "orders", "derived"]),
        "ImportReport": Schema.object(
            [
                "entity": Schema.string, "file": Schema.string, "rowsRead": Schema.integer, "rowsImported": Schema.integer,
                "rowsRejected": Schema.integer,
                "rejections": Schema.array(Schema.string), "matchedByEmail": Schema.integer, "seconds": Schema.number,
            ], required: ["entity", "file", "rowsRead", "rowsImported", "rowsRejected", "rejections", "matchedByEmail", "seconds"]),
        "Activity": Schema.object(
            [
                "name": Schema.string, "purpose": Schema.string, "legalBasis": Schema.string, "description": Schema.localized,
                "fields": Schema.array(Schema.string), "results": Schema.array(Schema.string), "humanReview": Schema.boolean,
                "approval": Schema.object(["by": Schema.string, "at": Schema.dateTime], required: ["by", "at"]), "lastRun": Schema.ref("Run"),
            ], required: ["name", "purpose", "legalBasis", "description", "fields", "results", "humanReview"]),
        "Run": Schema.object(
            [
                "id": Schema.integer, "activity": Schema.string, "purpose": Schema.string, "status": Schema.string, "startedAt": Schema.dateTime,
                "finishedAt": Schema.dateTime, "people": Schema.integer, "modelVersion": Schema.string,
            ], required: ["id", "activity", "purpose", "status", "startedAt", "people"]),
        "Preflight": Schema.object(
            [
                "activity": Schema.string, "purpose": Schema.string, "legalBasis": Schema.string, "fields": Schema.array(Schema.string),
                "peopleInScope": Schema.integer, "customersTotal": Schema.integer, "qualityScore": Schema.integer, "qualityThreshold": Schema.integer,
                "population": Schema.enumeration(["customers", "feedback-authors"]), "populationTotal": Schema.integer,
                "checkedAt": Schema.dateTime,
                "items": Schema.array(
                    Schema.object(
                        ["check": Schema.string, "status": Schema.enumeration(["ok", "warning", "fail"]), "message": Schema.localized],
                        required: ["check", "status", "message"])),
            ], required: ["activity", "purpose", "legalBasis", "fields", "items", "checkedAt"]),
        "Explanation": Schema.object(["summary": Schema.localized, "factors": Schema.array(Schema.anyObject)], required: ["summary"]),
        "SubjectRequest": Schema.object(
            [
                "id": Schema.integer, "subject": Schema.string,
                "kind": Schema.enumeration(["access", "rectification", "erasure", "restriction", "objection"]),
                "detail": Schema.string, "receivedAt": Schema.dateTime, "deadline": Schema.dateTime, "completedAt": Schema.dateTime,
            ], required: ["id", "subject", "kind", "receivedAt", "deadline"]),
        "SubjectRecorded": Schema.object(
            ["customerId": Schema.string, "kind": Schema.enumeration(["restrict", "object"]), "purpose": Schema.string, "category": Schema.string],
            required: ["customerId", "kind"]),
        "User": Schema.object(
            [
                "id": Schema.integer, "name": Schema.string, "role": Schema.ref("Role"), "createdAt": Schema.dateTime, "disabled": Schema.boolean,
                "lockedUntil": Schema.dateTime,
            ], required: ["id", "name", "role", "createdAt", "disabled"]),
    ]
}
