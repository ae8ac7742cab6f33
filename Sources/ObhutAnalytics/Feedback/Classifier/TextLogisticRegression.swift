import Foundation

/// Binary logistic regression with L2 regularisation, trained by stochastic gradient descent.
///
/// Minimises (1/n) Σ log(1 + exp(-y·(w·x + b))) + (λ/2)‖w‖² (bias not regularised) with
/// Bottou's step size η_t = η₀ / (1 + λ·η₀·t) ("Stochastic Gradient Descent Tricks", Neural
/// Networks: Tricks of the Trade, 2012) and the weight-scale trick, so that an update costs the
/// number of non-zero features, not the dimension. The order of the samples in each epoch comes
/// from a seeded ``SplitMix64``: the same data and seed give the same weights.
public struct TextLogisticRegression: Sendable, Hashable, Codable {
    public var weights: [Float]
    public var bias: Float

    public struct Options: Sendable, Hashable, Codable {
        public var epochs: Int
        /// λ, the L2 strength per sample.
        public var lambda: Double
        /// η₀, the first step size (features are unit length, so about 1 suits).
        public var learningRate: Double
        public var seed: UInt64

        public init(epochs: Int = 12, lambda: Double = 1e-5, learningRate: Double = 1, seed: UInt64 = 20_261_123) {
            self.epochs = epochs
            self.lambda = lambda
            self.learningRate = learningRate
            self.seed = seed
        }
    }

    public init(weights: [Float], bias: Float) {
        self.weights = weights
        self.bias = bias
    }

    /// w·x + b.
    @inline(__always)
    public func margin(_ x: SparseVector) -> Double {
        var s = Double(bias)
        for k in 0..<x.count { s += Double(weights[Int(x.indices[k])]) * Double(x.values[k]) }
        return s
    }

    /// P(positive | x).
    public func probability(_ x: SparseVector) -> Double { 1 / (1 + exp(-margin(x))) }

    /// Fits weights of `dimension` to `samples` with labels `positive`.
    /// Edge cases: no samples gives zero weights (probability 0.5 everywhere); one class only gives
    /// a bias towards it.
    public static func train(_ samples: [SparseVector], positive: [Bool], dimension: Int, options: Options = Options()) -> TextLogisticRegression {
        precondition(samples.count == positive.count, "one label per sample")
        var v = [Double](repeating: 0, count: dimension)
        var scale = 1.0
        var bias = 0.0
        var order = Array(samples.indices)
        var rng = SplitMix64(seed: options.seed)
        let lambda = options.lambda
        var t = 0.0
        for _ in 0..<max(options.epochs, 0) {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.next(below: i + 1)) }
            for n in order {
                let x = samples[n]
                let y = positive[n] ? 1.0 : -1.0
                let eta = options.learningRate / (1 + lambda * options.learningRate * t)
                var m = bias
                for k in 0..<x.count { m += scale * v[Int(x.indices[k])] * Double(x.values[k]) }
                // d/dm log(1 + exp(-y m)) = -y / (1 + exp(y m))
                let g = -y / (1 + exp(y * m))
                scale *= (1 - eta * lambda)
                if scale < 1e-9 {
                    for j in v.indices { v[j] *= scale }
                    scale = 1
                }
                let step = eta * g / scale
                for k in 0..<x.count { v[Int(x.indices[k])] -= step * Double(x.values[k]) }
                bias -= eta * g * 0.1
                t += 1
            }
        }
        return TextLogisticRegression(weights: v.map { Float($0 * scale) }, bias: Float(bias))
    }
}
