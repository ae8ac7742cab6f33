import Foundation
import Testing

@testable import ObhutAnalytics

private let cdnowPath: String = {
    let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data/public/cdnow/cdnow_master.csv").path
}()
private let hasCDNOW = FileManager.default.fileExists(atPath: cdnowPath)

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
private func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

/// The anchor's RFM matrix (anchors/a3_kmeans.py): per CDNOW master customer, days from the last
/// purchase to 1998-06-30, number of rows, total dollars; log1p, then z-score.
private func cdnowRFM() throws -> FeatureMatrix {
    let text = try String(contentsOfFile: cdnowPath, encoding: .utf8)
    var last: [Substring: Int] = [:], count: [Substring: Int] = [:], total: [Substring: Double] = [:]
    var order: [Substring] = []
    for line in text.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: ",")
        let id = fields[0]
        let date = fields[1].split(separator: "-").compactMap { Int($0) }
        let day = days(date[0], date[1], date[2])
        if count[id] == nil { order.append(id) }
        last[id] = max(last[id] ?? Int.min, day)
        count[id, default: 0] += 1
        total[id, default: 0] += Double(fields[3]) ?? 0
    }
    let end = days(1998, 6, 30)
    var values: [Double] = []
    for id in order.sorted() {
        values += [log1p(Double(end - (last[id] ?? end))), log1p(Double(count[id] ?? 0)), log1p(total[id] ?? 0)]
    }
    let raw = try FeatureMatrix(rows: order.count, columns: 3, values: values)
    return try Standardization(fitting: raw).apply(to: raw)
}

/// `clusters` Gaussian-ish blobs (sums of uniforms) around well separated centres.
private func blobs(seed: UInt64, perCluster: Int, centres: [[Double]], spread: Double) throws -> FeatureMatrix {
    var random = SplitMix64(seed: seed)
    var values: [Double] = []
    for _ in 0..<perCluster {
        for centre in centres {
            for value in centre {
                values.append(value + spread * (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5))
            }
        }
    }
    return try FeatureMatrix(rows: perCluster * centres.count, columns: centres[0].count, values: values)
}

struct KMeansTests {
    @Test func findsTwoObviousSquares() throws {
        let data = try FeatureMatrix(rows: [
            [0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11],
        ])
        let result = try KMeans.fit(data, options: KMeansOptions(clusters: 2, seed: 3))
        // Each square has 4 points at squared distance 0.5 from its centre.
        #expect(abs(result.inertia - 4) < 1e-12, "inertia expected 4, observed \(result.inertia)")
        #expect(result.labels[0..<4].allSatisfy { $0 == result.labels[0] })
        #expect(result.labels[4..<8].allSatisfy { $0 == result.labels[4] })
        #expect(result.labels[0] != result.labels[4])
        let centre = result.centroids.row(Int(result.labels[0]))
        #expect(Array(centre) == [0.5, 0.5], "centroid expected [0.5, 0.5], observed \(Array(centre))")
        #expect(result.converged)
        #expect(result.restartInertias.count == 10)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func recoversWellSeparatedBlobsForEverySeed(seed: UInt64) throws {
        let centres: [[Double]] = [[0, 0, 0], [20, 0, 0], [0, 20, 0], [0, 0, 20], [20, 20, 20]]
        let data = try blobs(seed: 11, perCluster: 200, centres: centres, spread: 1)
        let result = try KMeans.fit(data, options: KMeansOptions(clusters: 5, restarts: 3, seed: seed))
        // Rows were generated cluster after cluster in turn: row r belongs to blob r % 5.
        let truth = (0..<data.rows).map { Int32($0 % 5) }
        let agreement = try ClusterAgreement.adjustedRandIndex(truth, result.labels)
        #expect(agreement == 1, "ARI with the generating blobs expected 1, observed \(agreement)")
        #expect(result.clusterSizes.sorted() == [200, 200, 200, 200, 200])
    }

    @Test func isDeterministicPerSeedAndThreadCount() throws {
        var random = SplitMix64(seed: 5)
        let values = (0..<12_000 * 4).map { _ in random.nextDouble() }
        let data = try FeatureMatrix(rows: 12_000, columns: 4, values: values)
        let one = try KMeans.fit(data, options: KMeansOptions(clusters: 6, restarts: 2, seed: 42, threads: 1))
        let two = try KMeans.fit(data, options: KMeansOptions(clusters: 6, restarts: 2, seed: 42, threads: 2))
        let again = try KMeans.fit(data, options: KMeansOptions(clusters: 6, restarts: 2, seed: 42, threads: 2))
        #expect(one.labels == two.labels && two.labels == again.labels)
        #expect(one.inertia == two.inertia, "1 thread \(one.inertia) vs 2 threads \(two.inertia)")
        #expect(one.centroids == two.centroids)
        let other = try KMeans.fit(data, options: KMeansOptions(clusters: 6, restarts: 2, seed: 43, threads: 2))
        #expect(other.restartInertias != one.restartInertias, "another seed should start elsewhere")
    }

