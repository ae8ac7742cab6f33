import ObhutCore

/// Assembles feedback texts from the phrase bank: a rating decides which clauses may appear,
/// the kind (review, survey, mail, chat) decides the frame around them, and mails and chats may
/// name the writer and give a phone number or e-mail address, as real ones do.
struct FeedbackWriter: Sendable {
    let bank = PhraseBank()

    /// Contact details the writer may put into a mail or chat.
    struct Writer {
        var fullName: String
        var firstName: String
        var phone: String
        var email: String
    }

    private static let aspectWeights: [Double] = [0.25, 0.2, 0.3, 0.08, 0.1, 0]
    private static let aspectWeightsClothing: [Double] = [0.2, 0.15, 0.25, 0.06, 0.06, 0.35]
    private static let aspectWeightsContact: [Double] = [0.4, 0.1, 0.15, 0.3, 0.1, 0]

    private func polarities(rating: Int, count: Int, _ rng: inout SplitMix64) -> [Polarity] {
        var out: [Polarity] = []
        for i in 0..<count {
            let u = rng.uniform()
            switch rating {
            case 5: out.append(.positive)
            case 4: out.append(i == count - 1 && count > 1 && u < 0.5 ? (rng.chance(0.5) ? .negative : .neutral) : .positive)
            case 3: out.append(u < 0.35 ? .positive : (u < 0.7 ? .negative : .neutral))
            case 2: out.append(i == 0 && count > 1 && u < 0.4 ? (rng.chance(0.5) ? .positive : .neutral) : .negative)
            default: out.append(u < 0.8 ? .negative : .neutral)
            }
        }
        return out
    }

    /// The sentences about the aspects: contrasting polarities are joined with "aber"/"but".
    private func body(rating: Int, language: Language, weights: [Double], _ rng: inout SplitMix64) -> String {
        let u = rng.uniform()
        var count = u < 0.45 ? 1 : (u < 0.85 ? 2 : 3)
        if rating == 4 && count == 1 && rng.chance(0.3) { count = 2 }
        var aspects: [Int] = []
        let cum = cumulative(weights)
        var guardCount = 0
        while aspects.count < count && guardCount < 20 {
            let a = rng.index(cumulative: cum)
            if !aspects.contains(a) { aspects.append(a) }
            guardCount += 1
        }
        let pol = polarities(rating: rating, count: aspects.count, &rng)
        let l = language == .de ? 0 : 1
        var text = ""
        var i = 0
        while i < aspects.count {
            let options = bank.clauses[l][aspects[i]][pol[i].rawValue]
            let first = options[rng.below(options.count)]
            if !text.isEmpty { text += " " }
            if i + 1 < aspects.count && (pol[i] != pol[i + 1] || rng.chance(0.25)) {
                let nextOptions = bank.clauses[l][aspects[i + 1]][pol[i + 1].rawValue]
                let second = nextOptions[rng.below(nextOptions.count)]
                let joiner =
                    pol[i] != pol[i + 1]
                    ? PhraseBank.contrast[l][rng.below(PhraseBank.contrast[l].count)]
                    : (language == .de ? " und " : " and ")
                text += first.sentence + joiner + second.inner + "."
                i += 2
            } else {
                text += first.sentence + "."
                i += 1
            }
        }
        return text
    }

    /// A review or survey answer for a rating of 1-5 stars.
    func review(rating: Int, language: Language, clothing: Bool, signature: String?, _ rng: inout SplitMix64) -> String {
        let l = language == .de ? 0 : 1
        var parts: [String] = []
        if rng.chance(0.7) {
            let o = bank.openers[l][rating - 1]
            parts.append(o[rng.below(o.count)])
        }
        parts.append(
            body(
                rating: rating, language: language,
                weights: clothing ? Self.aspectWeightsClothing : Self.aspectWeights, &rng))
        if rng.chance(0.45) {
            let c = bank.closers[l][rating - 1]
            parts.append(c[rng.below(c.count)])
        }
        var text = parts.joined(separator: " ")
        if let signature { text += "\n" + signature }
        return text
    }

    /// A mail or chat to customer service; `mood` is the hidden 1-5 rating behind the words.
    func contact(
        kind: FeedbackKind, mood: Int, language: Language, writer: Writer, orderId: String?, _ rng: inout SplitMix64
    ) -> String {
        let l = language == .de ? 0 : 1
        let mail = kind == .email
        var text = ""
        if mail {
            text = PhraseBank.greetings[l][rng.below(PhraseBank.greetings[l].count)] + "\n"
        } else {
            text = (language == .de ? "Hallo! " : "Hi! ")
        }
        var sentences: [String] = []
        if rng.chance(mail ? 0.4 : 0.3) {
            sentences.append(PhraseBank.nameIntro[l].0 + writer.fullName + PhraseBank.nameIntro[l].1)
        }
        if let orderId, rng.chance(0.5) {
            let r = PhraseBank.orderReference[l][rng.below(2)]
            sentences.append(r.0 + orderId + r.1)
        }
        sentences.append(body(rating: mood, language: language, weights: Self.aspectWeightsContact, &rng))
        if rng.chance(0.2) {
            let r = PhraseBank.phoneContact[l][rng.below(2)]
            sentences.append(r.0 + writer.phone + r.1)
        }
        if rng.chance(0.2) {
            let r = PhraseBank.emailContact[l][rng.below(2)]
            sentences.append(r.0 + writer.email + r.1)
        }
        text += sentences.joined(separator: " ")
        if mail && rng.chance(0.65) {
            text += "\n\n" + PhraseBank.signoffs[l][rng.below(PhraseBank.signoffs[l].count)] + writer.fullName
        } else if !mail && rng.chance(0.2) {
            text += " " + (language == .de ? "Danke, " : "Thanks, ") + writer.firstName
        }
        return text
    }
}
