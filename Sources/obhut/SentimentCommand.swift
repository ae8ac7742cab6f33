import ArgumentParser
import Foundation
import ObhutAnalytics
import ObhutCore

/// `obhut sentiment --input FILE [--lang de|en|auto] [--json]`: scores one text per line with the
/// lexicon scorer, offline, without a workspace (for analysts and for evaluation).
///
/// `--lang` is the language of the TEXTS here, as issue 6 fixes it, unlike the other commands,
/// where it is the language of the messages; the messages follow `--ui-lang` or the environment.
struct SentimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Sentiment and aspects of texts in a file, one per line, offline. / Stimmung und Aspekte von Texten, offline.",
        discussion: """
            Scores each line of FILE (German or English): e-mail addresses, phone numbers, IBANs, street addresses and names after greetings are redacted first; then language, a score in [-1, 1] with its label (negative up to -0.05, positive from +0.05, neutral between), the aspects (delivery, price, quality, service, packaging, size and fit, and your own with --aspect) with their own sentiment, and the words and rules behind the score. No workspace is opened or changed. With --json: one JSON object per input line, in input order (JSON Lines).

            Note: here --lang is the language of the TEXTS (de, en, or auto: detected per line). The language of the messages comes from --ui-lang or the environment (OBHUT_LANG, LANG).

            Bewertet jede Zeile von FILE (Deutsch oder Englisch): zuerst werden E-Mail-Adressen, Telefonnummern, IBANs, Anschriften und Namen nach Anreden entfernt; dann Sprache, ein Wert in [-1, 1] mit Einstufung (negativ bis -0,05, positiv ab +0,05, dazwischen neutral), die Aspekte (Lieferung, Preis, Qualität, Kundendienst, Verpackung, Passform und eigene mit --aspect) mit eigener Stimmung und die Wörter und Regeln hinter dem Wert. Kein Arbeitsbereich wird geöffnet oder verändert. Mit --json: ein JSON-Objekt pro Eingabezeile, in der Reihenfolge der Eingabe.

            Hinweis: Hier ist --lang die Sprache der TEXTE (de, en oder auto: je Zeile erkannt). Die Sprache der Meldungen kommt aus --ui-lang oder der Umgebung (OBHUT_LANG, LANG).

            Lexicons / Lexika: VADER (C. J. Hutto, MIT), German Polarity Lexicon (Klenner et al. 2010, Apache 2.0), Obhut shop words.
            """)

    @Option(name: .long, help: "Text file, one text per line ('-' reads standard input). / Textdatei, ein Text pro Zeile.")
    var input: String

    @Option(name: .long, help: "Language of the texts: de, en or auto (default: auto, per line). / Sprache der Texte.")
    var lang: TextLanguage = .auto

    @Option(name: .customLong("ui-lang"), help: "Language of the messages: de or en (default: from the environment). / Sprache der Meldungen.")
    var uiLang: Language?

    @Option(
        name: .customLong("aspect"),
        help: "A shop aspect as NAME=keyword,keyword* (repeatable; * = any ending or beginning). / Eigener Aspekt, z. B. Akku=akku*,battery*")
    var customAspects: [String] = []

    @Flag(help: "One JSON object per input line. / Ein JSON-Objekt pro Zeile.")
    var json = false

    func validate() throws {
        for a in customAspects where Self.parseAspect(a) == nil {
            throw ValidationError("--aspect \(a): expected NAME=keyword,keyword (e.g. Akku=akku*,battery*) / erwartet NAME=Stichwort,Stichwort")
        }
    }

    static func parseAspect(_ spec: String) -> Aspect? {
        guard let eq = spec.firstIndex(of: "=") else { return nil }
        let name = spec[..<eq].trimmingCharacters(in: .whitespaces)
        let keywords = spec[spec.index(after: eq)...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !name.isEmpty, !keywords.isEmpty else { return nil }
        return Aspect(id: name, name: Localized(de: name, en: name), keywords: keywords)
    }

    func run() async throws {
        let ui = uiLang ?? Language.fromEnvironment()
        let data: Data
        if input == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: input) else { throw SentimentInputError.unreadable(path: input) }
            data = d
        }
        let lines = Self.splitLines(String(decoding: data, as: UTF8.self))
        let aspects = Aspect.standard + customAspects.compactMap(Self.parseAspect)
        // In chunks, so output starts at once and a large file never holds all results in memory.
        let analyzer = FeedbackAnalyzer(aspects: aspects)
        var start = 0
        while start < lines.count {
            let end = min(start + 1_000, lines.count)
            let out = Self.render(Array(lines[start..<end]), firstLine: start + 1, language: lang, analyzer: analyzer, json: json, ui: ui)
            for line in out { print(line) }
            start = end
        }
    }

    /// The input's lines: split at "\n", a trailing "\r" dropped, no line after a final newline.
    static func splitLines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift, so split on both.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// One output line per input line, in input order (pure: the CLI tests call it in-process).
    static func render(_ lines: [String], language: TextLanguage, aspects: [Aspect] = Aspect.standard, json: Bool, ui: Language) -> [String] {
        render(lines, firstLine: 1, language: language, analyzer: FeedbackAnalyzer(aspects: aspects), json: json, ui: ui)
    }

    /// As above, numbering from `firstLine`, with an analyzer made once for the whole file.
    static func render(_ lines: [String], firstLine: Int, language: TextLanguage, analyzer: FeedbackAnalyzer, json: Bool, ui: Language) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return lines.enumerated().map { index, line in
            let a = analyzer.analyze(line, language: language)
            if json {
                let record = SentimentLine(
                    line: firstLine + index, label: a.label, score: rounded(a.score), language: a.language.language,
                    aspects: a.aspects.map { .init(aspect: $0.aspect, label: $0.label, score: rounded($0.score), mentions: $0.mentions) },
                    redactions: Dictionary(uniqueKeysWithValues: a.redacted.counts.map { ($0.key.rawValue, $0.value) }),
                    reasons: a.reasons.map { $0.text[ui] })
                return (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            }
            var out = "\(firstLine + index)\t\(a.label.name[ui])\t\(FeedbackAnalysis.format(a.score))\t\(a.language.language.rawValue)"
            if !a.aspects.isEmpty {
                out += "\t" + a.aspects.map { "\($0.name[ui]) \(FeedbackAnalysis.format($0.score))" }.joined(separator: ", ")
            }
            if !a.reasons.isEmpty { out += "\t" + a.reasons.prefix(3).map { $0.text[ui] }.joined(separator: "; ") }
            return out
        }
    }

    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

/// One line of `obhut sentiment --json`.
struct SentimentLine: Encodable {
    struct AspectLine: Encodable {
        var aspect: String
        var label: SentimentLabel
        var score: Double
        var mentions: Int
    }

    var line: Int
    var label: SentimentLabel
    var score: Double
    var language: Language
    var aspects: [AspectLine]
    var redactions: [String: Int]
    var reasons: [String]
}

enum SentimentInputError: UserFacingError {
    case unreadable(path: String)

    func message(in language: Language) -> String {
        switch (self, language) {
        case (.unreadable(let p), .de): "Die Datei \(p) lässt sich nicht lesen. Pfad prüfen (oder '-' für die Standardeingabe)."
        case (.unreadable(let p), .en): "Cannot read the file \(p). Check the path (or use '-' for standard input)."
        }
    }
}

extension TextLanguage: ExpressibleByArgument {}
