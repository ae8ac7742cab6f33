import Testing

@testable import ObhutAnalytics

@Suite struct LifetimeValueTests {
    let model: BGNBDModel

    init() throws {
        model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    }

    @Test func withoutDiscountItIsSpendTimesPurchasesOverTheHorizon() throws {
        let options = LifetimeValue.Options(horizonMonths: 12, monthlyDiscountRate: 0)
        let value = try LifetimeValue.value(purchases: model, frequency: 3, recency: 20, age: 30, expectedSpend: 25, options: options)
        let purchases = try model.expectedPurchases(within: 12 * 4.345, frequency: 3, recency: 20, age: 30)
        #expect(isClose(value, 25 * purchases, relative: 1e-12), "\(value) vs \(25 * purchases)")
    }

    @Test func discountingLowersTheValueAndLongerHorizonsRaiseIt() throws {
        let plain = try LifetimeValue.value(purchases: model, frequency: 3, recency: 20, age: 30, expectedSpend: 25)
        let discounted = try LifetimeValue.value(
            purchases: model, frequency: 3, recency: 20, age: 30, expectedSpend: 25, options: .init(monthlyDiscountRate: 0.05))
        let longer = try LifetimeValue.value(
            purchases: model, frequency: 3, recency: 20, age: 30, expectedSpend: 25, options: .init(horizonMonths: 24))
        #expect(discounted < plain && plain < longer)
    }

    @Test(arguments: [
        LifetimeValue.Options(horizonMonths: 0), LifetimeValue.Options(monthlyDiscountRate: -0.1),
        LifetimeValue.Options(monthlyDiscountRate: 1), LifetimeValue.Options(unitsPerMonth: .nan),
    ])
    func rejectsOptionsOutOfRange(options: LifetimeValue.Options) {
        #expect(throws: CLVError.self) {
            try LifetimeValue.value(purchases: model, frequency: 1, recency: 1, age: 2, expectedSpend: 10, options: options)
        }
    }
}