    @Test func inertiaEqualsTheSumOfSquaredDistancesToTheReportedCentroids() throws {
        let data = try blobs(seed: 2, perCluster: 100, centres: [[0, 0], [3, 1], [1, 4]], spread: 2)
        let result = try KMeans.fit(data, options: KMeansOptions(clusters: 3, seed: 1))
        var expected = 0.0
        for row in 0..<data.rows {
            let centre = result.centroids.row(Int(result.labels[row]))
            for (value, mean) in zip(data.row(row), centre) { expected += (value - mean) * (value - mean) }
        }
        #expect(abs(result.inertia - expected) <= 1e-9 * expected, "expected \(expected), observed \(result.inertia)")
        let (labels, inertia) = try KMeans.assign(data, to: result.centroids)
        #expect(labels == result.labels)
        #expect(abs(inertia - result.inertia) <= 1e-12 * expected)
    }

    /// Plain Lloyd as scikit-learn runs it (exact distances, ties to the lower index), for
    /// comparison with the bounded implementation.
    private func referenceLloyd(
        _ data: FeatureMatrix, _ initial: FeatureMatrix, maxIterations: Int, tolerance: Double
    ) -> (labels: [Int32], iterations: Int, inertia: Double) {
        let n = data.rows, d = data.columns, k = initial.rows
        var centres = initial.values
        var labels = [Int32](repeating: -1, count: n)
        func nearest(_ row: Int) -> (Int32, Double) {
            var best = (Int32(0), Double.infinity)
            for c in 0..<k {
                var sum = 0.0
                for j in 0..<d { sum += (data[row, j] - centres[c * d + j]) * (data[row, j] - centres[c * d + j]) }
                if sum < best.1 { best = (Int32(c), sum) }
            }
            return best
        }
        var iterations = 0
        for _ in 0..<maxIterations {
            var changed = 0
            var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for row in 0..<n {
                let (label, _) = nearest(row)
                if label != labels[row] { changed += 1 }
                labels[row] = label
                counts[Int(label)] += 1
                for j in 0..<d { sums[Int(label) * d + j] += data[row, j] }
            }
            var shift = 0.0
            for c in 0..<k where counts[c] > 0 {
                for j in 0..<d {
                    let mean = sums[c * d + j] / Double(counts[c])
                    shift += (mean - centres[c * d + j]) * (mean - centres[c * d + j])
                    centres[c * d + j] = mean
                }
            }
            iterations += 1
            if changed == 0 || shift <= tolerance { break }
        }
        var inertia = 0.0
        for row in 0..<n {
            let (label, distance) = nearest(row)
            labels[row] = label
            inertia += distance
        }
        return (labels, iterations, inertia)
    }

