/// The Benjamini-Hochberg step-up procedure: adjusted p-values ("q-values") that control the
/// false discovery rate over a family of tests.
///
/// Why: the pattern analyses test every product and category at once; at 200 products and a
/// 5% level, ten patterns would be "significant" by chance alone. Benjamini & Hochberg,
/// "Controlling the false discovery rate", J. R. Stat. Soc. B 57 (1995) 289-300. The adjusted
/// value of the i-th smallest of m p-values is `min_{j >= i} min(1, p_(j) · m / j)`, as R's
/// `p.adjust(method = "BH")` and statsmodels' `fdr_bh` compute it.
///
/// Edge cases: NaN p-values (tests that could not run) are left out of the family and stay NaN;
/// an empty input gives an empty output.
public enum BenjaminiHochberg {
    /// The adjusted p-values, in the order of `pValues`.
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let tested = pValues.indices.filter { !pValues[$0].isNaN }
        var result = [Double](repeating: .nan, count: pValues.count)
        let m = Double(tested.count)
        let order = tested.sorted { pValues[$0] < pValues[$1] || (pValues[$0] == pValues[$1] && $0 < $1) }
        var running = 1.0
        for rank in stride(from: order.count - 1, through: 0, by: -1) {
            let index = order[rank]
            running = min(running, pValues[index] * m / Double(rank + 1))
            result[index] = min(1, max(0, running))
        }
        return result
    }
}
