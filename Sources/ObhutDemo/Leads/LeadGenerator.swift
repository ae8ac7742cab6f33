import Foundation
import ObhutCore

/// The business side of the demo: invented companies that might buy in bulk (office coffee,
/// corporate gifts, hotel and café supplies), with engagement and an outcome that depends on
/// them in a learnable but noisy way.
///
/// The outcome model (a latent lead quality q ~ N(0, 1) drives both engagement and winning):
/// logit P(won) = -2.0 + 1.5·source + 1.5·industry + 0.45·(ln size − 3) + 0.5·min(meetings, 6)
///   + 0.05·min(visits, 15) + 0.02·min(e-mails opened, 30) + 0.5·q + N(0, 0.3²),
/// with the source and industry effects of the tables below.
/// Because q is only partly visible through engagement, a logistic regression on the observed
/// fields reaches an AUC of about 0.8, not 1.
enum LeadData {
    struct Industry {
        let name: String
        let branches: [String]
        let effect: Double
    }

    static let industries: [Industry] = [
        Industry(name: "Gastronomie", branches: ["Café", "Bistro", "Gastro", "Kaffeerösterei"], effect: 0.2),
        Industry(name: "Hotellerie", branches: ["Hotel", "Hotelbetriebe", "Pension"], effect: 0.3),
        Industry(name: "Büro & Verwaltung", branches: ["Consulting", "Immobilien", "Steuerberatung", "Verwaltung"], effect: 0.0),
        Industry(name: "Einzelhandel", branches: ["Geschenkartikel", "Feinkost", "Haushaltswaren", "Buchhandlung"], effect: 0.1),
        Industry(name: "Garten- & Landschaftsbau", branches: ["Gartenbau", "Landschaftsbau", "Baumschule"], effect: -0.1),
        Industry(name: "Gesundheit & Pflege", branches: ["Pflegedienst", "Physiotherapie", "Praxisbedarf"], effect: -0.2),
        Industry(name: "Bildung", branches: ["Kita", "Sprachschule", "Akademie"], effect: -0.3),
        Industry(name: "Handwerk", branches: ["Tischlerei", "Malerbetrieb", "Elektrotechnik"], effect: -0.2),
    ]
    static let industryCumulative = cumulative([0.16, 0.10, 0.22, 0.14, 0.08, 0.10, 0.07, 0.13])

    /// Source, share, effect on winning.
    static let sources: [(String, Double, Double)] = [
        ("trade-fair", 0.18, 0.5), ("website", 0.30, 0.1), ("referral", 0.12, 1.0),
        ("cold-call", 0.22, -0.9), ("newsletter", 0.18, -0.2),
    ]
    static let sourceCumulative = cumulative(sources.map(\.1))
    static let legalForms = ["GmbH", "GmbH & Co. KG", "KG", "e.K.", "OHG", "AG", "UG (haftungsbeschränkt)"]
    static let legalCumulative = cumulative([0.55, 0.12, 0.08, 0.10, 0.05, 0.03, 0.07])
}

extension DemoShop {
    /// Number of leads: a tenth of the customers, at least 300, at most 5,000.
    public static func leadCount(customers: Int) -> Int { min(5_000, max(300, customers / 10)) }

    static func staleLeadCount(_ config: DemoConfig) -> Int {
        var n = 0
        for i in 0..<leadCount(customers: config.customers) where isStaleLead(i, config) { n += 1 }
        return n
    }

    static func isStaleLead(_ i: Int, _ config: DemoConfig) -> Bool {
        SplitMix64.unit(SplitMix64.hash(config.seed, Stream.leadDefect.rawValue, UInt64(i))) < config.dirtyShare
    }

