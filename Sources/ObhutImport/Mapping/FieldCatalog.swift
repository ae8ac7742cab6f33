import ObhutCore

/// The columns of every entity: the single source for the importer, the README table and
/// `obhut import --help`.
public enum FieldCatalog {
    public static func fields(for entity: ImportEntity) -> [FieldSpec] {
        switch entity {
        case .customers: customers
        case .products: products
        case .orders: orders
        case .feedback: feedback
        case .consents: consents
        case .leads: leads
        }
    }

    static let customers: [FieldSpec] = [
        FieldSpec(
            "customer_id", required: true, generic: ["id", "kunden_id", "kundennummer", "customer"],
            shopify: ["Customer ID", "Id"], woocommerce: ["customer_id", "ID", "user_id", "Customer User ID"],
            help: Localized(
                de: "Kundennummer (Pflicht; bei Shopify ohne ID: aus der E-Mail abgeleitet)",
                en: "Customer id (required; Shopify without id: derived from the e-mail)")),
        FieldSpec(
            "first_name", generic: ["vorname", "firstname"], shopify: ["First Name"],
            woocommerce: ["billing_first_name", "Billing First Name", "first_name"],
            help: Localized(de: "Vorname", en: "First name")),
        FieldSpec(
            "last_name", generic: ["nachname", "lastname", "surname"], shopify: ["Last Name"],
            woocommerce: ["billing_last_name", "Billing Last Name", "last_name"],
            help: Localized(de: "Nachname", en: "Last name")),
        FieldSpec(
            "email", generic: ["e-mail", "e_mail", "mail", "email_address"], shopify: ["Email"],
            woocommerce: ["billing_email", "user_email", "Billing Email", "Email"],
            help: Localized(de: "E-Mail-Adresse (Syntax wird geprüft)", en: "E-mail address (syntax checked)")),
        FieldSpec(
            "phone", generic: ["telefon", "tel", "phone_number"], shopify: ["Phone", "Default Address Phone"],
            woocommerce: ["billing_phone", "Billing Phone"],
            help: Localized(de: "Telefonnummer", en: "Phone number")),
        FieldSpec(
            "street", generic: ["strasse", "straße", "address", "adresse"], shopify: ["Default Address Address1", "Address1"],
            woocommerce: ["billing_address_1", "Billing Address 1"],
            help: Localized(de: "Straße und Hausnummer", en: "Street and number")),
        FieldSpec(
            "postal_code", generic: ["plz", "postleitzahl", "zip", "postcode"], shopify: ["Default Address Zip", "Zip"],
            woocommerce: ["billing_postcode", "Billing Postcode", "Postal code"],
            help: Localized(de: "Postleitzahl", en: "Postal code")),
        FieldSpec(
            "city", generic: ["ort", "stadt"], shopify: ["Default Address City", "City"], woocommerce: ["billing_city", "Billing City", "City"],
            help: Localized(de: "Ort", en: "City")),
        FieldSpec(
            "country", generic: ["land", "country_code"], shopify: ["Default Address Country Code", "Country Code", "Country"],
            woocommerce: ["billing_country", "Billing Country", "Country"],
            help: Localized(de: "Land (ISO-Code wie DE oder Name)", en: "Country (ISO code like DE, or name)")),
        FieldSpec(
            "birth_date", generic: ["geburtsdatum", "birthday", "date_of_birth"],
            help: Localized(de: "Geburtsdatum (JJJJ-MM-TT oder TT.MM.JJJJ)", en: "Birth date (YYYY-MM-DD or DD.MM.YYYY)")),
        FieldSpec(
            "language", generic: ["sprache", "lang", "locale"],
            help: Localized(de: "Sprache: de oder en", en: "Language: de or en")),
        FieldSpec(
            "created_at", generic: ["angelegt", "registered", "signup_date", "kunde_seit"], shopify: ["Created At"],
            woocommerce: ["date_registered", "user_registered", "Date registered"],
            help: Localized(de: "Kunde seit (Datum oder Zeitpunkt)", en: "Customer since (date or time)")),
        FieldSpec(
            "updated_at", generic: ["geaendert", "geändert", "last_update", "modified"], shopify: ["Updated At"],
            woocommerce: ["date_modified", "Last active"],
            help: Localized(de: "Zuletzt geändert", en: "Last updated")),
    ]

