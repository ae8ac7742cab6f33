// Benchmark of the lifetime-value models (ObhutAnalytics/Lifetime) on CDNOW, release build:
// parse, summary, BG/NBD fit (the figure compared with lifetimes), Gamma-Gamma fit, evaluation.
//
//   bash scripts/bench-clv.sh      (builds this in a scratch package, then runs the anchor)
//   CLVBenchmark FILE [RUNS]       (FILE: cdnow_master.csv or cdnow_sample.csv)
import Foundation
import ObhutAnalytics

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double) -> String { String(format: "%.6f", value) }

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: CLVBenchmark FILE [RUNS]")
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 21 : 21
let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
let calibrationEnd = Int32(CivilDate.days(year: 1997, month: 9, day: 30))
let observationEnd = Int32(CivilDate.days(year: 1998, month: 6, day: 30))

var transactions = CustomerTransactions(keys: [], records: PurchaseRecords())
let parseTime = try seconds { transactions = try TransactionCSVReader.parse(text) }
var summary: TransactionSummary?
let summaryTime = try seconds {
    summary = try TransactionSummary(records: transactions.records, calibrationEnd: calibrationEnd, observationEnd: observationEnd)
}
guard let summary else { exit(1) }

var fitTimes: [Double] = []
var fit: BGNBDFit?
for _ in 0..<runs { fitTimes.append(try seconds { fit = try BGNBDModel.fit(summary) }) }
guard let fit else { exit(1) }
var spendTimes: [Double] = []
var spend: GammaGammaFit?
for _ in 0..<runs { spendTimes.append(try seconds { spend = try GammaGammaModel.fit(summary) }) }
guard let spend else { exit(1) }
var evaluation: CLVEvaluation?
let evaluationTime = try seconds {
    evaluation = try CLVEvaluation.evaluate(transactions, options: .init(calibrationEnd: calibrationEnd, observationEnd: observationEnd))
}
guard let evaluation else { exit(1) }

let m = fit.model, g = spend.model
print("customers \(summary.count), records \(transactions.records.count), distinct (x, t_x, T) \(fit.distinctHistories)")
print("parse CSV \(format(parseTime)) s, summary \(format(summaryTime)) s (one run each)")
print(
    "BG/NBD fit: median \(format(median(fitTimes))) s, min \(format(fitTimes.min() ?? 0)) s over \(runs) runs, \(fit.iterations) BFGS iterations;"
        + " r \(format(m.r)) alpha \(format(m.alpha)) a \(format(m.a)) b \(format(m.b)), log-likelihood \(String(format: "%.2f", fit.logLikelihood))")
print(
    "Gamma-Gamma fit: median \(format(median(spendTimes))) s over \(runs) runs on \(spend.customers) customers"
        + " (\(spend.excludedNonPositiveSpend) without positive spend left out); p \(format(g.p)) q \(format(g.q)) v \(format(g.v))")
print(
    "evaluation (both fits, predictions, CLV for every customer): \(format(evaluationTime)) s;"
        + " holdout actual \(Int(evaluation.actualTotal)), predicted \(String(format: "%.2f", evaluation.predictedTotal)),"
        + " MAE \(String(format: "%.4f", evaluation.meanAbsoluteError))")
print("RESULT bgnbd_fit_median_s \(median(fitTimes))")
