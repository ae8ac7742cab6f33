import Foundation
import ObhutCore

/// Name, address and contact material with sampling tables, built once per shop. Everything a
/// customer record needs is drawn from here with a few array look-ups and concatenations.
struct People: Sendable {
    struct Pool: Sendable {
        let names: [String]
        let slugs: [String]
        let cumulative: [Double]

        init(_ weighted: [(String, Double)]) {
            names = weighted.map(\.0)
            slugs = weighted.map { FastText.asciiSlug($0.0) }
            cumulative = ObhutDemo.cumulative(weighted.map(\.1))
        }

        @inline(__always)
        func draw(_ rng: inout SplitMix64) -> Int { rng.index(cumulative: cumulative) }
    }

    let germanFemale: Pool
    let germanMale: Pool
    let englishFemale: Pool
    let englishMale: Pool
    let germanSurnames: Pool
    let englishSurnames: Pool
    let streets: Pool
    let cities: [City]
    let cityCumulative: [Double]
    let germanDomains: Pool
    let englishDomains: Pool
    let mobilePrefixes = ["151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"]

    init() {
        /// Zipf-like weights: common names are more common, but not overwhelmingly.
        func ranked(_ names: [String], total: Double, exponent: Double = 0.6) -> [(String, Double)] {
            let raw = names.indices.map { 1 / pow(Double($0 + 8), exponent) }
            let sum = raw.reduce(0, +)
            return zip(names, raw).map { ($0, total * $1 / sum) }
        }
        germanFemale = Pool(ranked(NameData.germanFemale, total: 1))
        germanMale = Pool(ranked(NameData.germanMale, total: 1))
        englishFemale = Pool(ranked(NameData.englishFemale, total: 1))
        englishMale = Pool(ranked(NameData.englishMale, total: 1))

        var compounds: [String] = []
        for r in NameData.surnameRoots {
            for e in NameData.surnameEndings {
                // "Steinstein", "Bachbach": skip doubled parts.
                if r.lowercased().hasSuffix(e) || e.hasPrefix(r.lowercased()) { continue }
                compounds.append(r + e)
            }
        }
        let common = Set(NameData.germanSurnames)
        compounds = Array(Set(compounds).subtracting(common)).sorted()
        let compoundWeight = 0.69 / Double(compounds.count)
        germanSurnames = Pool(
            ranked(NameData.germanSurnames, total: 0.25, exponent: 0.3)
                + compounds.map { ($0, compoundWeight) }
                + NameData.otherSurnames.map { ($0, 0.06 / Double(NameData.otherSurnames.count)) })
        englishSurnames = Pool(
            ranked(NameData.englishSurnames, total: 0.85, exponent: 0.5)
                + ranked(NameData.germanSurnames, total: 0.15, exponent: 0.5))

        var streets: [(String, Double)] = []
        for r in NameData.streetRoots {
            for (s, w) in NameData.streetSuffixes { streets.append((r + s, w)) }
        }
        let fixedWeight = 0.08 * Double(NameData.streetRoots.count) / Double(NameData.fixedStreets.count)
        streets += NameData.fixedStreets.map { ($0, fixedWeight) }
        self.streets = Pool(streets)

        cities = Places.cities
        cityCumulative = ObhutDemo.cumulative(Places.cities.map(\.population))
        germanDomains = Pool([
            ("example.de", 0.30), ("example.com", 0.14), ("mail.example", 0.16), ("post.example", 0.10),
            ("web.example", 0.10), ("example.org", 0.06), ("online.example", 0.08), ("mailbox.example", 0.06),
        ])
        englishDomains = Pool([
            ("example.com", 0.34), ("example.org", 0.14), ("example.net", 0.16), ("mail.example", 0.16),
            ("example.de", 0.10), ("inbox.example", 0.10),
        ])
    }

    /// A postal code of the city as a 5-digit string: the central code or one from its range.
    func postalCode(_ city: City, _ rng: inout SplitMix64) -> String {
        let code = rng.chance(0.05) || city.high <= city.low ? city.central : rng.int(city.low, city.high)
        return FastText.code("", UInt64(code), width: 5)
    }

    /// A street with house number ("Lindenweg 12", "Am Anger 3a").
    func street(_ rng: inout SplitMix64) -> String {
        let name = streets.names[streets.draw(&rng)]
        let number = rng.chance(0.7) ? rng.int(1, 40) : rng.int(1, 180)
        var s = name + " " + FastText.decimal(number)
        if rng.chance(0.05) { s += rng.chance(0.6) ? "a" : "b" }
        return s
    }

    /// An e-mail address made from the name slugs and a suffix number that is unique per
    /// customer number, so no two demo customers share an address by accident.
    func email(first: String, last: String, unique: UInt64, english: Bool, _ rng: inout SplitMix64) -> String {
        let number = FastText.decimal(Int(unique))
        let domainPool = english ? englishDomains : germanDomains
        let domain = domainPool.names[domainPool.draw(&rng)]
        let u = rng.uniform()
        let local: String
        if u < 0.40 {
            local = first + "." + last + number
        } else if u < 0.55 {
            local = String(first.prefix(1)) + "." + last + number
        } else if u < 0.70 {
            local = first + last + number
        } else if u < 0.80 {
            local = last + "." + first + number
        } else if u < 0.90 {
            local = first + "_" + last + number
        } else {
            local = first + number
        }
        return local + "@" + domain
    }

    /// A German phone number in international format with a unique subscriber part.
    func phone(city: City, unique: UInt64, width: Int, _ rng: inout SplitMix64) -> String {
        let lead = UInt8(50 + rng.below(8))  // first digit 2-9: German numbers never start with 0 or 1
        let subscriber = String(UnicodeScalar(lead)) + FastText.code("", unique, width: width)
        if rng.chance(0.62) {
            return "+49 " + mobilePrefixes[rng.below(mobilePrefixes.count)] + " " + subscriber
        }
        return "+49 " + city.areaCode + " " + subscriber
    }
}
