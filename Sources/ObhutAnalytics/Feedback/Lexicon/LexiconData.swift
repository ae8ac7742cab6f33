/// The namespace of the lexicon texts: the generated ones (VADER, German Polarity Lexicon, emoji;
/// see scripts/gen-lexicons.py and the licences in their headers) and the words this project wrote.
enum LexiconData {}
