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
    ///
    /// The same text as `String(format: "%.Nf")` (ties to even, a minus sign also on a negative
    /// value that rounds to zero), written by integer arithmetic for up to 6 decimals and values
    /// under 10^9: pages format dozens of numbers, and Foundation's formatting cost microseconds each.
    public func decimal(_ x: Double, digits: Int) -> String {
        let digits = max(0, digits)
        guard digits <= 6, x.isFinite, abs(x) < 1e9 else {
            let text = String(format: "%.\(digits)f", x)
            return self == .de ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        // The product rounded to even, corrected where it fell exactly on a tie that the exact
        // product (its rounding error from a fused multiply-add) is not on: printf rounds the
        // exact binary value.
        let product = abs(x) * Double(scale)
        let error = (-product).addingProduct(abs(x), Double(scale))
        var rounded = product.rounded(.toNearestOrEven)
        if abs(product - rounded) == 0.5, error != 0 {
            rounded = error > 0 ? product.rounded(.up) : product.rounded(.down)
        }
        let scaled = Int64(rounded)
        var text = x.sign == .minus ? "-" : ""
        text += String(scaled / scale)
        if digits > 0 {
            let fraction = String(scaled % scale)
            text += self == .de ? "," : "."
            text += String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }
}
