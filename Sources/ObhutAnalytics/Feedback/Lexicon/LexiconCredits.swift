import ObhutCore

/// The attribution the shipped lexicons require (their full licence texts are in the headers of
/// the generated files in Feedback/Lexicons/), for help texts, reports and the about page.
public enum LexiconCredits {
    public static let text = Localized(
        de: """
            Lexika: VADER (C. J. Hutto, MIT-Lizenz) für Englisch und Emoji; German Polarity Lexicon \
            (Klenner, Clematide, Wiegand & Peters 2010; XML von Markus Killer; Apache-Lizenz 2.0) für Deutsch; \
            dazu eine eigene Liste von Shop-Wörtern.
            """,
        en: """
            Lexicons: VADER (C. J. Hutto, MIT licence) for English and emoji; German Polarity Lexicon \
            (Klenner, Clematide, Wiegand & Peters 2010; XML by Markus Killer; Apache License 2.0) for German; \
            plus Obhut's own list of shop words.
            """)
}
