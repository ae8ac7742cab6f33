/// Parameters of implicit-feedback ALS (``ImplicitALS``), with the defaults of the `implicit`
/// library (0.7) so results compare with it.
public struct ALSConfiguration: Sendable, Hashable, Codable {
    /// Latent factors per user and item.
    public var factors: Int
    /// λ, added to the diagonal of every normal equation (not scaled by the row's count, as `implicit`).
    public var regularization: Float
    /// Confidence scale: c_ui = alpha · weight_ui. With binary weights `implicit`'s alpha = Hu's 1 + α.
    public var alpha: Float
    /// Alternations (users, then items).
    public var iterations: Int
    /// Conjugate-gradient steps per row and half-iteration, warm-started from the previous factors
    /// (Takács, Pilászy & Tikk 2011; `implicit` uses 3).
    public var conjugateGradientSteps: Int
    /// Worker threads; the result does not depend on it.
    public var threads: Int
    /// Seed of the initial factors (uniform in [0, 0.01), as `implicit`).
    public var seed: UInt64

    public init(
        factors: Int = 64, regularization: Float = 0.01, alpha: Float = 1, iterations: Int = 15,
        conjugateGradientSteps: Int = 3, threads: Int = 2, seed: UInt64 = 42
    ) {
        self.factors = factors
        self.regularization = regularization
        self.alpha = alpha
        self.iterations = iterations
        self.conjugateGradientSteps = conjugateGradientSteps
        self.threads = threads
        self.seed = seed
    }

    func validate() throws {
        guard factors >= 1, factors <= 1024 else { throw RecommendationError.invalidParameter("factors") }
        guard regularization >= 0, regularization.isFinite else { throw RecommendationError.invalidParameter("regularization") }
        guard alpha > 0, alpha.isFinite else { throw RecommendationError.invalidParameter("alpha") }
        guard iterations >= 0 else { throw RecommendationError.invalidParameter("iterations") }
        guard conjugateGradientSteps >= 1 else { throw RecommendationError.invalidParameter("conjugateGradientSteps") }
    }
}
