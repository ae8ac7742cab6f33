// k-means benchmark for ObhutAnalytics/Clustering on the matrices of anchors/a3_kmeans.py.
//
//   KMeansBenchmark fit FILE ROWS COLUMNS K RESTARTS [REPEATS]
//       KMeans.fit (k-means++, seed 0, 2 threads): median/min wall time of REPEATS runs (default
//       3), inertia, iterations of the kept restart, restart inertias.
//   KMeansBenchmark lloyd FILE ROWS COLUMNS K ITERATIONS
//       ITERATIONS Lloyd iterations from the first K rows with tolerance 0 (the anchor's
//       "fixed init" case): time per iteration.
//   KMeansBenchmark silhouette FILE ROWS COLUMNS K
//       silhouette of the 10-restart clustering on all rows, and its time (LABELS_OUT=path
//       also writes the labels, one per line).
//
// FILE holds raw little-endian float64, row-major (Benchmarks/KMeans/dump_anchor_data.py writes
// the anchor's data). Build and run with scripts/bench-kmeans.sh.
import Foundation
import ObhutAnalytics

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func load(_ path: String, rows: Int, columns: Int) throws -> FeatureMatrix {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    precondition(data.count == rows * columns * 8, "\(path): expected \(rows * columns * 8) bytes, found \(data.count)")
    let values = data.withUnsafeBytes { raw in
        (0 ..< rows * columns).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
    }
    return try FeatureMatrix(rows: rows, columns: columns, values: values)
}

let arguments = CommandLine.arguments
/// KMEANS_THREADS overrides the default of 2 threads (to measure the scaling).
let threads = ProcessInfo.processInfo.environment["KMEANS_THREADS"].flatMap(Int.init) ?? 2
guard arguments.count >= 6, let rows = Int(arguments[3]), let columns = Int(arguments[4]), let k = Int(arguments[5]) else {
    print("usage: KMeansBenchmark fit|lloyd|silhouette FILE ROWS COLUMNS K [...]")
    exit(2)
}
let matrix = try load(arguments[2], rows: rows, columns: columns)
let name = URL(fileURLWithPath: arguments[2]).lastPathComponent

switch arguments[1] {
case "fit":
    let restarts = arguments.count > 6 ? Int(arguments[6]) ?? 10 : 10
    let repeats = arguments.count > 7 ? Int(arguments[7]) ?? 3 : 3
    var times: [Double] = []
    var result: KMeansResult?
    for _ in 0 ..< repeats {
        times.append(try seconds { result = try KMeans.fit(matrix, options: KMeansOptions(clusters: k, restarts: restarts, seed: 0, threads: threads)) })
    }
    guard let result else { exit(1) }
    times.sort()
    print(String(format: "obhut k-means %@ k=%d restarts=%d: median %.3f s, min %.3f s (%d runs); inertia %.2f, iterations %d",
                 name, k, restarts, times[times.count / 2], times[0], repeats, result.inertia, result.iterations))
    print("  restart inertias: \(result.restartInertias.map { String(format: "%.2f", $0) }.joined(separator: " "))")
case "lloyd":
    let iterations = arguments.count > 6 ? Int(arguments[6]) ?? 20 : 20
    let initial = matrix.selectingRows(Array(0 ..< k))
    var times: [Double] = []
    var result: KMeansResult?
    for _ in 0 ..< 3 {
        times.append(try seconds {
            result = try KMeans.fit(matrix, initialCentroids: initial,
                                    options: KMeansOptions(clusters: k, maxIterations: iterations, tolerance: 0, threads: threads))
        })
    }
    guard let result else { exit(1) }
    times.sort()
    print(String(format: "obhut Lloyd %@ k=%d, %d iterations from the first rows: median %.3f s, %.4f s per iteration; inertia %.2f",
                 name, k, result.iterations, times[1], times[1] / Double(max(1, result.iterations)), result.inertia))
case "silhouette":
    let result = try KMeans.fit(matrix, options: KMeansOptions(clusters: k, restarts: 10, seed: 0, threads: threads))
    var score = 0.0
    let time = try seconds { score = try ClusterQuality.silhouette(matrix, labels: result.labels) }
    let ch = try ClusterQuality.calinskiHarabasz(matrix, labels: result.labels)
    if let path = ProcessInfo.processInfo.environment["LABELS_OUT"] {
        // For a check of the silhouette against scikit-learn's on the same labels.
        try result.labels.map(String.init).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    print(String(format: "obhut silhouette %@ k=%d (all %d rows): %.4f in %.3f s; Calinski-Harabasz %.1f; inertia %.2f",
                 name, k, rows, score, time, ch, result.inertia))
default:
    print("unknown mode \(arguments[1])")
    exit(2)
}