    static let products: [FieldSpec] = [
        FieldSpec(
            "product_id", required: true, generic: ["id", "sku", "artikelnummer", "artikel_id"], shopify: ["Variant SKU", "Handle"],
            woocommerce: ["SKU", "ID", "product_id"],
            help: Localized(de: "Artikelnummer (Pflicht)", en: "Product id (required)")),
        FieldSpec(
            "name", required: true, generic: ["bezeichnung", "titel", "title", "product_name"], shopify: ["Title"],
            woocommerce: ["Name", "post_title"],
            help: Localized(de: "Bezeichnung (Pflicht)", en: "Name (required)")),
        FieldSpec(
            "category", generic: ["kategorie", "warengruppe", "product_type"], shopify: ["Type", "Product Category"],
            woocommerce: ["Categories", "category"],
            help: Localized(de: "Kategorie", en: "Category")),
        FieldSpec(
            "price", generic: ["preis", "unit_price"], shopify: ["Variant Price"], woocommerce: ["Regular price", "Price", "price"],
            help: Localized(de: "Preis (12.99 oder 12,99)", en: "Price (12.99 or 12,99)")),
        FieldSpec(
            "currency", generic: ["waehrung", "währung"],
            help: Localized(de: "Währung (ISO 4217, z. B. EUR)", en: "Currency (ISO 4217, e.g. EUR)")),
        FieldSpec(
            "for_sale", generic: ["aktiv", "active", "verfuegbar", "available"], shopify: ["Status", "Published"],
            woocommerce: ["Published", "In stock?"],
            help: Localized(de: "Im Verkauf (ja/nein)", en: "For sale (yes/no)")),
        FieldSpec("created_at", generic: ["angelegt"], help: Localized(de: "Angelegt am", en: "Created at")),
    ]

    static let orders: [FieldSpec] = [
        FieldSpec(
            "order_id", required: true, generic: ["bestellnummer", "order", "order_number", "invoice"], shopify: ["Name", "Id"],
            woocommerce: ["order_id", "Order ID", "order_number", "Order Number"],
            help: Localized(de: "Bestellnummer (Pflicht)", en: "Order id (required)")),
        FieldSpec(
            "line", generic: ["position", "pos", "line_number"],
            help: Localized(de: "Positionsnummer (fehlt sie, wird je Bestellung hochgezählt)", en: "Line number (counted up per order when missing)")),
        FieldSpec(
            "customer_id", required: true, generic: ["kunden_id", "kundennummer", "customer"], shopify: ["Email"],
            woocommerce: ["customer_id", "customer_user", "Customer User ID"],
            help: Localized(de: "Kundennummer (muss existieren; Shopify: E-Mail)", en: "Customer id (must exist; Shopify: e-mail)")),
        FieldSpec(
            "product_id", required: true, generic: ["artikelnummer", "sku", "product", "stock_code"], shopify: ["Lineitem sku", "Lineitem name"],
            woocommerce: ["sku", "SKU", "product_id", "Product ID"],
            help: Localized(de: "Artikelnummer (muss existieren)", en: "Product id (must exist)")),
        FieldSpec(
            "product_name", generic: ["artikel", "bezeichnung"], shopify: ["Lineitem name"], woocommerce: ["item_name", "Item Name", "Product Name"],
            help: Localized(
                de: "Artikelbezeichnung (Shopify/WooCommerce: legt fehlende Artikel an)",
                en: "Product name (Shopify/WooCommerce: creates missing products)")),
        FieldSpec(
            "quantity", required: true, generic: ["menge", "anzahl", "qty"], shopify: ["Lineitem quantity"],
            woocommerce: ["qty", "Quantity", "item_quantity"],
            help: Localized(de: "Menge (negativ für Retouren)", en: "Quantity (negative for returns)")),
        FieldSpec(
            "unit_price", required: true, generic: ["einzelpreis", "preis", "price"], shopify: ["Lineitem price"],
            woocommerce: ["item_price", "Item Cost", "item_cost"],
            help: Localized(de: "Einzelpreis (12.99 oder 12,99)", en: "Unit price (12.99 or 12,99)")),
        FieldSpec(
            "currency", generic: ["waehrung", "währung"], shopify: ["Currency"], woocommerce: ["order_currency", "Order Currency"],
            help: Localized(de: "Währung (ISO 4217; Standard EUR)", en: "Currency (ISO 4217; default EUR)")),
        FieldSpec(
            "ordered_at", required: true, generic: ["bestelldatum", "datum", "date", "order_date", "invoice_date"], shopify: ["Created at"],
            woocommerce: ["order_date", "Order Date"],
            help: Localized(de: "Bestellzeitpunkt (ISO 8601 oder TT.MM.JJJJ [HH:MM])", en: "Order time (ISO 8601 or DD.MM.YYYY [HH:MM])")),
        FieldSpec(
            "channel", generic: ["kanal", "source"], shopify: ["Source"], woocommerce: ["created_via"],
            help: Localized(de: "Verkaufskanal", en: "Sales channel")),
        FieldSpec(
            "discount", generic: ["rabatt"], shopify: ["Lineitem discount"], woocommerce: ["discount_amount"],
            help: Localized(de: "Rabatt auf die Position", en: "Discount on the line")),
    ]

