/// The regular expressions of ``Redactor`` (regex literals: checked by the compiler).
///
/// `Regex` is not `Sendable` (it compiles itself lazily on first use), so each ``Redactor`` holds
/// its own set instead of sharing static ones across threads.
struct Patterns {
    let email = #/[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/#

    let iban = #/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/#

    let phone =
        #/(?:(?:\+|\b00)\d{1,3}[ \-.\/]?(?:\(0\)[ ]?)?|\(0\d{1,5}\)[ ]?|\b0\d{1,5}[ \-.\/]?)\d+(?:[ \-.\/]?\d+){0,5}/#

    /// dd.mm.yyyy and the like, which the phone pattern would otherwise take.
    let date = #/\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})/#

    let germanStreet =
        #/\b\p{Lu}[\w\-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|pfad|\s(?:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee))\s*\d{1,4}(?:\s?[a-zA-Z]\b)?(?:,?\s+\d{5}\s+\p{Lu}[\w\-]+)?/#

    let englishStreet =
        #/\b\d{1,5}[a-zA-Z]?\s+(?:\p{Lu}\w+\s+){1,3}(?:Street|Road|Avenue|Lane|Drive|Boulevard|Way|Court|Place|Square|Close|Crescent|Terrace|Gardens|Row|Mews|Hill|St|Rd|Ave|Ln|Dr|Blvd|Ct|Pl)\b/#

    /// A greeting or sign-off, optional titles, then the name (capture 1).
    let greetingName =
        #/\b(?:(?:Thanks|Thank you|Danke|Vielen Dank),?[ \t]*\n|Mein Name ist|Ich heiße|My name is|Mit freundlichen Grüßen|Mit freundlichem Gruß|Mit besten Grüßen|Freundliche Grüße|Herzliche Grüße|Viele Grüße|Liebe Grüße|Beste Grüße|Schöne Grüße|Sehr geehrte|Sehr geehrter|Guten Morgen|Guten Abend|Guten Tag|Grüß Gott|Hallo|Moin|Servus|Liebe|Lieber|Gruß|Grüße|LG|VG|MfG|Good morning|Good afternoon|Good evening|Best regards|Kind regards|Warm regards|Best wishes|Yours sincerely|Sincerely|Regards|Cheers|Dear|Hello|Hi|Hey)[,!:]?[ \t]*\n?[ \t]*(?:(?:Frau|Herr|Herrn|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.|Prof\.)\s+)*((?:\p{Lu}[\p{Ll}'\-]+|\p{Lu}\.)(?:[ ](?:\p{Lu}[\p{Ll}'\-]+|\p{Lu}\.)){0,2})/#

    /// The first words of the greetings, sign-offs and introductions of ``greetingName``.
    static let greetingStarts: Set<String> = [
        "Thanks", "Thank", "Danke", "Vielen", "Mein", "Ich", "My", "Mit", "Freundliche", "Herzliche", "Viele", "Liebe", "Beste",
        "Schöne", "Sehr", "Guten", "Grüß", "Hallo", "Moin", "Servus", "Lieber", "Gruß", "Grüße", "LG", "VG", "MfG", "Good", "Best",
        "Kind", "Warm", "Yours", "Sincerely", "Regards", "Cheers", "Dear", "Hello", "Hi", "Hey",
    ]

    /// Capitalised words after a greeting that are not names.
    static let notNames: Set<String> = [
        "team", "zusammen", "leute", "damen", "herren", "herr", "frau", "kundenservice", "kundendienst", "service", "support", "shop",
        "grüße", "gruß", "sir", "madam", "all", "everyone", "everybody", "there", "folks", "guys", "customer", "mr", "mrs", "ms", "dr",
        "ich", "wir", "liebe", "lieber", "sehr", "vielen", "danke", "thanks", "thank", "i", "we", "the", "again",
    ]
}
