import Foundation
import Testing

@testable import ObhutAnalytics

/// Three planted groups: recent regulars who buy garden goods, dormant one-off buyers, and
/// bargain hunters who buy toys on discount.
private func plantedBehaviour(perGroup: Int = 120, seed: UInt64 = 9) -> CustomerBehaviour {
    var random = SplitMix64(seed: seed)
    func jitter(_ x: Double, _ spread: Double) -> Double { max(0, x * (1 + spread * (random.nextDouble() - 0.5))) }
    var b = CustomerBehaviour(
        recencyDays: [], orders: [], spend: [], discountShare: [], returnShare: [], tenureDays: [], categoryNames: ["Garten", "Spielzeug"],
        categoryShares: [])
    for group in 0..<3 {
        for _ in 0..<perGroup {
            switch group {
            case 0:
                b.recencyDays.append(jitter(10, 0.8))
                b.orders.append(jitter(12, 0.4).rounded() + 1)
                b.spend.append(jitter(600, 0.4))
                b.discountShare.append(jitter(0.05, 0.5))
                b.tenureDays.append(jitter(1200, 0.3))
                b.categoryShares += [0.8, 0.2]
            case 1:
                b.recencyDays.append(jitter(500, 0.4))
                b.orders.append(1)
                b.spend.append(jitter(40, 0.4))
                b.discountShare.append(jitter(0.05, 0.5))
                b.tenureDays.append(jitter(520, 0.3))
                b.categoryShares += [0.5, 0.5]
            default:
                b.recencyDays.append(jitter(60, 0.6))
                b.orders.append(jitter(4, 0.4).rounded() + 1)
                b.spend.append(jitter(120, 0.4))
                b.discountShare.append(jitter(0.85, 0.2))
                b.tenureDays.append(jitter(400, 0.3))
                b.categoryShares += [0.1, 0.9]
            }
            b.returnShare.append(jitter(0.03, 0.5))
        }
    }
    return b
}

struct BehaviourSegmentationTests {
    @Test func plantedGroupsAreFoundNamedAndDescribed() throws {
        let behaviour = plantedBehaviour()
        let result = try BehaviourSegmentation.fit(behaviour, options: SegmentationOptions(clusterRange: 2...6, seed: 3))
        #expect(result.segments.count == 3, "candidates \(result.candidates)")
        // Every planted group lands in one segment.
        for group in 0..<3 {
            let labels = Set(result.labels[(group * 120)..<((group + 1) * 120)])
            #expect(labels.count == 1, "group \(group) split into \(labels)")
        }
        let regulars = result.segments[Int(result.labels[0])]
        #expect(regulars.name.en == "Regulars – Garten", "got \(regulars.name.en)")
        #expect(regulars.description.en.contains("times as often as average"), "got \(regulars.description.en)")
        #expect(regulars.description.de.contains("-mal so oft wie der Durchschnitt"))
        let dormant = result.segments[Int(result.labels[120])]
        #expect(dormant.name.en.hasPrefix("Dormant customers"), "got \(dormant.name.en)")
        let hunters = result.segments[Int(result.labels[240])]
        #expect(hunters.name.en.hasPrefix("Bargain hunters"), "got \(hunters.name.en)")
        #expect(hunters.description.de.contains("reagieren auf Rabatte"), "got \(hunters.description.de)")
        #expect(hunters.description.en.contains("mostly Spielzeug"), "got \(hunters.description.en)")
        #expect(result.stability > 0.95)
        // Sizes are ordered, largest first, and add up.
        #expect(result.segments.map(\.profile.customers).reduce(0, +) == behaviour.count)
        #expect(zip(result.segments, result.segments.dropFirst()).allSatisfy { $0.profile.customers >= $1.profile.customers })
    }

    @Test func aCustomersExplanationComparesTheirValuesWithTheSegmentAndEveryone() throws {
        let behaviour = plantedBehaviour()
        let result = try BehaviourSegmentation.fit(behaviour, options: SegmentationOptions(clusterRange: 2...6, seed: 3))
        let why = result.explanation(forCustomer: 240, behaviour: behaviour)
        #expect(why.summary.de.hasPrefix("Segment „Schnäppchenjäger"), "got \(why.summary.de)")
        #expect(why.factors.count == 3)
        #expect(why.factors.allSatisfy { $0.name.en.contains("segment avg") && $0.name.de.contains("alle ⌀") })
        // The customer shares the segment's leading trait.
        #expect(why.factors[0].contribution > 0)
    }

    @Test func sameSeedSameSegments() throws {
        let behaviour = plantedBehaviour(seed: 4)
        let a = try BehaviourSegmentation.fit(behaviour, options: SegmentationOptions(seed: 11))
        let b = try BehaviourSegmentation.fit(behaviour, options: SegmentationOptions(seed: 11))
        #expect(a.labels == b.labels)
        #expect(a.segments == b.segments)
    }

    @Test func refusesTooFewCustomersAndBadValues() throws {
        var few = plantedBehaviour(perGroup: 10)
        #expect(throws: ClusteringError.tooFewRows(needed: 50, actual: 30)) { try BehaviourSegmentation.fit(few) }
        few = plantedBehaviour()
        few.spend[7] = .nan
        #expect(throws: ClusteringError.notFinite(row: 7, column: 2)) { try BehaviourSegmentation.fit(few) }
        var shape = plantedBehaviour()
        shape.orders.removeLast()
        #expect(throws: ClusteringError.self) { try BehaviourSegmentation.fit(shape) }
    }

    @Test func worksWithoutCategories() throws {
        var behaviour = plantedBehaviour()
        behaviour.categoryNames = []
        behaviour.categoryShares = []
        let result = try BehaviourSegmentation.fit(behaviour, options: SegmentationOptions(clusterRange: 2...6, seed: 3))
        #expect(result.segments.allSatisfy { !$0.name.en.contains("–") })
        #expect(!result.featureNames.contains { $0.hasPrefix("share") })
    }

    @Test func germanNumbersUseADecimalComma() {
        #expect(Number.de(3.14) == "3,1")
        #expect(Number.en(3.14) == "3.1")
        #expect(Number.percent(0.456) == "46 %")
        #expect(Number.duration(800, .de) == "2,2 Jahren")
        #expect(Number.duration(90, .en) == "3 months")
    }
}
