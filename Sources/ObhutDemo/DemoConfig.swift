import Foundation
import ObhutCore

/// What the demo shop should look like. Every field is part of the seed: the same config gives
/// the same shop, byte for byte, on any machine.
public struct DemoConfig: Sendable, Hashable {
    /// Seed of all random choices.
    public var seed: UInt64
    /// Number of (clean) customers; duplicates injected as defects come on top.
    public var customers: Int
    /// The moment the shop's history ends. Injected (never read from the clock) so that the same
    /// seed gives the same data; `obhut demo` passes the workspace clock.
    public var now: Date
    /// Years of order history before `now`.
    public var years: Int
    /// Share of customers that get exactly one soft defect (duplicate, missing name or e-mail,
    /// implausible phone or postal code, outlier quantity, stale record), 0...0.5.
    public var dirtyShare: Double
    /// Customers per batch. Changes only how the output is cut, never its content.
    public var batchSize: Int

    /// 2026-11-01 00:00 UTC, the default end of the history.
    public static let defaultNow = Date(timeIntervalSince1970: 1_793_491_200)
    /// The largest supported shop; identifiers and e-mail suffixes are sized for it.
    public static let maximumCustomers = 10_000_000

    public init(
        seed: UInt64 = 42, customers: Int = 2_000, now: Date = DemoConfig.defaultNow, years: Int = 3,
        dirtyShare: Double = 0.01, batchSize: Int = 10_000
    ) {
        self.seed = seed
        self.customers = customers
        self.now = now
        self.years = years
        self.dirtyShare = dirtyShare
        self.batchSize = batchSize
    }

    /// Checks the ranges; `DemoShop.init` clamps silently, the CLI calls this first to tell the
    /// person what to change.
    public func validate() throws {
        if customers < 1 || customers > Self.maximumCustomers { throw DemoConfigError.customers(customers) }
        if years < 1 || years > 10 { throw DemoConfigError.years(years) }
        if !(0...0.5).contains(dirtyShare) { throw DemoConfigError.dirtyShare(dirtyShare) }
        if batchSize < 1 { throw DemoConfigError.batchSize(batchSize) }
    }

    /// The config with every field forced into its valid range.
    var clamped: DemoConfig {
        var c = self
        c.customers = min(max(c.customers, 0), Self.maximumCustomers)
        c.years = min(max(c.years, 1), 10)
        c.dirtyShare = dirtyShare.isNaN ? 0 : min(max(c.dirtyShare, 0), 0.5)
        c.batchSize = max(1, c.batchSize)
        return c
    }
}

/// A demo setting outside its range, with what to use instead.
public enum DemoConfigError: UserFacingError, Equatable {
    case customers(Int)
    case years(Int)
    case dirtyShare(Double)
    case batchSize(Int)

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.customers(let n), .de): "Anzahl Kunden \(n) geht nicht: bitte 1 bis \(DemoConfig.maximumCustomers) angeben (z. B. --customers 2000)."
        case (.customers(let n), .en): "\(n) customers is not possible: use 1 to \(DemoConfig.maximumCustomers) (e.g. --customers 2000)."
        case (.years(let n), .de): "\(n) Jahre Verlauf gehen nicht: bitte 1 bis 10 angeben."
        case (.years(let n), .en): "\(n) years of history is not possible: use 1 to 10."
        case (.dirtyShare(let x), .de): "Fehleranteil \(x) geht nicht: bitte 0 bis 0,5 angeben."
        case (.dirtyShare(let x), .en): "Dirty share \(x) is not possible: use 0 to 0.5."
        case (.batchSize(let n), .de): "Stapelgröße \(n) geht nicht: bitte mindestens 1 angeben."
        case (.batchSize(let n), .en): "Batch size \(n) is not possible: use at least 1."
        }
    }
}
