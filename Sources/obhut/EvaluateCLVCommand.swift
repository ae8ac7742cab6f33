import ArgumentParser
import Foundation
import ObhutAnalytics
import ObhutCore

/// `obhut evaluate clv`: fit BG/NBD and Gamma-Gamma up to a calibration end, predict the
/// holdout period, compare with what happened.
struct EvaluateCLVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Lifetime value models (BG/NBD, Gamma-Gamma) fitted and checked on a holdout period. / CLV-Modelle mit Holdout-Prüfung.",
        discussion: """
            FILE has the columns customer_id,date,amount (header row, ISO dates, dot as decimal separator; other columns are ignored). Purchases on one day count once; time unit: weeks.
            Die Datei hat die Spalten customer_id,date,amount (Kopfzeile, ISO-Datum, Dezimalpunkt; weitere Spalten werden ignoriert).
            """)

    @Option(name: .long, help: "CSV file with customer_id,date,amount.") var transactions: String
    @Option(name: .customLong("calibration-end"), help: "Last day of the calibration period (YYYY-MM-DD).") var calibrationEnd: String
    @Option(name: .customLong("observation-end"), help: "Last day of the holdout period (default: the last purchase day).")
    var observationEnd: String?
    @Option(name: .long, help: "Where to write the per-customer predictions (default: FILE.predictions.csv).") var predictions: String?
    @Option(name: .customLong("horizon-months"), help: "Lifetime value horizon in months.") var horizonMonths = 12
    @Option(name: .customLong("discount-rate"), help: "Monthly discount rate (0.01 = 1 %).") var discountRate = 0.01
    @Option(name: .customLong("churn-threshold"), help: "P(alive) below this flags a churn risk.") var churnThreshold = 0.5
    @Flag(help: "Print JSON.") var json = false
    @Option(name: .long, help: "Language of the output: de or en (default: from the environment).") var lang: Language?

    struct Summary: Encodable {
        var r, alpha, a, b, p, q, v: Double
        var logLikelihood: Double
        var customers: Int
        var customersAfterCalibration: Int
        var holdoutWeeks: Double
        var actualTotal: Double
        var predictedTotal: Double
        var totalErrorPercent: Double
        var meanAbsoluteError: Double
        var rootMeanSquareError: Double
        var churnRisks: Int
        var predictionsFile: String

        enum CodingKeys: String, CodingKey {
            case r, alpha, a, b, p, q, v
            case logLikelihood = "log_likelihood", customers, customersAfterCalibration = "customers_after_calibration"
            case holdoutWeeks = "holdout_weeks", actualTotal = "actual_total", predictedTotal = "predicted_total"
            case totalErrorPercent = "total_error_pct", meanAbsoluteError = "mae", rootMeanSquareError = "rmse"
            case churnRisks = "churn_risks", predictionsFile = "predictions_file"
        }
    }

    func run() async throws {
        let l = lang ?? Language.fromEnvironment()
        guard let calibration = CivilDate.days(iso: Substring(calibrationEnd)), calibration >= 0 else {
            throw ValidationError(
                Localized(de: "--calibration-end: kein ISO-Datum (JJJJ-MM-TT).", en: "--calibration-end: not an ISO date (YYYY-MM-DD).")[l])
        }
        var observation: Int32?
        if let observationEnd {
            guard let day = CivilDate.days(iso: Substring(observationEnd)), day >= 0 else {
                throw ValidationError(
                    Localized(de: "--observation-end: kein ISO-Datum (JJJJ-MM-TT).", en: "--observation-end: not an ISO date (YYYY-MM-DD).")[l])
            }
            observation = Int32(day)
        }
        let text: String
        do {
            text = try String(contentsOfFile: transactions, encoding: .utf8)
        } catch {
            throw ValidationError(Localized(de: "Datei nicht lesbar: \(transactions)", en: "Cannot read the file \(transactions)")[l])
        }
        let parsed = try TransactionCSVReader.parse(text)
        let options = CLVEvaluation.Options(
            calibrationEnd: Int32(calibration), observationEnd: observation,
            lifetimeValue: .init(horizonMonths: horizonMonths, monthlyDiscountRate: discountRate), churnThreshold: churnThreshold)
        let evaluation = try CLVEvaluation.evaluate(parsed, options: options)
        let output = predictions ?? Self.defaultPredictionsPath(for: transactions)
        try Self.predictionsCSV(evaluation).write(toFile: output, atomically: true, encoding: .utf8)

        let m = evaluation.bgnbd.model, g = evaluation.gammaGamma.model
        let errorPercent = evaluation.actualTotal > 0 ? 100 * (evaluation.predictedTotal - evaluation.actualTotal) / evaluation.actualTotal : 0
        let risks = evaluation.predictions.filter(\.churnRisk).count
        if json {
            try printJSON(
                Summary(
                    r: m.r, alpha: m.alpha, a: m.a, b: m.b, p: g.p, q: g.q, v: g.v, logLikelihood: evaluation.bgnbd.logLikelihood,
                    customers: evaluation.predictions.count, customersAfterCalibration: evaluation.customersAfterCalibration,
                    holdoutWeeks: evaluation.holdoutWeeks, actualTotal: evaluation.actualTotal, predictedTotal: evaluation.predictedTotal,
                    totalErrorPercent: errorPercent, meanAbsoluteError: evaluation.meanAbsoluteError,
                    rootMeanSquareError: evaluation.rootMeanSquareError, churnRisks: risks, predictionsFile: output))
            return
        }
        let f = { (value: Double, digits: Int) in String(format: "%.\(digits)f", value) }
        // German numbers with a decimal comma.
        let d = { (value: Double, digits: Int) in f(value, digits).replacingOccurrences(of: ".", with: ",") }
        print(
            Localized(
                de:
                    "BG/NBD (Kaufhäufigkeit, Wochen): r = \(d(m.r, 4)), alpha = \(d(m.alpha, 4)), a = \(d(m.a, 4)), b = \(d(m.b, 4)); Log-Likelihood \(d(evaluation.bgnbd.logLikelihood, 2))",
                en:
                    "BG/NBD (purchase frequency, weeks): r = \(f(m.r, 4)), alpha = \(f(m.alpha, 4)), a = \(f(m.a, 4)), b = \(f(m.b, 4)); log-likelihood \(f(evaluation.bgnbd.logLikelihood, 2))"
            )[l])
        print(
            Localized(
                de:
                    "Gamma-Gamma (Umsatz je Kauf): p = \(d(g.p, 4)), q = \(d(g.q, 4)), v = \(d(g.v, 4)) aus \(evaluation.gammaGamma.customers) Wiederholungskäufern",
                en:
                    "Gamma-Gamma (spend per purchase): p = \(f(g.p, 4)), q = \(f(g.q, 4)), v = \(f(g.v, 4)) from \(evaluation.gammaGamma.customers) repeat buyers"
            )[l])
        print(
            Localized(
                de:
                    "Holdout \(d(evaluation.holdoutWeeks, 1)) Wochen, \(evaluation.predictions.count) Kunden: \(Int(evaluation.actualTotal)) Kauftage tatsächlich, \(d(evaluation.predictedTotal, 1)) vorhergesagt (\(d(errorPercent, 1)) %); mittlerer absoluter Fehler je Kunde \(d(evaluation.meanAbsoluteError, 3))",
                en:
                    "Holdout \(f(evaluation.holdoutWeeks, 1)) weeks, \(evaluation.predictions.count) customers: \(Int(evaluation.actualTotal)) purchase days actual, \(f(evaluation.predictedTotal, 1)) predicted (\(f(errorPercent, 1))%); mean absolute error per customer \(f(evaluation.meanAbsoluteError, 3))"
            )[l])
        print(
            Localized(
                de: "\(risks) Kunden mit Abwanderungsrisiko (P(aktiv) < \(d(churnThreshold, 2))). Vorhersagen je Kunde: \(output)",
                en: "\(risks) customers at churn risk (P(alive) < \(churnThreshold)). Predictions per customer: \(output)")[l])
    }

    static func defaultPredictionsPath(for input: String) -> String {
        let url = URL(fileURLWithPath: input)
        return url.deletingPathExtension().path + ".predictions.csv"
    }

    /// One row per customer; ids quoted when they contain a comma or quote.
    static func predictionsCSV(_ evaluation: CLVEvaluation) -> String {
        var out =
            "customer_id,frequency,recency_weeks,age_weeks,mean_spend,expected_purchases,actual_purchases,p_alive,churn_risk,expected_spend,actual_spend,clv\n"
        for p in evaluation.predictions {
            let id =
                p.customer.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + p.customer.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : p.customer
            let numbers = [p.frequency, p.recency, p.age, p.meanSpend, p.expectedPurchases].map { String(format: "%.6g", $0) }
            out +=
                ([id] + numbers + ["\(p.actualPurchases)", String(format: "%.6g", p.probabilityAlive), p.churnRisk ? "1" : "0"]
                + [p.expectedSpend, p.actualSpend, p.lifetimeValue].map { String(format: "%.6g", $0) }).joined(separator: ",") + "\n"
        }
        return out
    }
}
