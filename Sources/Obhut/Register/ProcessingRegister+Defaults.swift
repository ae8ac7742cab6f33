import ObhutCore

extension ProcessingRegister {
    /// The register of a new workspace: default purposes (DESIGN.md), the activities Obhut ships,
    /// none of them approved. The DPO approves each with `obhut register approve NAME --by NAME`.
    public static let defaults = ProcessingRegister(
        version: 1,
        controller: Controller(name: "", contact: "", dpo: ""),
        purposes: Purpose.defaults,
        activities: [
            ProcessingActivity(
                name: "purchase-patterns", purpose: .analytics, legalBasis: .legitimateInterest,
                description: Localized(
                    de:
                        "Welche Produkte und Kategorien wann gekauft werden, was zusammen gekauft wird, steigende und fallende Produkte, Wiederkaufintervalle. Pseudonymisiert.",
                    en:
                        "Which products and categories sell when, what is bought together, rising and falling products, repeat-purchase intervals. Pseudonymised."
                ),
                dataCategories: ["purchase history"],
                fields: [
                    "orders.customer_id", "orders.order_id", "orders.product_id", "orders.quantity", "orders.unit_price", "orders.ordered_at",
                    "products.name", "products.category",
                ],
                // Aggregates only: analytics (legitimate interest) allows no per-person profiling. Lists
                // of who is due to rebuy belong to a consent-based activity.
                results: [
                    ResultDeclaration(name: "patterns", perPerson: false, retentionDays: 365),
                    ResultDeclaration(name: "rebuy-intervals", perPerson: false, retentionDays: 365),
                ],
                humanReview: false, qualityThreshold: 60),
            ProcessingActivity(
                name: "rebuy-reminders", purpose: .personalization, legalBasis: .consent,
                description: Localized(
                    de:
                        "Welche Produkte eine Kundin oder ein Kunde bald wieder braucht (letzter Kauf plus übliches Wiederkaufintervall), mit Begründung.",
                    en: "Which products a customer is due to buy again (last purchase plus the usual repeat interval), with the reason."),
                dataCategories: ["purchase history"],
                fields: ["orders.customer_id", "orders.product_id", "orders.ordered_at", "products.name"],
                results: [ResultDeclaration(name: "rebuy-due", perPerson: true, retentionDays: 30)],
                humanReview: false, qualityThreshold: 60),
            ProcessingActivity(
                name: "segments", purpose: .personalization, legalBasis: .consent,
                description: Localized(
                    de: "RFM-Bewertung und Gruppierung der Kundschaft nach Kaufverhalten in beschriebene Segmente.",
                    en: "RFM scoring and clustering of customers by buying behaviour into described segments."),
                dataCategories: ["purchase history"],
                fields: [
                    "orders.customer_id", "orders.order_id", "orders.product_id", "orders.quantity", "orders.unit_price", "orders.discount",
                    "orders.ordered_at", "products.category",
                ],
                results: [ResultDeclaration(name: "segment", perPerson: true, retentionDays: 365)],
                humanReview: false, qualityThreshold: 60),
            ProcessingActivity(
                name: "clv", purpose: .personalization, legalBasis: .consent,
                description: Localized(
                    de:
                        "Kundenwert: Wahrscheinlichkeit, dass jemand noch aktiv ist, erwartete Käufe und Umsatz (BG/NBD, Gamma-Gamma); Abwanderungsrisiko.",
                    en: "Customer lifetime value: probability of still being active, expected purchases and spend (BG/NBD, Gamma-Gamma); churn risk."),
                dataCategories: ["purchase history"],
                fields: ["orders.customer_id", "orders.order_id", "orders.quantity", "orders.unit_price", "orders.ordered_at"],
                results: [ResultDeclaration(name: "clv", perPerson: true, retentionDays: 365)],
                humanReview: false, qualityThreshold: 60),
            ProcessingActivity(
                name: "recommendations", purpose: .personalization, legalBasis: .consent,
                description: Localized(
                    de: "Persönliche Produktempfehlungen mit Begründung aus der Kaufhistorie.",
                    en: "Personal product recommendations with reasons, from the purchase history."),
                dataCategories: ["purchase history"],
                fields: [
                    "orders.customer_id", "orders.product_id", "orders.quantity", "orders.ordered_at", "products.name", "products.category",
                    "products.for_sale",
                ],
                results: [ResultDeclaration(name: "recommendation", perPerson: true, retentionDays: 90)],
                humanReview: false, qualityThreshold: 60),
            ProcessingActivity(
                name: "feedback", purpose: .feedback, legalBasis: .legitimateInterest,
                description: Localized(
                    de: "Stimmung und Aspekte von Bewertungen und Nachrichten; personenbezogene Angaben werden vorher geschwärzt.",
                    en: "Sentiment and aspects of reviews and messages; personal data is redacted first."),
                dataCategories: ["feedback texts"],
                fields: [
                    "feedback.text", "feedback.rating", "feedback.language", "feedback.created_at", "feedback.product_id", "feedback.customer_id",
                ],
                results: [ResultDeclaration(name: "sentiment", perPerson: false, retentionDays: 730)],
                humanReview: false, qualityThreshold: 50),
            ProcessingActivity(
                name: "lead-scores", purpose: .sales, legalBasis: .legitimateInterest,
                description: Localized(
                    de: "Abschlusswahrscheinlichkeit von Leads mit Begründung; ein Mensch entscheidet (Art. 22 DSGVO).",
                    en: "Chance of a lead converting, with reasons; a person decides (GDPR Art. 22)."),
                dataCategories: ["business contact", "sales history"],
                fields: [
                    "leads.source", "leads.industry", "leads.size", "leads.emails_opened", "leads.visits", "leads.meetings",
                    "leads.last_activity_at", "leads.stage", "leads.stage_since", "leads.created_at", "leads.outcome",
                ],
                results: [ResultDeclaration(name: "lead-score", perPerson: true, retentionDays: 365)],
                humanReview: true, qualityThreshold: 50),
        ],
        retention: .defaults,
        specialCategoryKeywords: [
            "health": [
                "apotheke", "pharmacy", "gesundheit", "health", "medizin", "medical", "arznei", "inkontinenz", "diabet", "schwanger", "pregnan",
            ],
            "religion": ["religi", "bibel", "bible", "koran", "quran", "gebet", "prayer", "rosenkranz", "kosher", "koscher", "halal"],
            "sex-life": ["erotik", "erotic", "adult", "sexual"],
            "political-opinion": ["partei", "political party"],
        ])
}