    /// The leads of the sales team (ids L00001...), deterministic for the seed.
    public func leads() -> [Lead] {
        let count = Self.leadCount(customers: config.customers)
        let now = timeline.nowSeconds
        var out: [Lead] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            var rng = SplitMix64(seed: config.seed, stream: Stream.leads.rawValue, index: UInt64(i))
            let industry = LeadData.industries[rng.index(cumulative: LeadData.industryCumulative)]
            let source = LeadData.sources[rng.index(cumulative: LeadData.sourceCumulative)]
            let branch = industry.branches[rng.below(industry.branches.count)]
            let surnameIndex = people.germanSurnames.draw(&rng)
            let surname = people.germanSurnames.names[surnameIndex]
            let legal = LeadData.legalForms[rng.index(cumulative: LeadData.legalCumulative)]
            let company: String
            let slug: String
            let u = rng.uniform()
            if u < 0.12 {
                let partner = people.germanSurnames.names[people.germanSurnames.draw(&rng)]
                company = surname + " & " + partner + " " + branch + " " + legal
                slug = people.germanSurnames.slugs[surnameIndex] + "-" + FastText.asciiSlug(partner)
            } else if u < 0.27 {
                let city = people.cities[rng.index(cumulative: people.cityCumulative)].name
                company = branch + " " + city + " " + legal
                slug = FastText.asciiSlug(branch) + "-" + FastText.asciiSlug(city)
            } else {
                company = surname + " " + branch + " " + legal
                slug = people.germanSurnames.slugs[surnameIndex] + "-" + FastText.asciiSlug(branch)
            }

            var contactName: String?
            var contactEmail: String?
            if rng.chance(0.96) {
                let female = rng.chance(0.5)
                let pool = female ? people.germanFemale : people.germanMale
                let fi = pool.draw(&rng)
                let li = people.germanSurnames.draw(&rng)
                contactName = pool.names[fi] + " " + people.germanSurnames.names[li]
                if rng.chance(0.92) {
                    contactEmail = pool.slugs[fi] + "." + people.germanSurnames.slugs[li] + "@" + slug + ".example"
                }
            }
            let size: Int? = rng.chance(0.92) ? Int(min(5000, max(1, exp(2.6 + 1.2 * rng.normal())).rounded())) : nil

            // Engagement and outcome, driven by a latent quality.
            let q = rng.normal()
            let isReferralOrFair = source.0 == "referral" || source.0 == "trade-fair"
            let emails = min(60, rng.poisson(mean: exp(1.2 + 0.3 * q + (source.0 == "newsletter" ? 0.5 : 0))))
            let visits = min(40, rng.poisson(mean: exp(0.7 + 0.35 * q + (source.0 == "website" ? 0.4 : 0))))
            let meetings = min(12, rng.poisson(mean: exp(-0.6 + 0.6 * q + (isReferralOrFair ? 0.4 : 0))))
            let stale = Self.isStaleLead(i, config)
            let ageDays = stale ? 800 + rng.below(300) : rng.below(730)
            let created = now - ageDays * 86_400 - rng.below(86_400)
            let closeProbability = stale ? 0 : (ageDays > 150 ? 0.92 : (ageDays > 60 ? 0.55 : 0.12))
            let closed = rng.chance(closeProbability)
            let z =
                -2.0 + 1.5 * source.2 + 1.5 * industry.effect + 0.45 * (log(Double(size ?? 20)) - 3)
                + 0.5 * Double(min(meetings, 6)) + 0.05 * Double(min(visits, 15)) + 0.02 * Double(min(emails, 30))
                + 0.5 * q + 0.3 * rng.normal()
            let won = closed && rng.chance(1 / (1 + exp(-z)))

            var stage: LeadStage
            var outcome: LeadOutcome
            var lastActivity: Int
            var stageSince: Int
            if closed {
                stage = .closed
                outcome = won ? .won : .lost
                lastActivity = created + 86_400 * (10 + rng.below(max(1, min(ageDays - 10, 200))))
                stageSince = lastActivity
            } else {
                outcome = .open
                switch meetings {
                case 0: stage = emails + visits == 0 || ageDays < 7 ? .new : .contacted
                case 1: stage = .qualified
                case 2: stage = .proposal
                default: stage = .negotiation
                }
                if stale {
                    lastActivity = created + 86_400 * (1 + rng.below(20))
                } else {
                    lastActivity = now - Int(rng.exponential(mean: 10 * 86_400))
                }
                lastActivity = max(created + 60, lastActivity)
                stageSince = created + rng.below(max(1, lastActivity - created))
            }
            lastActivity = min(lastActivity, now - 60)
            stageSince = min(stageSince, lastActivity)

            out.append(
                Lead(
                    id: FastText.code("L", UInt64(i + 1), width: 5), company: company, contactName: contactName,
                    contactEmail: contactEmail, source: source.0, industry: industry.name, size: size,
                    createdAt: Date(timeIntervalSince1970: Double(created)), stage: stage, outcome: outcome,
                    emailsOpened: emails, visits: visits, meetings: meetings,
                    lastActivityAt: Date(timeIntervalSince1970: Double(lastActivity)),
                    stageSince: Date(timeIntervalSince1970: Double(stageSince))))
        }
        return out
    }
}
