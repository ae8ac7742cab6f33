import ObhutCore

/// Removes e-mail addresses, phone numbers, IBANs, street addresses and the names after greetings
/// and sign-offs from feedback text, before any analysis and before a text is shown to anyone.
///
/// Patterns (German and English alike; the language only chooses the placeholder words):
/// - e-mail: `local@domain.tld`;
/// - IBAN: two capitals, two check digits, 11-30 more letters or digits, spaces allowed every four
///   (checked before phone numbers, which would otherwise eat its digits);
/// - phone: international `+49 …` / `0049 …`, national `030 1234567`, `(030) 123 45 67`,
///   `0171/1234567`, `030-123456`: at least seven digits in total, separators space / - . and
///   `(0)`; dates and prices have too few digits or no leading 0 or +;
/// - street address: a German street word ending (-straße, -str., -weg, -gasse, -allee, -platz,
///   -ring, -damm, -ufer) or a separate "Straße/Weg/…" after a capitalised word, then a house
///   number ("Musterstraße 12a", "Berliner Straße 5"), with an optional German postcode and town
///   after it; English: a house number then one to three capitalised words and Street, Road,
///   Avenue, Lane, Drive, … ("12 Baker Street");
/// - names: one to three capitalised words (titles Frau/Herr/Dr./Prof./Mr/Mrs/Ms kept) after a
///   greeting ("Hallo", "Liebe", "Sehr geehrter", "Guten Tag", "Moin", "Hi", "Hey", "Dear",
///   "Hello") or a sign-off ("Viele Grüße", "Mit freundlichen Grüßen", "LG", "Best regards",
///   "Cheers", "Thanks" at the end of a line) or an introduction ("Mein Name ist", "My name is"),
///   unless the word is a general address ("Team", "zusammen", "Damen", "Sir", "all", …).
/// Edge cases: over-redaction is preferred to a leak (an order number with a leading 0 and seven
/// digits becomes [TELEFON]); a name that is not after a greeting or sign-off is not found (that
/// needs a name list, which the shop's own customer names would be; not done here).
/// A cheap byte scan decides which patterns can apply at all, so text without '@' or digits only
/// pays for the greeting pattern.
///
/// Not `Sendable` (Swift's `Regex` is not): make one per thread or batch and reuse it.
public struct Redactor {
    let patterns = Patterns()

    public init() {}

    /// Redacts `text` with a fresh redactor (for single texts; reuse a ``Redactor`` for many).
    public static func redact(_ text: String, language: Language) -> RedactedText {
        Redactor().redact(text, language: language)
    }

    /// Redacts `text`, writing placeholders in `language`.
    public func redact(_ text: String, language: Language) -> RedactedText {
        let spans = findSpans(in: text)
        return Self.apply(spans, to: text, language: language)
    }

    /// A found value: where it is and what it is.
    public struct Span: Sendable, Hashable {
        public var range: Range<String.Index>
        public var kind: RedactionKind
    }

    /// The values to remove, in text order, not overlapping.
    public func findSpans(in text: String) -> [Span] {
        var hasAt = false
        var hasDigit = false
        for b in text.utf8 {
            if b == 0x40 { hasAt = true } else if b >= 0x30 && b <= 0x39 { hasDigit = true }
            if hasAt && hasDigit { break }
        }
        var spans: [Span] = []
        func add(_ regex: Regex<Substring>, _ kind: RedactionKind, check: (Substring) -> Bool = { _ in true }) {
            for m in text.matches(of: regex) where check(m.output) {
                let r = m.range
                if spans.contains(where: { $0.range.overlaps(r) }) { continue }
                spans.append(Span(range: r, kind: kind))
            }
        }
        if hasAt { add(patterns.email, .email) }
        if hasDigit {
            add(patterns.iban, .iban) { m in m.filter(\.isNumber).count >= 12 }
            add(patterns.germanStreet, .address)
            add(patterns.englishStreet, .address)
            add(patterns.phone, .phone) { m in m.filter(\.isNumber).count >= 7 && (try? patterns.date.wholeMatch(in: m)) == nil }
        }
        // The greeting pattern is tried only where a greeting word starts (a regex search over the
        // whole text costs a hundred times more).
        let utf8 = text.utf8
        var i = utf8.startIndex
        var previousIsLetter = false
        while i < utf8.endIndex {
            let b = utf8[i]
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
            guard isLetter && !previousIsLetter && b >= 0x41 && b <= 0x5A else {
                previousIsLetter = isLetter
                i = utf8.index(after: i)
                continue
            }
            var j = i
            while j < utf8.endIndex, utf8[j] >= 0x80 || (utf8[j] | 0x20 >= 0x61 && utf8[j] | 0x20 <= 0x7A) { j = utf8.index(after: j) }
            if Patterns.greetingStarts.contains(String(text[i..<j])), let m = text[i...].prefixMatch(of: patterns.greetingName) {
                let r = m.output.1.startIndex..<m.output.1.endIndex
                let words = m.output.1.split(separator: " ")
                if !words.contains(where: { Patterns.notNames.contains($0.lowercased()) }) && !spans.contains(where: { $0.range.overlaps(r) }) {
                    spans.append(Span(range: r, kind: .name))
                }
            }
            i = j
            previousIsLetter = true
        }
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        return spans
    }

    /// Replaces `spans` (from ``findSpans(in:)``) by placeholders in `language`.
    public static func apply(_ spans: [Span], to text: String, language: Language) -> RedactedText {
        guard !spans.isEmpty else { return RedactedText(text: text, counts: [:]) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var counts: [RedactionKind: Int] = [:]
        var position = text.startIndex
        for span in spans where span.range.lowerBound >= position {
            out += text[position..<span.range.lowerBound]
            out += span.kind.placeholder(language)
            counts[span.kind, default: 0] += 1
            position = span.range.upperBound
        }
        out += text[position...]
        return RedactedText(text: out, counts: counts)
    }
}
