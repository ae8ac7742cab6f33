import ObhutCore

/// Something feedback talks about — delivery, price, quality, service, packaging, size and fit, or
/// a shop's own — with the words that name it in German and English.
///
/// Keyword patterns are matched against each word after folding (lower case, ä → ae, …):
/// `liefer*` matches words that start with "liefer" (Lieferung, Lieferzeit), `*lieferung` words
/// that end with it (Paketlieferung), `*liefer*` words that contain it (geliefert), and a keyword
/// without `*` only the whole word ("fit", "eng").
public struct Aspect: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier: "delivery", "price", … or the shop's own.
    public var id: String
    public var name: Localized
    public var keywords: [String]

    public init(id: String, name: Localized, keywords: [String]) {
        self.id = id
        self.name = name
        self.keywords = keywords
    }

    public static let delivery = Aspect(
        id: "delivery", name: Localized(de: "Lieferung", en: "delivery"),
        keywords: [
            "liefer*", "*liefer*", "versand*", "*versand", "versendet", "verschickt", "zugestellt", "zustellung", "paket", "pakete",
            "angekommen", "ankam", "kam", "lieferzeit", "deliver*", "shipping", "shipped", "ship", "arrived", "arrival", "arrive",
            "arrives", "courier", "dispatch*", "postage",
        ])
    public static let price = Aspect(
        id: "price", name: Localized(de: "Preis", en: "price"),
        keywords: [
            "preis*", "*preis", "teuer", "teure*", "überteuert", "billig*", "günstig*", "preiswert", "kosten", "kostet", "geld", "euro",
            "price*", "pricey", "expensive", "cheap*", "inexpensive", "cost*", "money", "value", "overpriced", "affordable", "bucks",
        ])
    public static let quality = Aspect(
        id: "quality", name: Localized(de: "Qualität", en: "quality"),
        keywords: [
            "qualität*", "*qualität", "verarbeit*", "material*", "stoff", "kaputt", "defekt", "hochwertig*", "minderwertig*", "robust",
            "stabil", "haltbar*", "quality", "material*", "fabric", "made", "stitching", "seams", "durable", "sturdy", "flimsy", "broke",
            "broken", "defective", "cheaply",
        ])
    public static let service = Aspect(
        id: "service", name: Localized(de: "Kundendienst", en: "customer service"),
        keywords: [
            "kundendienst*", "kundenservice*", "service", "support", "hotline", "mitarbeiter*", "beratung", "kontakt", "antwort*",
            "geantwortet", "reklamation*", "rückerstattung", "erstattung", "customer service", "support", "staff", "seller", "help*",
            "respon*", "refund*", "representative", "agent", "waiter", "waitress", "server",
        ])
    public static let packaging = Aspect(
        id: "packaging", name: Localized(de: "Verpackung", en: "packaging"),
        keywords: ["verpack*", "*verpackung", "karton", "umverpackung", "eingepackt", "packag*", "packed", "packing", "box", "wrapped", "wrapping"])
    public static let fit = Aspect(
        id: "fit", name: Localized(de: "Passform", en: "size and fit"),
        keywords: [
            "passform", "passt", "passen", "sitzt", "größe*", "eng", "weit", "zu klein", "klein", "groß", "kurz", "lang", "fit", "fits",
            "fitted", "fitting", "size*", "sizing", "small", "large", "tight", "loose", "snug", "petite", "runs", "length", "short",
        ])

    /// The six aspects every shop gets.
    public static let standard: [Aspect] = [.delivery, .price, .quality, .service, .packaging, .fit]
}