    @Test(arguments: [1, 3, 5, 8, 9, 13])
    func boundedIterationsMatchPlainLloyd(clusters: Int) throws {
        var random = SplitMix64(seed: UInt64(clusters))
        // Overlapping blobs: many rows change cluster in the first iterations.
        let data = try blobs(
            seed: UInt64(100 + clusters), perCluster: 400,
            centres: (0..<6).map { _ in (0..<5).map { _ in 4 * random.nextDouble() } }, spread: 2)
        let initial = data.selectingRows((0..<clusters).map { $0 * 97 })
        for tolerance in [0.0, 1e-4] {
            let options = KMeansOptions(clusters: clusters, maxIterations: 100, tolerance: tolerance)
            let observed = try KMeans.fit(data, initialCentroids: initial, options: options)
            let expected = referenceLloyd(
                data, initial, maxIterations: 100, tolerance: KMeans.meanColumnVariance(data) * tolerance)
            #expect(clusters == 1 || expected.iterations >= 5, "the case should need several iterations")
            #expect(
                observed.iterations == expected.iterations,
                "k \(clusters): iterations expected \(expected.iterations), observed \(observed.iterations)")
            #expect(
                observed.labels == expected.labels,
                "k \(clusters): labels differ in \(zip(observed.labels, expected.labels).filter { $0 != $1 }.count) rows")
            #expect(
                abs(observed.inertia - expected.inertia) <= 1e-9 * expected.inertia,
                "k \(clusters): inertia expected \(expected.inertia), observed \(observed.inertia)")
        }
    }

    @Test func keepsEveryClusterNonEmptyWithDuplicateRows() throws {
        // Five identical rows and two others: seeding may pick duplicates; empty clusters are refilled.
        let data = try FeatureMatrix(rows: [[1, 1], [1, 1], [1, 1], [1, 1], [1, 1], [5, 5], [9, 9]])
        let result = try KMeans.fit(data, options: KMeansOptions(clusters: 3, seed: 7))
        #expect(result.clusterSizes.sorted() == [1, 1, 5], "observed sizes \(result.clusterSizes)")
        #expect(result.inertia == 0)
    }

    @Test func oneClusterPerRowHasZeroInertia() throws {
        let data = try FeatureMatrix(rows: [[0], [1], [3], [7]])
        let result = try KMeans.fit(data, options: KMeansOptions(clusters: 4, restarts: 1))
        #expect(result.inertia == 0)
        #expect(Set(result.labels).count == 4)
    }

    @Test(arguments: [
        KMeansOptions(clusters: 0), KMeansOptions(clusters: 5), KMeansOptions(clusters: 2, restarts: 0),
        KMeansOptions(clusters: 2, maxIterations: 0), KMeansOptions(clusters: 2, tolerance: -1),
        KMeansOptions(clusters: 2, threads: 0),
    ])
    func rejectsOptionsOutOfRange(options: KMeansOptions) throws {
        let data = try FeatureMatrix(rows: [[0], [1], [2], [3]])
        #expect(throws: ClusteringError.self) { try KMeans.fit(data, options: options) }
    }

    @Test func rejectsNonFiniteValuesAndWrongShapes() {
        #expect(throws: ClusteringError.notFinite(row: 1, column: 0)) {
            try FeatureMatrix(rows: 2, columns: 2, values: [0, 1, Double.nan, 2] as [Double])
        }
        #expect(throws: ClusteringError.self) { try FeatureMatrix(rows: 2, columns: 2, values: [0, 1, 2] as [Double]) }
    }

    // MARK: standardisation

    @Test func standardisesToZeroMeanAndUnitDeviation() throws {
        let data = try FeatureMatrix(rows: [[1, 10, 5], [2, 20, 5], [3, 60, 5]])
        let z = Standardization(fitting: data)
        #expect(z.means == [2, 30, 5])
        // Population deviations: sqrt(2/3), sqrt(1400/3); the constant column keeps scale 1.
        #expect(abs(z.scales[0] - (2.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(z.scales[1] - (1400.0 / 3).squareRoot()) < 1e-12)
        #expect(z.scales[2] == 1)
        let standardised = try z.apply(to: data)
        #expect(abs(standardised[0, 0] + 1.224744871391589) < 1e-12, "observed \(standardised[0, 0])")
        #expect(standardised[1, 2] == 0)
        let back = try z.revert(standardised)
        for (a, b) in zip(back.values, data.values) { #expect(abs(a - b) < 1e-12) }
    }

    // MARK: quality, choice of k, stability

    @Test func silhouetteOfTwoPairsOnALine() throws {
        let data = try FeatureMatrix(rows: [[0], [1], [10], [11]])
        let observed = try ClusterQuality.silhouette(data, labels: [0, 0, 1, 1])
        // Rows 0 and 11: a = 1, b = 10.5; rows 1 and 10: a = 1, b = 9.5.
        let expected = (9.5 / 10.5 + 8.5 / 9.5) / 2
        #expect(abs(observed - expected) < 1e-15, "expected \(expected), observed \(observed)")
        // A singleton scores 0: rows 0,1 | 10 | 11 → (s0 + s1 + 0 + 0) / 4.
        let withSingletons = try ClusterQuality.silhouette(data, labels: [0, 0, 1, 2])
        let s0 = (10.0 - 1) / 10, s1 = (9.0 - 1) / 9
        #expect(abs(withSingletons - (s0 + s1) / 4) < 1e-15, "observed \(withSingletons)")
    }

    @Test func silhouetteMatchesOnLongClustersWhateverTheOrder() throws {
        // More than four rows per cluster exercises the SIMD path; shuffled labels must not matter.
        var random = SplitMix64(seed: 8)
        let values = (0..<103 * 2).map { _ in random.nextDouble() }
        let data = try FeatureMatrix(rows: 103, columns: 2, values: values)
        let labels = (0..<103).map { Int32($0 % 3) }
        let observed = try ClusterQuality.silhouette(data, labels: labels)
        var total = 0.0
        for i in 0..<103 {
            var sums = [0.0, 0.0, 0.0], sizes = [0, 0, 0]
            for j in 0..<103 {
                let dx = data[i, 0] - data[j, 0], dy = data[i, 1] - data[j, 1]
                sums[Int(labels[j])] += (dx * dx + dy * dy).squareRoot()
                sizes[Int(labels[j])] += 1
            }
            let own = Int(labels[i])
            let a = sums[own] / Double(sizes[own] - 1)
            let b = (0..<3).filter { $0 != own }.map { sums[$0] / Double(sizes[$0]) }.min() ?? 0
            total += (b - a) / max(a, b)
        }
        #expect(abs(observed - total / 103) < 1e-12, "expected \(total / 103), observed \(observed)")
        let sampled = try ClusterQuality.silhouette(data, labels: labels, sampleSize: 50, seed: 1)
        let sampledAgain = try ClusterQuality.silhouette(data, labels: labels, sampleSize: 50, seed: 1)
        #expect(sampled == sampledAgain)
    }

    @Test func calinskiHarabaszOfTwoPairsOnALine() throws {
        let data = try FeatureMatrix(rows: [[0], [1], [10], [11]])
        // B = 4 × 5² = 100, W = 4 × 0.5² = 1: (100 / 1) / (1 / 2) = 200.
        let observed = try ClusterQuality.calinskiHarabasz(data, labels: [0, 0, 1, 1])
        #expect(abs(observed - 200) < 1e-12, "expected 200, observed \(observed)")
        #expect(throws: ClusteringError.self) { try ClusterQuality.calinskiHarabasz(data, labels: [0, 0, 0, 0]) }
    }

    @Test(
        arguments: [
            ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
            ([0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714285715),  // scikit-learn's documented example
            ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
            ([0, 0, 0, 0], [5, 5, 5, 5], 1.0),
            ([0, 1, 0, 1], [0, 0, 1, 1], -0.5),
        ] as [([Int32], [Int32], Double)])
    func adjustedRandIndexKnownValues(a: [Int32], b: [Int32], expected: Double) throws {
        let observed = try ClusterAgreement.adjustedRandIndex(a, b)
        #expect(abs(observed - expected) < 1e-12, "expected \(expected), observed \(observed)")
    }

    @Test(arguments: [ClusterCountCriterion.silhouette(sampleSize: nil), .silhouette(sampleSize: 300), .calinskiHarabasz])
    func choosesTheGeneratingNumberOfBlobs(criterion: ClusterCountCriterion) throws {
        let data = try blobs(seed: 4, perCluster: 100, centres: [[0, 0], [10, 0], [0, 10], [10, 10]], spread: 1.5)
        let selection = try KMeans.selectClusterCount(
            data, in: 2...7, criterion: criterion, options: KMeansOptions(clusters: 2, restarts: 3, seed: 1))
        #expect(selection.clusters == 4, "scores \(selection.candidates.map { ($0.clusters, $0.score) })")
        #expect(selection.candidates.map(\.clusters) == Array(2...7))
    }

    @Test func stableBlobsAgreeAcrossSeeds() throws {
        let data = try blobs(seed: 6, perCluster: 100, centres: [[0, 0], [10, 0], [0, 10]], spread: 1)
        let stability = try KMeans.stability(data, options: KMeansOptions(clusters: 3, restarts: 1, seed: 2), runs: 4)
        #expect(stability.pairwiseAgreement.count == 6)
        #expect(stability.minimumAgreement == 1, "observed \(stability.pairwiseAgreement)")
        // Uniform noise split into 6 parts moves with the seed.
        var random = SplitMix64(seed: 3)
        let noise = try FeatureMatrix(rows: 400, columns: 2, values: (0..<800).map { _ in random.nextDouble() })
        let unstable = try KMeans.stability(noise, options: KMeansOptions(clusters: 6, restarts: 1, seed: 2), runs: 4)
        #expect(unstable.meanAgreement < 0.99, "observed \(unstable.pairwiseAgreement)")
    }

    // MARK: real data against scikit-learn 1.9.1 (anchors/RESULTS.md)

    @Test(.enabled(if: hasCDNOW)) func cdnowRFMInertiaWithinOnePercentOfScikitLearn() throws {
        let data = try cdnowRFM()
        #expect(data.rows == 23570)
        let result = try KMeans.fit(data, options: KMeansOptions(clusters: 8, restarts: 10, seed: 0))
        // scikit-learn KMeans(n_clusters=8, n_init=10, random_state=0): inertia 8983.42.
        let reference = 8983.42
        print(
            "CDNOW RFM k=8: inertia \(result.inertia) vs scikit-learn \(reference), iterations \(result.iterations), sizes \(result.clusterSizes.sorted(by: >))"
        )
        #expect(result.inertia <= reference * 1.01, "expected at most \(reference * 1.01), observed \(result.inertia)")
    }
}