    static let feedback: [FieldSpec] = [
        FieldSpec("feedback_id", required: true, generic: ["id"], help: Localized(de: "Kennung (Pflicht)", en: "Id (required)")),
        FieldSpec(
            "customer_id", generic: ["kunden_id", "kundennummer"],
            help: Localized(de: "Kundennummer (optional, muss existieren)", en: "Customer id (optional, must exist)")),
        FieldSpec("product_id", generic: ["artikelnummer", "sku"], help: Localized(de: "Artikelnummer (optional)", en: "Product id (optional)")),
        FieldSpec(
            "kind", generic: ["art", "type", "channel"],
            help: Localized(de: "review, email, chat oder survey (Standard review)", en: "review, email, chat or survey (default review)")),
        FieldSpec("rating", generic: ["bewertung", "sterne", "stars"], help: Localized(de: "Sterne 1-5 (optional)", en: "Stars 1-5 (optional)")),
        FieldSpec(
            "text", required: true, generic: ["text", "kommentar", "comment", "review", "nachricht", "message"],
            help: Localized(de: "Text (Pflicht)", en: "Text (required)")),
        FieldSpec("language", generic: ["sprache", "lang"], help: Localized(de: "Sprache de/en (optional)", en: "Language de/en (optional)")),
        FieldSpec("created_at", required: true, generic: ["datum", "date"], help: Localized(de: "Zeitpunkt", en: "Time")),
    ]

    static let consents: [FieldSpec] = [
        FieldSpec(
            "customer_id", required: true, generic: ["kunden_id", "kundennummer"],
            help: Localized(de: "Kundennummer (muss existieren)", en: "Customer id (must exist)")),
        FieldSpec(
            "purpose", required: true, generic: ["zweck"],
            help: Localized(
                de: "Zweck: service, analytics, personalization, marketing, sales, feedback",
                en: "Purpose: service, analytics, personalization, marketing, sales, feedback")),
        FieldSpec(
            "granted", required: true, generic: ["erteilt", "status", "consent"],
            help: Localized(de: "erteilt (ja) oder widerrufen (nein)", en: "granted (yes) or withdrawn (no)")),
        FieldSpec("at", required: true, generic: ["zeitpunkt", "datum", "date", "timestamp"], help: Localized(de: "Zeitpunkt", en: "Time")),
        FieldSpec(
            "source", generic: ["quelle"],
            help: Localized(de: "Quelle (z. B. checkout, newsletter-form)", en: "Source (e.g. checkout, newsletter-form)")),
        FieldSpec(
            "text_version", generic: ["textversion", "version"],
            help: Localized(de: "Version des Einwilligungstextes", en: "Version of the consent text")),
    ]

    static let leads: [FieldSpec] = [
        FieldSpec("lead_id", required: true, generic: ["id"], help: Localized(de: "Kennung (Pflicht)", en: "Id (required)")),
        FieldSpec("company", required: true, generic: ["firma", "unternehmen"], help: Localized(de: "Firma (Pflicht)", en: "Company (required)")),
        FieldSpec("contact_name", generic: ["ansprechpartner", "kontakt", "contact"], help: Localized(de: "Ansprechpartner", en: "Contact person")),
        FieldSpec("contact_email", generic: ["email", "e-mail"], help: Localized(de: "E-Mail des Ansprechpartners", en: "Contact e-mail")),
        FieldSpec(
            "source", generic: ["quelle"],
            help: Localized(de: "Quelle (messe, website, empfehlung, ...)", en: "Source (trade fair, website, referral, ...)")),
        FieldSpec("industry", generic: ["branche"], help: Localized(de: "Branche", en: "Industry")),
        FieldSpec(
            "size", generic: ["mitarbeiter", "employees", "groesse", "größe"], help: Localized(de: "Mitarbeiterzahl", en: "Number of employees")),
        FieldSpec("created_at", required: true, generic: ["angelegt", "datum", "date"], help: Localized(de: "Angelegt am", en: "Created at")),
        FieldSpec(
            "stage", generic: ["phase"],
            help: Localized(
                de: "Phase: new, contacted, qualified, proposal, negotiation, closed",
                en: "Stage: new, contacted, qualified, proposal, negotiation, closed")),
        FieldSpec("outcome", generic: ["ergebnis"], help: Localized(de: "Ergebnis: open, won, lost", en: "Outcome: open, won, lost")),
        FieldSpec("emails_opened", generic: ["mails_geoeffnet"], help: Localized(de: "Geöffnete E-Mails", en: "E-mails opened")),
        FieldSpec("visits", generic: ["besuche"], help: Localized(de: "Website-Besuche", en: "Website visits")),
        FieldSpec("meetings", generic: ["termine"], help: Localized(de: "Termine", en: "Meetings")),
        FieldSpec("last_activity_at", generic: ["letzte_aktivitaet"], help: Localized(de: "Letzte Aktivität", en: "Last activity")),
        FieldSpec("stage_since", generic: ["phase_seit"], help: Localized(de: "In der Phase seit", en: "In stage since")),
    ]
}
