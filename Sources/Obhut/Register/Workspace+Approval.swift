import Foundation
import ObhutCore

extension Workspace {
    /// Records the DPO's approval of an activity in the register (and the audit log).
    public func approve(activity name: String, by approver: String, actor: Actor) throws {
        var register = try register()
        guard let i = register.activities.firstIndex(where: { $0.name == name }) else {
            throw RegisterError.unknownActivity(name, known: register.activities.map(\.name))
        }
        register.activities[i].approval = Approval(by: approver, at: clock())
        try save(register)
        try audit(actor: actor, action: "register.approve", count: 0, activity: name)
    }

    public func revokeApproval(activity name: String, actor: Actor) throws {
        var register = try register()
        guard let i = register.activities.firstIndex(where: { $0.name == name }) else {
            throw RegisterError.unknownActivity(name, known: register.activities.map(\.name))
        }
        register.activities[i].approval = nil
        try save(register)
        try audit(actor: actor, action: "register.revoke", count: 0, activity: name)
    }
}
