import ObhutCore

/// The plain-language statements of ``SalesTiming``, in German and English.
enum TimingStatement {
    static func text(draft: SalesTiming.ProfileDraft, adjustedPValue: Double?, alpha: Double, groupName: String?) -> Localized {
        let subject = groupName.map { Localized(de: $0, en: $0) } ?? Localized(de: "Alle Käufe", en: "All sales")
        let dimension: Localized =
            switch draft.kind {
            case .hourByWeekday:
                groupName == nil
                    ? Localized(de: "Tagesverlauf je Wochentag", en: "daily rhythm by weekday")
                    : Localized(de: "Uhrzeit und Wochentag", en: "hour and weekday")
            case .month: Localized(de: "Monat", en: "month")
            case .season: Localized(de: "Jahreszeit", en: "season")
            }
        let lines = draft.counts.reduce(0, +)
        guard let test = draft.test, let q = adjustedPValue else {
            let n = NumberText.count(lines)
            return Localized(
                de: "\(subject.de): zu wenige Käufe (\(n.de)), um ein Muster nach \(dimension.de) zu prüfen.",
                en: "\(subject.en): too few purchases (\(n.en)) to test for a pattern by \(dimension.en).")
        }
        let p = NumberText.pValue(q)
        let weak = test.cramersV < 0.1
        // All sales, hour × weekday: name the busiest window, then what the independence test says.
        if groupName == nil, draft.kind == .hourByWeekday {
            guard let peak = draft.peak else { return Localized(de: "Keine Käufe.", en: "No purchases.") }
            let ratio = NumberText.decimal(peak.ratio, fractionDigits: 1)
            let head = Localized(
                de: "Am meisten wird \(during(peak, kind: draft.kind).de) gekauft, \(ratio.de)-mal so viel wie im Wochenmittel",
                en: "Sales peak \(during(peak, kind: draft.kind).en), at \(ratio.en) times the weekly average")
            return q < alpha
                ? Localized(
                    de: "\(head.de); der Tagesverlauf unterscheidet sich je nach Wochentag\(weak ? " (schwach)" : "") (\(p.de)).",
                    en: "\(head.en); the daily rhythm differs by weekday\(weak ? " (weakly)" : "") (\(p.en)).")
                : Localized(
                    de: "\(head.de); der Tagesverlauf ist an allen Wochentagen gleich, Abweichungen könnten Zufall sein (\(p.de)).",
                    en: "\(head.en); the daily rhythm is the same on every weekday, differences could be noise (\(p.en)).")
        }
        guard q < alpha, let peak = draft.peak else {
            return Localized(
                de: "\(subject.de): kein Muster nach \(dimension.de) erkennbar, die Abweichungen könnten Zufall sein (\(p.de)).",
                en: "\(subject.en): no pattern by \(dimension.en), the differences could be noise (\(p.en)).")
        }
        let ratio = NumberText.decimal(peak.ratio, fractionDigits: 1)
        let when = during(peak, kind: draft.kind)
        let strength = weak ? Localized(de: " Das Muster ist schwach.", en: " The pattern is weak.") : Localized(de: "", en: "")
        if let groupName {
            return Localized(
                de:
                    "\(groupName) wird \(when.de) \(ratio.de)-mal so oft gekauft, wie der Verlauf aller Käufe erwarten lässt (\(p.de)).\(strength.de)",
                en: "\(groupName) sells \(ratio.en) times as often \(when.en) as all sales would suggest (\(p.en)).\(strength.en)")
        }
        let capitalised = when.de.prefix(1).uppercased() + when.de.dropFirst()
        return Localized(
            de: "\(capitalised) wird \(ratio.de)-mal so viel gekauft wie im Jahresmittel (\(p.de)).\(strength.de)",
            en: "Sales \(when.en) are \(ratio.en) times the yearly average (\(p.en)).\(strength.en)")
    }

    /// "am Sonntagabend 19-21 Uhr" / "on Sunday evening 7-9 pm", "im April" / "in April",
    /// "im Frühjahr" / "in spring".
    static func during(_ peak: TimingPeak, kind: TimingProfileKind) -> Localized {
        switch kind {
        case .hourByWeekday: Localized(de: "am \(peak.label.de)", en: "on \(peak.label.en)")
        case .month: Localized(de: "im \(peak.label.de)", en: "in \(peak.label.en)")
        case .season: TimeSlotNames.season(peak.cells.first ?? 0).during
        }
    }
}
