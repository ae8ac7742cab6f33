/// Yes/no fields as shops and spreadsheets write them, in English and German.
public enum BooleanValue {
    /// `true`: true, yes, y, ja, j, wahr, 1, x (a ticked box), on; `false`: false, no, n, nein,
    /// falsch, 0, off. Case and surrounding whitespace are ignored. An empty field is `.empty`
    /// (whether it means "no" is the importer's decision per column).
    public static func parse(_ text: String) -> Result<Bool, ValueError> {
        ValueBytes.withTrimmedUTF8(text) { b in
            if b.isEmpty { return .failure(.empty) }
            for word in trueWords where ValueBytes.equalsIgnoringCase(b, word) { return .success(true) }
            for word in falseWords where ValueBytes.equalsIgnoringCase(b, word) { return .success(false) }
            return .failure(ValueError(.malformed, "not a yes/no value (true/false, yes/no, ja/nein, 1/0, y/n, x)"))
        }
    }

    private static let trueWords: [StaticString] = ["true", "yes", "y", "ja", "j", "wahr", "1", "x", "on"]
    private static let falseWords: [StaticString] = ["false", "no", "n", "nein", "falsch", "0", "off"]
}
