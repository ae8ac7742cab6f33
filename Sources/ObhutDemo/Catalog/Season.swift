/// Monthly demand profiles (January ... December, 1 = an average month). Made up from common
/// retail knowledge, not measured: garden peaks in spring, gifts and toys before Christmas,
/// clothing at the spring and autumn season changes, coffee and tea nearly flat.
enum Season: Sendable {
    case flat, summer, winter, christmas, advent, easter, autumn, springAutumn, schoolStart
    // Category profiles.
    case coffeeTea, kitchen, home, garden, gifts, clothing, toys, drugstore

    var monthly: [Double] {
        switch self {
        case .flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        case .summer: [0.3, 0.3, 0.5, 0.8, 1.4, 2.0, 2.2, 1.8, 0.8, 0.4, 0.3, 0.3]
        case .winter: [1.8, 1.5, 0.9, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 1.8, 2.0]
        case .christmas: [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.4, 0.9, 2.5, 3.5]
        case .advent: [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.2, 1.0, 4.0, 4.5]
        case .easter: [0.3, 1.5, 3.0, 2.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]
        case .autumn: [0.3, 0.3, 0.5, 0.5, 0.4, 0.4, 0.5, 0.8, 2.2, 2.5, 1.2, 0.5]
        case .springAutumn: [0.6, 0.7, 1.5, 1.8, 1.0, 0.5, 0.4, 0.6, 1.6, 1.8, 1.0, 0.6]
        case .schoolStart: [0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 1.5, 3.0, 1.5, 0.4, 0.4, 0.4]
        case .coffeeTea: [1.1, 1.05, 1.0, 0.95, 0.9, 0.85, 0.85, 0.85, 0.95, 1.05, 1.15, 1.3]
        case .kitchen: [0.9, 0.9, 1.0, 1.0, 1.0, 0.9, 0.85, 0.85, 1.0, 1.05, 1.2, 1.35]
        case .home: [1.0, 0.95, 1.05, 1.0, 0.9, 0.85, 0.8, 0.85, 1.0, 1.15, 1.2, 1.25]
        case .garden: [0.25, 0.45, 1.6, 2.3, 2.4, 1.8, 1.1, 0.8, 0.6, 0.45, 0.25, 0.2]
        case .gifts: [0.5, 0.7, 0.6, 0.7, 0.8, 0.6, 0.5, 0.5, 0.6, 0.8, 2.2, 3.2]
        case .clothing: [0.8, 0.9, 1.4, 1.5, 1.1, 0.8, 0.7, 0.8, 1.4, 1.5, 1.1, 0.9]
        case .toys: [0.5, 0.5, 0.6, 0.7, 0.6, 0.6, 0.6, 0.6, 0.7, 0.9, 2.3, 3.0]
        case .drugstore: [1.0, 1.0, 1.0, 1.0, 1.1, 1.3, 1.4, 1.3, 1.0, 0.9, 0.9, 0.9]
        }
    }
}
