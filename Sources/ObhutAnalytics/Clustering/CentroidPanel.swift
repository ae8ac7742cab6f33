/// Centroids laid out for the distance kernels: groups of four centroids, each group stored as
/// `columns` vectors `SIMD4(c0[j], c1[j], c2[j], c3[j])`, so one row is compared with four
/// centroids per instruction without horizontal sums.
///
/// Two forms: ``coordinates`` for exact squared distances, and ``scaled`` (`-2c`) with ``norms``
/// (`‖c‖²`) for the assignment score `‖c‖² - 2x·c = ‖x - c‖² - ‖x‖²`, which ranks centroids like
/// the distance at one multiply and one add per term instead of three operations (the adds are
/// the bottleneck). Padding lanes of the last group have infinite coordinates and a norm of
/// ``paddingNorm`` (finite, so keys never turn into NaN), so they never win.
struct CentroidPanel {
    /// Norm of the padding lanes: larger than any real squared distance (values are limited to
    /// ±1e100 by ``KMeans/fit(_:options:)``), small enough to stay finite after additions.
    static let paddingNorm = 1e300
    let count: Int
    let columns: Int
    let groups: Int
    var coordinates: [SIMD4<Double>]
    var scaled: [SIMD4<Double>]
    var norms: [SIMD4<Double>]

    /// `centroids` is row-major, `count × columns`.
    init(centroids: UnsafeBufferPointer<Double>, count: Int, columns: Int) {
        self.count = count
        self.columns = columns
        groups = (count + 3) / 4
        let infinite = SIMD4<Double>(repeating: .infinity)
        coordinates = [SIMD4<Double>](repeating: infinite, count: max(1, groups * columns))
        scaled = [SIMD4<Double>](repeating: .zero, count: max(1, groups * columns))
        norms = [SIMD4<Double>](repeating: SIMD4(repeating: Self.paddingNorm), count: max(1, groups))
        for centroid in 0..<count {
            let group = centroid / 4, lane = centroid % 4
            var norm = 0.0
            for column in 0..<columns {
                let value = centroids[centroid * columns + column]
                coordinates[group * columns + column][lane] = value
                scaled[group * columns + column][lane] = -2 * value
                norm += value * value
            }
            norms[group][lane] = norm
        }
    }
}
