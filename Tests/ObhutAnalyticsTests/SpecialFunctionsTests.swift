import Foundation
import Testing

@testable import ObhutAnalytics

@Suite struct SpecialFunctionsTests {
    @Test(arguments: [
        (1.0, -0.5772156649015329),
        (0.5, -1.9635100260214235),
        (10.0, 2.251752589066721),
        (1e-3, -1000.5755719318103),
    ])
    func digammaMatchesKnownValues(x: Double, expected: Double) {
        let value = SpecialFunctions.digamma(x)
        #expect(isClose(value, expected, relative: 1e-13), "ψ(\(x)) = \(value), expected \(expected)")
    }

    @Test(arguments: [0.0, 0.1, 0.5, 0.9, 0.99])
    func hypergeometricMatchesClosedForms(z: Double) throws {
        // 2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(a, b; b; z) = (1 − z)^(−a).
        let log = try #require(SpecialFunctions.hypergeometric2F1(1, 1, 2, z))
        let expectedLog = z == 0 ? 1 : -Foundation.log1p(-z) / z
        #expect(isClose(log, expectedLog, relative: 1e-13), "\(log) vs \(expectedLog)")
        let power = try #require(SpecialFunctions.hypergeometric2F1(3.7, 2.2, 2.2, z))
        #expect(isClose(power, pow(1 - z, -3.7), relative: 1e-12), "\(power) vs \(pow(1 - z, -3.7))")
    }

    @Test func hypergeometricSumsPastLargeEarlyTerms() throws {
        // Large a, b: the terms grow before they shrink; 2F1(a, b; b; z) = (1 − z)^(−a) still holds.
        let value = try #require(SpecialFunctions.hypergeometric2F1(40.5, 30.2, 30.2, 0.6))
        #expect(isClose(value, pow(0.4, -40.5), relative: 1e-11), "\(value) vs \(pow(0.4, -40.5))")
    }

    @Test func hypergeometricRefusesWhereTheSeriesDoesNotConverge() {
        #expect(SpecialFunctions.hypergeometric2F1(1, 1, 2, 1) == nil)
        #expect(SpecialFunctions.hypergeometric2F1(1, 1, -2, 0.5) == nil)
        #expect(SpecialFunctions.hypergeometric2F1(1, 1, 2, 0.999_999_9, maxTerms: 1000) == nil)
    }
}
