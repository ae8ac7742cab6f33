/// The names of basket items and their dense ids (`0 ..< count`), in order of first appearance.
///
/// Why: the algorithms work on `Int32` ids; people read names. Ids are assigned in the order
/// names are first met, so the same file always gives the same ids.
public struct ItemCatalog: Sendable, Equatable {
    /// Item names indexed by id.
    public private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    /// An empty catalog.
    public init() {}

    /// A catalog with the given names as ids `0 ..< names.count`.
    ///
    /// - Throws: ``BasketError/malformedLine(line:reason:)`` (line 0) when a name repeats.
    public init(names: [String]) throws(BasketError) {
        for name in names {
            guard ids[name] == nil else {
                throw .malformedLine(line: 0, reason: "item name \"\(name)\" appears twice in the catalog")
            }
            _ = intern(name)
        }
    }

    /// Number of items.
    public var count: Int { names.count }

    /// The id of `name`, or `nil` if the catalog does not know it.
    public func id(of name: String) -> Int32? { ids[name] }

    /// The name of item `id`.
    public func name(of id: Int32) -> String { names[Int(id)] }

    /// The names of several ids, in the given order.
    public func names<S: Sequence>(of ids: S) -> [String] where S.Element == Int32 {
        ids.map { names[Int($0)] }
    }

    /// The id of `name`, adding it with the next free id when new.
    public mutating func intern(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }
}
