/// The analyses that ship with Obhut, by activity name. An activity declared in the register
/// without an analysis here fails its pre-flight check with that reason.
public enum Analyses {
    public static let builtIn: [String: any Analysis] = [
        "segments": SegmentsAnalysis(),
        "lead-scores": LeadScoresAnalysis(),
        "purchase-patterns": PurchasePatternsAnalysis(),
        "rebuy-reminders": RebuyRemindersAnalysis(),
        "clv": CLVAnalysis(),
        "recommendations": RecommendationsAnalysis(),
        "feedback": FeedbackInsightsAnalysis(),
    ]
}
