import Foundation
import ObhutCore

extension Workspace {
    /// Records the DPO's approval of an activity in the register (and the audit log).
    public func approve(activity name: String, by approver: String, actor: Actor) throws {
        var register = try register()
        guard let i = register.activities.firstIndex(where: { $0.name == name }) else {
            throw RegisterError.unknownActivity(name, known: register.activities.map(\.name))
        }
        let at = Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down))
        let seal = store.keys.approvalSeal(register.activities[i].canonicalDeclaration(approvedBy: approver, at: at))
        register.activities[i].approval = Approval(by: approver, at: at, seal: seal)
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

extension Workspace {
    /// Whether the approval of `activity` still covers its declaration (see ``Approval/seal``).
    func approvalHolds(_ activity: ProcessingActivity) -> Bool {
        guard let approval = activity.approval, let seal = approval.seal else { return false }
        return store.keys.approvalSeal(activity.canonicalDeclaration(approvedBy: approval.by, at: approval.at)) == seal
    }
}
