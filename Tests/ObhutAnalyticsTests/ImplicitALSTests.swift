import Testing

@testable import ObhutAnalytics

/// Two blocks of users and items that never meet: users 0-5 bought from items 0-4, users 6-11
/// from items 5-9; each user misses one item of their block.
private func blockMatrix() throws -> InteractionMatrix {
    var users: [Int] = []
    var items: [Int] = []
    for u in 0..<12 {
        let block = u < 6 ? 0 : 5
        for i in 0..<5 where i != u % 5 {
            users.append(u)
            items.append(block + i)
        }
    }
    return try InteractionMatrix(rows: 12, columns: 10, rowIndices: users, columnIndices: items)
}

struct ImplicitALSTests {
    @Test func recommendsWithinTheUsersBlock() throws {
        let m = try blockMatrix()
        let model = try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 4, regularization: 0.1, alpha: 10, iterations: 10))
        let recommender = Recommender(model: .als(model), popularity: Popularity(m))
        for u in 0..<12 {
            let history = m.range(ofRow: u).map { (item: Int(m.columnIndices[$0]), weight: m.values[$0]) }
            let top = recommender.recommend(user: u, history: history, limit: 1, reasons: false)
            let block = u < 6 ? 0..<5 : 5..<10
            #expect(top.count == 1)
            #expect(block.contains(top[0].item), "user \(u) got item \(top[0].item)")
            #expect(top[0].item == (u < 6 ? 0 : 5) + u % 5)
        }
    }

    /// alpha 1 on binary data takes the path where no entry changes the matrix (c − 1 = 0).
    @Test(arguments: [Float(1), 4])
    func conjugateGradientWithEnoughStepsMatchesTheExactSolve(alpha: Float) throws {
        let m = try blockMatrix()
        let configuration = ALSConfiguration(factors: 8, regularization: 0.5, alpha: alpha, iterations: 3)
        let model = try ImplicitALS.fit(m, configuration: configuration)
        // One user half-step from the fitted item factors with 20 CG steps (more than the 8
        // unknowns) must equal the Cholesky solution of the normal equations.
        var users = model.userFactors
        var cg = configuration
        cg.conjugateGradientSteps = 20
        ImplicitALS.solve(m, rows: &users, fixed: model.itemFactors, layout: model.layout, configuration: cg)
        let n = model.layout.stride
        for u in [0, 7] {
            let history = m.range(ofRow: u).map { (item: Int(m.columnIndices[$0]), weight: m.values[$0]) }
            // Exact x_u: score of item j = Σ contributions (the explain identity) for every item,
            // compared with the CG factors' scores.
            for item in 0..<10 {
                let exact = model.contributions(item: item, history: history).reduce(0, +)
                var cgScore: Float = 0
                for f in 0..<8 { cgScore += users[u * n + f] * model.itemFactors[item * n + f] }
                #expect(abs(exact - Double(cgScore)) < 1e-3, "user \(u) item \(item): exact \(exact), CG \(cgScore)")
            }
        }
    }

    @Test func resultDoesNotDependOnTheThreadCount() throws {
        let m = try blockMatrix()
        let one = try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 8, iterations: 5, threads: 1, seed: 3))
        let two = try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 8, iterations: 5, threads: 2, seed: 3))
        let again = try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 8, iterations: 5, threads: 2, seed: 3))
        #expect(one.userFactors == two.userFactors)
        #expect(one.itemFactors == two.itemFactors)
        #expect(two.itemFactors == again.itemFactors)
    }

    @Test func padsFactorsToAMultipleOfEightWithZeros() throws {
        let m = try blockMatrix()
        let model = try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 3, iterations: 2))
        #expect(model.layout.stride == 8)
        for r in 0..<m.rows { #expect(model.userFactors[(r * 8 + 3)..<(r * 8 + 8)].allSatisfy { $0 == 0 }) }
        #expect(model.userVector(0).count == 3)
    }

    @Test func rejectsInvalidParameters() throws {
        let m = try blockMatrix()
        #expect(throws: RecommendationError.invalidParameter("factors")) {
            try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 0))
        }
        #expect(throws: RecommendationError.invalidParameter("alpha")) {
            try ImplicitALS.fit(m, configuration: ALSConfiguration(alpha: 0))
        }
    }

    @Test func emptyMatrixGivesZeroScores() throws {
        let m = try InteractionMatrix(rows: 2, columns: 3, rowIndices: [], columnIndices: [])
        let model = try ImplicitALS.fit(m, configuration: ALSConfiguration(factors: 4, iterations: 2))
        #expect(abs(model.score(user: 0, item: 0)) < 1e-6)
    }
}
