/// Who acts: a person (CLI user, signed-in user, API token) or a job, with their role.
public struct Actor: Sendable, Codable, Hashable {
    public var name: String
    public var role: String

    public init(name: String, role: String) {
        self.name = name
        self.role = role
    }

    /// The workspace owner at the command line (holds the master key, so acts as admin).
    public static let cli = Actor(name: "cli", role: "admin")
    /// Scheduled and background jobs (retention, imports started by the system).
    public static func job(_ name: String) -> Actor { Actor(name: "job:" + name, role: "system") }
}
