/// E-mail address syntax and a matching key, for import validation and de-duplication.
///
/// The syntax is a pragmatic subset of RFC 5322 (with RFC 6531 non-ASCII letters allowed):
/// `local@domain.tld`, exactly one `@`, no whitespace, a local part of 1-64 bytes made of
/// letters, digits, ``!#$%&'*+/=?^_`{|}~-`` and dots (not first, last or doubled), a domain of at
/// least two labels of 1-63 bytes each (letters, digits, hyphens not at either end), a top-level
/// label of letters or `xn--`. Quoted local parts and IP-literal domains, legal but unseen in
/// shop data, are rejected.
public enum EmailAddress {
    /// The trimmed address when its syntax is acceptable, else the reason.
    public static func validate(_ text: String) -> Result<String, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { bytes in
            if let problem = check(bytes) { return .failure(problem) }
            return .success(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A key for matching people by address: trimmed and lower-cased; for Gmail (`gmail.com`,
    /// `googlemail.com`) also without dots and `+tag` in the local part, and with the domain
    /// `gmail.com`, because Gmail delivers all those spellings to one mailbox.
    ///
    /// A key, not an address to write to: send mail to the address as given.
    public static func normalized(_ text: String) -> String {
        let lower = text.trimmingWhitespace().lowercased()
        guard let at = lower.lastIndex(of: "@") else { return lower }
        let domain = lower[lower.index(after: at)...]
        guard domain == "gmail.com" || domain == "googlemail.com" else { return lower }
        var local = lower[..<at]
        if let plus = local.firstIndex(of: "+") { local = local[..<plus] }
        return local.filter { $0 != "." } + "@gmail.com"
    }

    private static func isAtext(_ b: UInt8) -> Bool {
        switch b {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="),
            UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"),
            UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default: return b >= 0x80
        }
    }

    private static func check(_ b: UnsafeBufferPointer<UInt8>) -> ValueError? {
        guard b.count > 0 else { return .empty }
        guard b.count <= 254 else { return ValueError(.malformed, "longer than 254 characters") }
        var at = -1
        for (i, c) in b.enumerated() {
            if c <= 0x20 || c == 0x7F { return ValueError(.malformed, "contains a space or control character") }
            if c == UInt8(ascii: "@") {
                if at >= 0 { return ValueError(.malformed, "more than one @") }
                at = i
            }
        }
        guard at >= 0 else { return ValueError(.malformed, "no @") }
        guard at > 0 else { return ValueError(.malformed, "nothing before the @") }
        guard at <= 64 else { return ValueError(.malformed, "the part before the @ is longer than 64 characters") }
        guard at < b.count - 1 else { return ValueError(.malformed, "no domain after the @") }

        // Local part.
        if b[0] == UInt8(ascii: ".") || b[at - 1] == UInt8(ascii: ".") {
            return ValueError(.malformed, "the part before the @ starts or ends with a dot")
        }
        for i in 0..<at {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                if b[i + 1] == UInt8(ascii: ".") { return ValueError(.malformed, "two dots in a row") }
            } else if !isAtext(c) {
                return ValueError(.malformed, "character not allowed before the @ at position \(i + 1)")
            }
        }

        // Domain.
        let domainStart = at + 1
        guard b.count - domainStart <= 253 else { return ValueError(.malformed, "domain longer than 253 characters") }
        var labelStart = domainStart
        var labels = 0
        var i = domainStart
        while i <= b.count {
            if i == b.count || b[i] == UInt8(ascii: ".") {
                let length = i - labelStart
                guard length > 0 else { return ValueError(.malformed, "empty label in the domain") }
                guard length <= 63 else { return ValueError(.malformed, "domain label longer than 63 characters") }
                if b[labelStart] == UInt8(ascii: "-") || b[i - 1] == UInt8(ascii: "-") {
                    return ValueError(.malformed, "domain label starts or ends with a hyphen")
                }
                labels += 1
                if i == b.count {
                    // Top-level label: letters (or an IDN xn-- label), at least two.
                    let tld = UnsafeBufferPointer(rebasing: b[labelStart..<i])
                    let isPunycode =
                        length > 4 && ValueBytes.lower(tld[0]) == UInt8(ascii: "x")
                        && ValueBytes.lower(tld[1]) == UInt8(ascii: "n") && tld[2] == 0x2D && tld[3] == 0x2D
                    if !isPunycode {
                        guard length >= 2 else { return ValueError(.malformed, "top-level domain shorter than two letters") }
                        for c in tld where !(c >= 0x80 || (ValueBytes.lower(c) >= 0x61 && ValueBytes.lower(c) <= 0x7A)) {
                            return ValueError(.malformed, "top-level domain must be letters")
                        }
                    }
                }
                labelStart = i + 1
            } else {
                let c = b[i]
                let ok =
                    c >= 0x80 || ValueBytes.isDigit(c) || c == 0x2D
                    || (ValueBytes.lower(c) >= 0x61 && ValueBytes.lower(c) <= 0x7A)
                if !ok { return ValueError(.malformed, "character not allowed in the domain at position \(i + 1)") }
            }
            i += 1
        }
        guard labels >= 2 else { return ValueError(.malformed, "domain has no top-level part (like .de)") }
        return nil
    }
}
