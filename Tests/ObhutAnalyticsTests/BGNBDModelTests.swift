import Foundation
import Testing

@testable import ObhutAnalytics

@Suite struct BGNBDModelTests {
    let unit: BGNBDModel

    init() throws {
        unit = try BGNBDModel(r: 1, alpha: 1, a: 1, b: 1)
    }

    @Test func likelihoodOfOneCustomerMatchesHandComputation() {
        // r = α = a = b = 1, x = 1, t_x = 1, T = 2: A1 = 0, A2 = ln B(1,2) − ln B(1,1) = −ln 2,
        // e^A3 = 3^−2, e^A4 = (1/1)·2^−2, so ln L = ln(1/2 · (1/9 + 1/4)) = ln(13/72).
        let value = unit.logLikelihood(frequency: 1, recency: 1, age: 2)
        #expect(isClose(value, log(13.0 / 72), relative: 1e-14), "\(value) vs \(log(13.0 / 72))")
        // x = 0, T = 1: ln L = r ln α − r ln(α + T) = −ln 2.
        let single = unit.logLikelihood(frequency: 0, recency: 0, age: 1)
        #expect(isClose(single, -log(2.0), relative: 1e-14), "\(single) vs \(-log(2.0))")
    }

    @Test func customerWithoutRepeatPurchaseIsAlive() {
        #expect(unit.probabilityAlive(frequency: 0, recency: 0, age: 30) == 1)
    }

    @Test func probabilityAliveMatchesHandComputation() {
        // odds = a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) = 1 · (3/2)^2 = 9/4, P = 1/(1 + 9/4) = 4/13.
        let value = unit.probabilityAlive(frequency: 1, recency: 1, age: 2)
        #expect(isClose(value, 4.0 / 13, relative: 1e-14), "\(value) vs \(4.0 / 13)")
    }

    @Test(arguments: [0.5, 1.0, 10.0, 100.0])
    func newCustomerPurchasesMatchClosedForm(t: Double) throws {
        // r = α = b = 1, a = 2: E = 2 · [1 − 2F1(1,1;2;z)/(1+t)] with 2F1(1,1;2;z) = −ln(1−z)/z,
        // z = t/(1+t), which gives 2 · (1 − ln(1+t)/t).
        let model = try BGNBDModel(r: 1, alpha: 1, a: 2, b: 1)
        let value = try model.expectedPurchasesOfNewCustomer(within: t)
        let expected = 2 * (1 - log1p(t) / t)
        #expect(isClose(value, expected, relative: 1e-12), "E[N(\(t))] = \(value), expected \(expected)")
    }

    @Test func expectedPurchasesAreContinuousAcrossAEqualsOne() throws {
        // At a = 1 the closed form is 0/0; values just beside it must agree.
        let at = try BGNBDModel(r: 0.8, alpha: 3, a: 1, b: 2).expectedPurchases(within: 20, frequency: 3, recency: 10, age: 15)
        let beside = try BGNBDModel(r: 0.8, alpha: 3, a: 1.0001, b: 2).expectedPurchases(within: 20, frequency: 3, recency: 10, age: 15)
        #expect(at.isFinite && isClose(at, beside, relative: 1e-3), "\(at) vs \(beside)")
    }

    @Test func expectedPurchasesGrowWithTheHorizonAndStartAtZero() throws {
        let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        #expect(try model.expectedPurchases(within: 0, frequency: 5, recency: 20, age: 30) == 0)
        var previous = 0.0
        for t in stride(from: 4.0, through: 520, by: 4) {
            let value = try model.expectedPurchases(within: t, frequency: 5, recency: 20, age: 30)
            #expect(value > previous, "E[N(\(t))] = \(value) not above \(previous)")
            previous = value
        }
    }

    @Test func rejectsInvalidParametersAndArguments() throws {
        #expect(throws: CLVError.invalidParameter(name: "alpha")) { try BGNBDModel(r: 1, alpha: .nan, a: 1, b: 1) }
        #expect(throws: CLVError.invalidParameter(name: "b")) { try BGNBDModel(r: 1, alpha: 1, a: 1, b: 0) }
        #expect(throws: CLVError.self) { try unit.expectedPurchases(within: -1, frequency: 0, recency: 0, age: 1) }
        #expect(throws: CLVError.self) { try unit.expectedPurchases(within: 1, frequency: .nan, recency: 0, age: 1) }
    }

