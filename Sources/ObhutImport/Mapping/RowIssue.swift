import ObhutCore

/// Why one row was rejected: line, field and reason, never the value (it may be personal data).
public struct RowIssue: Sendable, Equatable, Error {
    public var line: Int
    public var field: String?
    public var reason: Localized

    public init(line: Int, field: String?, reason: Localized) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `FILE:LINE: field: reason`, as the CLI prints it.
    public func text(file: String, language: Language) -> String {
        "\(file):\(line): " + (field.map { "\($0): " } ?? "") + reason[language]
    }
}
