import Foundation

/// A language Obhut speaks to people in. German and English are both first-class.
public enum Language: String, Sendable, Codable, CaseIterable {
    case de
    case en

    /// The language from the environment (`OBHUT_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG`);
    /// English when nothing says German.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["OBHUT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = env[key]?.lowercased(), !value.isEmpty else { continue }
            if value.hasPrefix("de") { return .de }
            if value.hasPrefix("en") { return .en }
            if value == "c" || value == "posix" { return .en }
        }
        return .en
    }
}

/// A text in both languages; everything a person reads is one of these.
public struct Localized: Sendable, Hashable, Codable {
    public var de: String
    public var en: String

    public init(de: String, en: String) {
        self.de = de
        self.en = en
    }

    public subscript(_ language: Language) -> String {
        switch language {
        case .de: de
        case .en: en
        }
    }
}

extension Language {
    /// A number as people read it in this language: `digits` decimals, a decimal comma in German
    /// ("14,4"), a point in English ("14.4"). No thousands separators (figures stay copyable).
    public func decimal(_ x: Double, digits: Int) -> String {
        let text = String(format: "%.\(max(0, digits))f", x)
        return self == .de ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