    @Test func groupedLikelihoodAndGradientMatchPerCustomerSums() throws {
        // Repeated histories on purpose: the grouped objective weights each distinct triple.
        let x: [Double] = [0, 0, 1, 3, 3, 0, 7, 1, 3]
        let tx: [Double] = [0, 0, 2, 10, 10, 0, 30.5, 2, 11]
        let age: [Double] = [5, 5, 20, 25, 25, 40, 31, 20, 25]
        let data = try BGNBDData(frequency: x, recency: tx, age: age)
        #expect(data.triples.count == 6)
        let point = [log(0.7), log(3.5), log(0.9), log(2.2)]
        var gradient = [0.0, 0, 0, 0]
        let value = data.meanNegativeLogLikelihood(point, gradient: &gradient)
        let model = try BGNBDModel(r: 0.7, alpha: 3.5, a: 0.9, b: 2.2)
        let direct = -x.indices.map { model.logLikelihood(frequency: x[$0], recency: tx[$0], age: age[$0]) }.reduce(0, +) / 9
        #expect(isClose(value, direct, relative: 1e-13), "\(value) vs \(direct)")
        for k in 0..<4 {
            var plus = point, minus = point, unused = [0.0, 0, 0, 0]
            plus[k] += 1e-6
            minus[k] -= 1e-6
            let numeric = (data.meanNegativeLogLikelihood(plus, gradient: &unused) - data.meanNegativeLogLikelihood(minus, gradient: &unused)) / 2e-6
            #expect(abs(gradient[k] - numeric) < 1e-7, "∂/∂θ\(k): analytic \(gradient[k]), numeric \(numeric)")
        }
    }

    @Test func denseIndexNumbersKeysInOrderOfFirstAppearance() {
        var index = DenseIndex(expected: 2)
        let keys: [UInt64] = (0..<1000).map { UInt64($0 % 300) &* 0x1_0000_0001 }
        let numbers = keys.map { index.index(of: $0) }
        #expect(index.count == 300)
        #expect(numbers.prefix(300) == ArraySlice((0..<300).map(Int32.init)))
        #expect(numbers[300] == 0 && numbers[999] == 99)
        #expect(index.orderedKeys() == Array(keys.prefix(300)))
    }

    @Test func fitRejectsBadSummaries() {
        #expect(throws: CLVError.noRepeatBuyers) { try BGNBDModel.fit(frequency: [0, 0], recency: [0, 0], age: [3, 5]) }
        #expect(throws: CLVError.noCustomers) { try BGNBDModel.fit(frequency: [], recency: [], age: []) }
        #expect(throws: CLVError.invalidSummary(customer: 1, reason: .summaryNotFinite)) {
            try BGNBDModel.fit(frequency: [1, .nan], recency: [1, 0], age: [3, 5])
        }
        #expect(throws: CLVError.invalidSummary(customer: 0, reason: .recencyExceedsAge)) {
            try BGNBDModel.fit(frequency: [1], recency: [4], age: [3])
        }
        #expect(throws: CLVError.invalidSummary(customer: 0, reason: .frequencyNotWhole)) {
            try BGNBDModel.fit(frequency: [1.5], recency: [1], age: [3])
        }
        #expect(throws: CLVError.invalidSummary(customer: 0, reason: .summaryNotFinite)) {
            try BGNBDModel.fit(frequency: [1], recency: [-1], age: [3])
        }
    }

    @Test func fitIsDeterministicAndRecoversSimulatedParameters() throws {
        // Simulate 4,000 customers from known parameters (seeded), fit, and expect them back
        // within sampling error: r = 0.5, α = 5, a = 0.8, b = 3 over 52 weeks.
        let truth = (r: 0.5, alpha: 5.0, a: 0.8, b: 3.0)
        var random = SplitMix64(seed: 42)
        var x: [Double] = [], tx: [Double] = [], age: [Double] = []
        for _ in 0..<4000 {
            let rate = Self.gamma(shape: truth.r, &random) / truth.alpha
            let dropout = Self.beta(truth.a, truth.b, &random)
            let horizon = 52.0
            var time = 0.0, count = 0, last = 0.0
            while true {
                time += -log(1 - random.nextDouble()) / rate
                if time > horizon { break }
                count += 1
                last = time
                if random.nextDouble() < dropout { break }
            }
            x.append(Double(count))
            tx.append(last)
            age.append(horizon)
        }
        let first = try BGNBDModel.fit(frequency: x, recency: tx, age: age)
        let second = try BGNBDModel.fit(frequency: x, recency: tx, age: age)
        #expect(first == second)
        let m = first.model
        #expect(abs(m.r - truth.r) < 0.1 && abs(m.alpha - truth.alpha) < 1.5, "r \(m.r), alpha \(m.alpha)")
        #expect(abs(m.a - truth.a) < 0.3 && abs(m.b - truth.b) < 1.5, "a \(m.a), b \(m.b)")
        #expect(m.r.isFinite && m.alpha.isFinite && m.a.isFinite && m.b.isFinite)
    }

    /// Marsaglia-Tsang gamma variate (shape < 1 through the u^(1/shape) boost).
    static func gamma(shape: Double, _ random: inout SplitMix64) -> Double {
        if shape < 1 { return gamma(shape: shape + 1, &random) * pow(random.nextDouble(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var z: Double, v: Double
            repeat {
                let u1 = random.nextDouble(), u2 = random.nextDouble()
                z = (-2 * log(1 - u1)).squareRoot() * cos(2 * .pi * u2)
                v = 1 + c * z
            } while v <= 0
            v = v * v * v
            let u = random.nextDouble()
            if log(u) < 0.5 * z * z + d - d * v + d * log(v) { return d * v }
        }
    }

    static func beta(_ a: Double, _ b: Double, _ random: inout SplitMix64) -> Double {
        let x = gamma(shape: a, &random), y = gamma(shape: b, &random)
        return x / (x + y)
    }
}
