/// A sparse feature vector: sorted, distinct indices and their values.
public struct SparseVector: Sendable, Hashable, Codable {
    public var indices: [Int32]
    public var values: [Float]

    public init(indices: [Int32] = [], values: [Float] = []) {
        self.indices = indices
        self.values = values
    }

    public var count: Int { indices.count }
}
