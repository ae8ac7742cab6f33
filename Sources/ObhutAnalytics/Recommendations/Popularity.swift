/// Items ranked by how many customers interacted with them: the list for customers without
/// history, and the baseline every model must beat. Score = the item's column sum of the
/// users × items matrix (with binary weights: distinct customers), ties to the lower index
/// (a stable descending sort, as the anchor's `argsort(kind="stable")`).
public struct Popularity: Sendable {
    public let scores: [Float]
    /// Items by descending score.
    public let ranking: [Int32]

    public init(_ userItems: InteractionMatrix) {
        scores = userItems.columnSums()
        let s = scores
        ranking = (0..<Int32(s.count)).sorted { s[Int($0)] > s[Int($1)] || (s[Int($0)] == s[Int($1)] && $0 < $1) }
    }
}
