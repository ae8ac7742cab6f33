import Obhut
import ObhutCore

/// Maps the use cases' own errors to the HTTP answers a client can act on: an unknown person,
/// lead, activity or user is 404 (not the generic 400), a taken name 409. The rest falls through
/// to `ErrorMiddleware` (user-facing errors as 400, anything else 500 without internals).
enum DomainErrors {
    static func map<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as SubjectError {
            if case .unknownCustomer = e { throw APIError.notFound }
            throw e
        } catch let e as LeadDeskError {
            if e == .unknownLead { throw APIError.notFound }
            throw e
        } catch let e as RegisterError {
            if case .unknownActivity = e { throw APIError.notFound }
            throw e
        } catch let e as AccountError {
            switch e {
            case .unknownUser: throw APIError.notFound
            case .nameTaken:
                throw APIError(.conflict, code: "conflict", message: Localized(de: "Diesen Namen gibt es schon.", en: "That name is taken."))
            case .tokenRoleTooHigh:
                throw APIError(.forbidden, code: "token_role_too_high", message: Localized(de: e.message(in: .de), en: e.message(in: .en)))
            default: throw e
            }
        } catch let e as BreachError {
            if e == .unknownCase { throw APIError.notFound }
            throw e
        }
    }
}
