import Foundation
import ObhutCore

extension DemoShop {
    /// Star distributions (1...5) by product quality tier, for returned articles, for surveys
    /// about the shop, and the hidden mood of mails and chats (service contacts skew negative).
    static let ratingByTier: [[Double]] = [
        cumulative([0.04, 0.04, 0.08, 0.26, 0.58]),
        cumulative([0.09, 0.08, 0.16, 0.30, 0.37]),
        cumulative([0.22, 0.16, 0.22, 0.22, 0.18]),
    ]
    static let ratingReturned = cumulative([0.32, 0.25, 0.20, 0.13, 0.10])
    static let ratingSurvey = cumulative([0.05, 0.07, 0.15, 0.35, 0.38])
    static let contactMood = cumulative([0.28, 0.20, 0.20, 0.14, 0.18])
    static let feedbackKinds = cumulative([0.62, 0.08, 0.18, 0.12])

    /// One to three pieces of feedback about the customer's orders.
    func writeFeedback(
        number: Int, customerId: String, personal: PersonalFields, language: Language, english: Bool,
        records: [OrderRecord], into feedback: inout [Feedback], _ rng: inout SplitMix64
    ) {
        let u = rng.uniform()
        let count = u < 0.75 ? 1 : (u < 0.93 ? 2 : 3)
        let now = timeline.nowSeconds
        for j in 0..<count {
            let order = records[rng.below(records.count)]
            let line = rng.below(order.products.count)
            let product = order.products[line]
            let kind: FeedbackKind = [.review, .survey, .email, .chat][rng.index(cumulative: Self.feedbackKinds)]
            var created = order.utc + 86_400 * (1 + rng.below(20)) + rng.below(86_400)
            if created >= now { created = order.utc + max(1, (now - order.utc) / 2) }
            let clothing = catalog.category[product] == CategoryID.clothing.rawValue
            var text: String
            var rating: Int?
            var productId: String?
            switch kind {
            case .review, .survey:
                let stars: Int
                if kind == .survey {
                    stars = rng.index(cumulative: Self.ratingSurvey) + 1
                } else if order.returned[line] {
                    stars = rng.index(cumulative: Self.ratingReturned) + 1
                    productId = catalog.ids[product]
                } else {
                    stars = rng.index(cumulative: Self.ratingByTier[catalog.qualityTier[product]]) + 1
                    productId = catalog.ids[product]
                }
                rating = stars
                var signature: String?
                if kind == .review, let first = personal.firstName, let last = personal.lastName, rng.chance(0.1) {
                    signature = rng.chance(0.7) ? first + " " + String(last.prefix(1)) + "." : first + " " + last
                }
                text = writer.review(rating: stars, language: language, clothing: kind == .review && clothing, signature: signature, &rng)
            case .email, .chat:
                let mood = rng.index(cumulative: Self.contactMood) + 1
                if rng.chance(0.5) { productId = catalog.ids[product] }
                text = writer.contact(
                    kind: kind, mood: mood, language: language, writer: contactDetails(personal, english: english, &rng),
                    orderId: order.id, &rng)
            }
            feedback.append(
                Feedback(
                    id: feedbackId(number: number, sequence: j), customerId: customerId, productId: productId, kind: kind,
                    rating: rating, text: text, language: language, createdAt: Date(timeIntervalSince1970: Double(created))))
        }
    }

    /// The writer's own details, or invented ones if the shop does not know them.
    private func contactDetails(_ p: PersonalFields, english: Bool, _ rng: inout SplitMix64) -> FeedbackWriter.Writer {
        var first = p.firstName
        var last = p.lastName
        if first == nil || last == nil {
            let firstPool = english ? people.englishFemale : people.germanFemale
            first = first ?? firstPool.names[firstPool.draw(&rng)]
            last = last ?? people.germanSurnames.names[people.germanSurnames.draw(&rng)]
        }
        let firstName = first ?? "Alex"
        let lastName = last ?? "Berg"
        let phone = p.phone ?? ("+49 17" + FastText.decimal(rng.below(10)) + " " + FastText.code("", UInt64(rng.int(2_000_000, 9_999_999)), width: 7))
        let email = p.email ?? (FastText.asciiSlug(firstName) + "." + FastText.asciiSlug(lastName) + "@example.de")
        return FeedbackWriter.Writer(fullName: firstName + " " + lastName, firstName: firstName, phone: phone, email: email)
    }
}
