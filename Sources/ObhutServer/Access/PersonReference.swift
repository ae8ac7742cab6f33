import Obhut
import ObhutStore

/// How a per-person result names its person for the role that reads it. Roles that may see
/// customers (`contactData` or `customerDetail`) get the customer id; everyone else (the analyst)
/// gets a keyed pseudonym ("p_" + 22 base32 characters), stable per activity and different across
/// activities, so lists from two analyses cannot be joined and the id cannot be recovered.
///
/// There is no way back from a pseudonym to a person over the API: a made-up pseudonym finds
/// nothing, and a real one finds nothing either.
public struct PersonReference: Sendable {
    let keys: KeyRing
    let activity: String
    public let pseudonymous: Bool

    public init(principal: Principal, activity: String, workspace: Workspace) {
        self.keys = workspace.store.keys
        self.activity = activity
        self.pseudonymous = !(principal.may(.contactData) || principal.may(.customerDetail))
    }

    /// The customer id, or its pseudonym for this activity.
    public func name(_ customerId: String) -> String {
        pseudonymous ? keys.pseudonymiser(activity: "api:" + activity).pseudonym(customerId) : customerId
    }
}
