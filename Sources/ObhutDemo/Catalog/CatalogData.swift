/// The invented product range of the demo shop: about 200 articles in eight categories, with
/// prices in euro cents, a popularity weight, a seasonal profile and a few traits. Names are
/// generic German article descriptions, no brands.
enum CategoryID: Int, CaseIterable, Sendable {
    case coffeeTea, kitchen, home, garden, gifts, clothing, toys, drugstore

    var name: String {
        switch self {
        case .coffeeTea: "Kaffee & Tee"
        case .kitchen: "Küche"
        case .home: "Haus & Wohnen"
        case .garden: "Garten"
        case .gifts: "Geschenke"
        case .clothing: "Bekleidung"
        case .toys: "Spielwaren"
        case .drugstore: "Drogerie & Gesundheit"
        }
    }

    var season: Season {
        switch self {
        case .coffeeTea: .coffeeTea
        case .kitchen: .kitchen
        case .home: .home
        case .garden: .garden
        case .gifts: .gifts
        case .clothing: .clothing
        case .toys: .toys
        case .drugstore: .drugstore
        }
    }

    /// Share of the shop's demand that goes to the category in an average month.
    var popularity: Double {
        switch self {
        case .coffeeTea: 0.17
        case .kitchen: 0.15
        case .home: 0.14
        case .garden: 0.14
        case .gifts: 0.11
        case .clothing: 0.14
        case .toys: 0.10
        case .drugstore: 0.05
        }
    }

    /// Probability that a bought line is sent back (clothing much more often: size and fit).
    var returnRate: Double { self == .clothing ? 0.105 : 0.017 }
}

struct ProductTraits: OptionSet, Sendable {
    let rawValue: Int
    /// Bought again and again, often more than one at a time.
    static let consumable = ProductTraits(rawValue: 1)
    /// Reduced in the sales (Winter-/Sommerschlussverkauf, Black Week).
    static let sale = ProductTraits(rawValue: 2)
    /// Demand grows over the years of the demo.
    static let rising = ProductTraits(rawValue: 4)
    /// Demand shrinks over the years of the demo.
    static let falling = ProductTraits(rawValue: 8)
}

struct ProductSpec: Sendable {
    let category: CategoryID
    let name: String
    let price: Int64
    let weight: Double
    let season: Season
    let traits: ProductTraits
    /// When the article was introduced, as a fraction of the demo's history (nil: before it).
    let introduced: Double?
    /// When it was discontinued, as a fraction of the history (nil: still for sale).
    let discontinued: Double?
}

enum CatalogData {
    static let specs: [ProductSpec] = coffeeTea + kitchen + home + garden + gifts + clothing + toys + drugstore

    private static func p(
        _ c: CategoryID, _ name: String, _ price: Int64, _ weight: Double, _ season: Season = .flat,
        _ traits: ProductTraits = [], introduced: Double? = nil, discontinued: Double? = nil
    ) -> ProductSpec {
        ProductSpec(
            category: c, name: name, price: price, weight: weight, season: season, traits: traits,
            introduced: introduced, discontinued: discontinued)
    }

    static let coffeeTea: [ProductSpec] = [
        p(.coffeeTea, "Kaffeebohnen Espresso Classico 1 kg", 1699, 10, .flat, [.consumable, .sale]),
        p(.coffeeTea, "Kaffeebohnen Crema Mild 1 kg", 1599, 9, .flat, [.consumable, .sale]),
        p(.coffeeTea, "Kaffeebohnen Hochland Bio 500 g", 1149, 6, .flat, [.consumable]),
        p(.coffeeTea, "Kaffeebohnen Entkoffeiniert 500 g", 999, 3, .flat, [.consumable]),
        p(.coffeeTea, "Filterkaffee gemahlen 500 g", 699, 8, .flat, [.consumable, .sale]),
        p(.coffeeTea, "Espresso gemahlen 250 g", 549, 4, .flat, [.consumable]),
        p(.coffeeTea, "Kaffeekapseln Lungo 30 Stück", 899, 5, .flat, [.consumable, .falling]),
        p(.coffeeTea, "Kaffeefilter Größe 4, 100 Stück", 249, 7, .flat, [.consumable]),
        p(.coffeeTea, "Handfilter Porzellan Größe 4", 1999, 3),
        p(.coffeeTea, "French Press 1 l", 2999, 3, .flat, [.sale]),
        p(.coffeeTea, "Milchaufschäumer elektrisch", 3999, 3, .flat, [.sale]),
        p(.coffeeTea, "Kaffeemühle mit Kegelmahlwerk", 5999, 2, .flat, [.sale]),
        p(.coffeeTea, "Espressokocher 6 Tassen", 3499, 3),
        p(.coffeeTea, "Kaffeebecher Steinzeug 2er-Set", 1999, 3),
        p(.coffeeTea, "Thermobecher to go 350 ml", 1799, 4, .flat, [.sale]),
        p(.coffeeTea, "Schwarzer Tee Assam 250 g", 799, 5, .flat, [.consumable]),
        p(.coffeeTea, "Grüner Tee Sencha 100 g", 699, 5, .flat, [.consumable]),
        p(.coffeeTea, "Earl Grey lose 200 g", 749, 4, .flat, [.consumable]),
        p(.coffeeTea, "Kräutertee Wintertraum 100 g", 599, 4, .winter, [.consumable]),
        p(.coffeeTea, "Früchtetee Sommerbeere 150 g", 549, 3, .summer, [.consumable]),
        p(.coffeeTea, "Rooibos Vanille 200 g", 649, 3, .flat, [.consumable]),
        p(.coffeeTea, "Chai Gewürztee 150 g", 699, 3, .winter, [.consumable, .rising]),
        p(.coffeeTea, "Matcha Pulver 30 g", 1499, 2, .flat, [.consumable, .rising]),
        p(.coffeeTea, "Teekanne Glas mit Sieb 1,2 l", 2499, 3),
        p(.coffeeTea, "Teesieb Edelstahl", 599, 4),
        p(.coffeeTea, "Teefilter Papier, 100 Stück", 299, 4, .flat, [.consumable]),
        p(.coffeeTea, "Kandiszucker braun 500 g", 349, 3, .flat, [.consumable]),
        p(.coffeeTea, "Hafermilch Barista 1 l", 249, 4, .flat, [.consumable, .rising]),
        p(.coffeeTea, "Trinkschokolade 250 g", 649, 3, .winter, [.consumable]),
        p(.coffeeTea, "Kaffeepads Classic 36 Stück", 499, 4, .flat, [.consumable, .falling], discontinued: 0.62),
    ]

    static let kitchen: [ProductSpec] = [
        p(.kitchen, "Bratpfanne Gusseisen 28 cm", 4999, 5, .flat, [.sale]),
        p(.kitchen, "Bratpfanne beschichtet 24 cm", 2999, 6, .flat, [.sale]),
        p(.kitchen, "Pfannenwender Silikon", 799, 5),
        p(.kitchen, "Kochtopf-Set Edelstahl 4-teilig", 8999, 3, .flat, [.sale]),
        p(.kitchen, "Kochmesser 20 cm", 4499, 4),
        p(.kitchen, "Schleifstein für Messer", 2499, 3),
        p(.kitchen, "Schneidebrett Eiche", 3499, 4),
        p(.kitchen, "Brotmesser Wellenschliff", 2299, 3),
        p(.kitchen, "Küchenwaage digital", 1999, 4, .flat, [.sale]),
        p(.kitchen, "Messbecher-Set", 999, 3),
        p(.kitchen, "Schneebesen Edelstahl", 699, 3),
        p(.kitchen, "Springform 26 cm", 1499, 4, .winter),
        p(.kitchen, "Backpapier 50 Blatt", 399, 4, .winter, [.consumable]),
        p(.kitchen, "Ausstechformen Weihnachten 12-teilig", 899, 3, .christmas),
        p(.kitchen, "Nudelholz Buche", 1299, 2),
        p(.kitchen, "Salatschüssel Bambus", 2499, 3, .summer),
        p(.kitchen, "Vorratsdosen Glas 3er-Set", 2299, 4),
        p(.kitchen, "Gewürzregal mit 12 Gläsern", 2999, 3),
        p(.kitchen, "Olivenöl nativ extra 750 ml", 1199, 5, .flat, [.consumable]),
        p(.kitchen, "Balsamico-Essig 500 ml", 899, 3, .flat, [.consumable]),
        p(.kitchen, "Meersalz grob 500 g", 349, 3, .flat, [.consumable]),
        p(.kitchen, "Pfeffermühle Holz", 1999, 3),
        p(.kitchen, "Geschirrtücher 3er-Pack", 1299, 4),
        p(.kitchen, "Spülbürste Holz", 499, 4, .flat, [.consumable]),
        p(.kitchen, "Grillzange Edelstahl", 1499, 3, .summer),
        p(.kitchen, "Grillbürste", 999, 3, .summer),
        p(.kitchen, "Grillgewürz Rauchpaprika 100 g", 499, 3, .summer, [.consumable]),
        p(.kitchen, "Wasserkocher Edelstahl 1,7 l", 3999, 4, .flat, [.sale]),
        p(.kitchen, "Toaster 2 Scheiben", 3499, 3, .flat, [.sale]),
        p(.kitchen, "Eierkocher", 2499, 2, .flat, [.falling], discontinued: 0.48),
    ]

    static let home: [ProductSpec] = [
        p(.home, "Duftkerze Zedernholz", 1499, 5),
        p(.home, "Stumpenkerzen 4er-Set weiß", 999, 5, .winter, [.consumable]),
        p(.home, "Kerzenhalter Messing", 1999, 3),
        p(.home, "Streichhölzer Kaminlänge", 349, 3, .winter, [.consumable]),
        p(.home, "Kuscheldecke Strick 130x170", 3999, 5, .winter, [.sale]),
        p(.home, "Kissenhülle Leinen 50x50", 1499, 5, .flat, [.sale]),
        p(.home, "Kissenfüllung 50x50", 999, 4),
        p(.home, "Teppich Baumwolle 120x180", 6999, 2, .flat, [.sale]),
        p(.home, "Vase Keramik groß", 2999, 3),
        p(.home, "Bilderrahmen 30x40", 1299, 4),
        p(.home, "Wanduhr Eiche", 3999, 2),
        p(.home, "Tischleuchte Leinen", 4999, 2, .flat, [.sale]),
        p(.home, "Lichterkette LED 10 m", 1999, 4, .christmas),
        p(.home, "Fußmatte Kokos", 1999, 3),
        p(.home, "Wäschekorb Seegras", 2999, 3),
        p(.home, "Aufbewahrungskorb 3er-Set", 2499, 4),
        p(.home, "Handtuch-Set 4-teilig", 3499, 4, .flat, [.sale]),
        p(.home, "Bettwäsche Satin 135x200", 4999, 4, .flat, [.sale]),
        p(.home, "Kopfkissen 80x80", 2999, 3),
        p(.home, "Garderobenleiste 5 Haken", 1999, 2),
        p(.home, "Türstopper Filz", 899, 2),
        p(.home, "Raumduft Lavendel 100 ml", 1299, 3, .flat, [.consumable]),
        p(.home, "Raumduft Nachfüllflasche 200 ml", 899, 2, .flat, [.consumable]),
        p(.home, "Spiegel rund 60 cm", 5999, 2),
        p(.home, "Kaminholzkorb Filz", 3499, 2, .winter),
        p(.home, "Adventskranz Tanne natur", 3999, 2, .advent),
        p(.home, "Christbaumkugeln 12er-Set", 1999, 3, .advent),
        p(.home, "Fensterstern Papier", 1499, 2, .advent, discontinued: 0.55),
    ]

    static let garden: [ProductSpec] = [
        p(.garden, "Gartenschere Bypass", 2499, 6, .flat, [.sale]),
        p(.garden, "Gartenhandschuhe Leder", 1299, 6),
        p(.garden, "Astschere Teleskop", 4999, 3),
        p(.garden, "Heckenschere manuell", 3999, 3),
        p(.garden, "Blumenerde torffrei 40 l", 999, 7, .flat, [.consumable]),
        p(.garden, "Pflanzkübel Terrakotta 40 cm", 2999, 4, .flat, [.sale]),
        p(.garden, "Pflanzkübel Kunststoff 30 cm", 1499, 4),
        p(.garden, "Gießkanne Zink 10 l", 2999, 4),
        p(.garden, "Gartenschlauch 20 m", 3499, 4, .flat, [.sale]),
        p(.garden, "Schlauchbrause 7 Funktionen", 1499, 3),
        p(.garden, "Rasensamen Spiel & Sport 1 kg", 1499, 4, .flat, [.consumable]),
        p(.garden, "Rasendünger 5 kg", 1999, 4, .flat, [.consumable]),
        p(.garden, "Tomatensamen Bio-Mischung", 299, 4, .easter, [.consumable]),
        p(.garden, "Kräutersamen 6er-Set", 799, 4, .flat, [.consumable]),
        p(.garden, "Anzuchttöpfe 40 Stück", 599, 3, .easter, [.consumable]),
        p(.garden, "Hochbeet Lärche 120x60", 12999, 2, .flat, [.sale]),
        p(.garden, "Komposter 300 l", 5999, 2),
        p(.garden, "Vogelhaus Holz", 2499, 3, .winter),
        p(.garden, "Vogelfutter Streumischung 2,5 kg", 799, 4, .winter, [.consumable]),
        p(.garden, "Insektenhotel", 2499, 3),
        p(.garden, "Solarleuchten 4er-Set", 2999, 4, .summer, [.sale]),
        p(.garden, "Gartenbank Akazie", 14999, 1, .flat, [.sale]),
        p(.garden, "Liegestuhl Buche", 6999, 2, .summer, [.sale]),
        p(.garden, "Sonnenschirm 200 cm", 4999, 2, .summer, [.sale]),
        p(.garden, "Schneckenkorn Bio 1 kg", 999, 3, .flat, [.consumable]),
        p(.garden, "Unkrautstecher", 999, 3),
        p(.garden, "Handschaufel Edelstahl", 999, 4),
        p(.garden, "Gartenschürze Canvas", 1999, 2, .flat, [.rising], introduced: 0.3),
        p(.garden, "Blumenzwiebeln Tulpen 25 Stück", 699, 4, .autumn, [.consumable]),
        p(.garden, "Rasenkantenschere", 1999, 2, .flat, [.falling], discontinued: 0.7),
    ]

    static let gifts: [ProductSpec] = [
        p(.gifts, "Geschenkpapier Rolle 3 m", 399, 7, .flat, [.consumable]),
        p(.gifts, "Geschenkband 10 m", 299, 5, .flat, [.consumable]),
        p(.gifts, "Geschenkboxen Karton 3er-Set", 999, 4),
        p(.gifts, "Grußkarte Geburtstag", 299, 5),
        p(.gifts, "Weihnachtskarten 5er-Set", 799, 4, .christmas),
        p(.gifts, "Gutscheinkarte 25 €", 2500, 4),
        p(.gifts, "Gutscheinkarte 50 €", 5000, 3),
        p(.gifts, "Fotoalbum Leinen", 2499, 3),
        p(.gifts, "Notizbuch A5 Leder", 1999, 4),
        p(.gifts, "Füllfederhalter", 3499, 2),
        p(.gifts, "Schreibset in Geschenkbox", 2999, 2),
        p(.gifts, "Tee-Adventskalender", 2999, 3, .advent),
        p(.gifts, "Kaffee-Probierset 4 Sorten", 2499, 3),
        p(.gifts, "Pralinen Auswahl 250 g", 1499, 4, .christmas, [.consumable]),
        p(.gifts, "Schokoladen-Geschenkdose", 1299, 3, .christmas),
        p(.gifts, "Weingläser 2er-Set", 2499, 3),
        p(.gifts, "Tasse mit Wunschnamen", 1799, 3, .flat, [.rising], introduced: 0.5),
        p(.gifts, "Schlüsselanhänger Leder", 1299, 3),
        p(.gifts, "Duftset in Geschenkbox", 2499, 3),
        p(.gifts, "Kerzen-Geschenkset", 1999, 3, .christmas),
        p(.gifts, "Sternenhimmel-Projektor", 2999, 2, .flat, [.rising]),
        p(.gifts, "Puzzle 1000 Teile Landschaft", 1999, 3, .winter),
        p(.gifts, "Glücksbringer Kleeblatt", 599, 2, .winter),
        p(.gifts, "Adventskalender zum Befüllen", 1999, 3, .advent),
    ]

    static let clothing: [ProductSpec] = [
        p(.clothing, "T-Shirt Bio-Baumwolle", 1999, 7, .flat, [.sale]),
        p(.clothing, "Poloshirt Piqué", 2999, 4, .summer, [.sale]),
        p(.clothing, "Oxford-Hemd", 4499, 3, .flat, [.sale]),
        p(.clothing, "Leinenbluse", 4999, 3, .summer, [.sale]),
        p(.clothing, "Strickpullover Merino", 7999, 4, .winter, [.sale]),
        p(.clothing, "Kapuzenpullover", 4999, 5, .flat, [.sale]),
        p(.clothing, "Jeans Straight Fit", 6999, 5, .flat, [.sale]),
        p(.clothing, "Chino Stretch", 5999, 4, .springAutumn, [.sale]),
        p(.clothing, "Leinenhose", 5499, 3, .summer),
        p(.clothing, "Sommerkleid", 5999, 3, .summer, [.sale]),
        p(.clothing, "Regenjacke wasserdicht", 8999, 4, .springAutumn),
        p(.clothing, "Regenhose", 4999, 2, .springAutumn),
        p(.clothing, "Übergangsjacke", 9999, 3, .springAutumn, [.sale]),
        p(.clothing, "Daunenjacke", 14999, 3, .winter, [.sale]),
        p(.clothing, "Wollmütze", 1999, 4, .winter),
        p(.clothing, "Strickschal", 2499, 4, .winter),
        p(.clothing, "Fleece-Handschuhe", 1499, 3, .winter),
        p(.clothing, "Socken 5er-Pack", 1499, 7, .flat, [.consumable]),
        p(.clothing, "Wandersocken 2er-Pack", 1499, 3, .springAutumn),
        p(.clothing, "Sneaker Canvas", 5999, 4, .flat, [.sale]),
        p(.clothing, "Gummistiefel", 3999, 3, .autumn),
        p(.clothing, "Hausschuhe Filz", 3499, 3, .winter),
        p(.clothing, "Ledergürtel", 2999, 3),
        p(.clothing, "Strohhut", 2499, 2, .summer),
        p(.clothing, "Badeshorts", 2999, 2, .summer),
        p(.clothing, "Schlafanzug Baumwolle", 3999, 3, .winter),
        p(.clothing, "Unterhemd 2er-Pack", 1999, 3, .flat, [.consumable]),
        p(.clothing, "Laufshirt Funktionsfaser", 2999, 3, .flat, [.rising], introduced: 0.4),
        p(.clothing, "Matschhose Kinder", 2999, 3, .autumn),
        p(.clothing, "Strickjacke Baumwolle", 4999, 2, .springAutumn, [.falling], discontinued: 0.66),
    ]

    static let toys: [ProductSpec] = [
        p(.toys, "Holzeisenbahn Starterset", 4999, 4, .christmas, [.sale]),
        p(.toys, "Bauklötze Buche 50 Teile", 2999, 4, .christmas),
        p(.toys, "Plüschbär 30 cm", 1999, 5, .christmas),
        p(.toys, "Puppenhaus Holz", 8999, 2, .christmas, [.sale]),
        p(.toys, "Brettspiel Familienabend", 2999, 4, .christmas),
        p(.toys, "Kartenspiel Klassiker", 999, 4),
        p(.toys, "Puzzle 100 Teile Bauernhof", 1299, 4),
        p(.toys, "Wachsmalstifte 12 Farben", 899, 4),
        p(.toys, "Knete 8 Farben", 999, 3),
        p(.toys, "Sandspielzeug 6-teilig", 1299, 3, .summer),
        p(.toys, "Wasserpistole", 799, 2, .summer),
        p(.toys, "Springseil", 699, 2, .summer),
        p(.toys, "Drachen Einleiner", 1999, 2, .autumn),
        p(.toys, "Murmelbahn Holz", 4999, 2, .christmas),
        p(.toys, "Experimentierkasten Kristalle", 2499, 3, .christmas),
        p(.toys, "Laufrad Holz", 5999, 2, .flat, [.sale]),
        p(.toys, "Kaufladen-Zubehör", 2499, 2, .christmas),
        p(.toys, "Spielküche Holz", 9999, 1, .christmas, [.sale]),
        p(.toys, "Badeenten 3er-Set", 799, 3),
        p(.toys, "Bilderbuch Tiere", 1299, 3),
        p(.toys, "Kuschelhase", 1499, 3, .easter),
        p(.toys, "Ostereier zum Bemalen 10 Stück", 599, 2, .easter),
        p(.toys, "Schultüte Bastelset", 1499, 2, .schoolStart),
        p(.toys, "Knobelspiel Holz", 1499, 2, .flat, [.rising], introduced: 0.6),
    ]

    static let drugstore: [ProductSpec] = [
        p(.drugstore, "Sonnencreme LSF 30 200 ml", 1299, 4, .summer, [.consumable]),
        p(.drugstore, "After-Sun-Lotion 200 ml", 999, 3, .summer, [.consumable]),
        p(.drugstore, "Handcreme Ringelblume 75 ml", 599, 4, .winter, [.consumable]),
        p(.drugstore, "Lippenpflege 2er-Set", 499, 3, .winter, [.consumable]),
        p(.drugstore, "Duschgel Zitrone 250 ml", 399, 4, .flat, [.consumable]),
        p(.drugstore, "Zahnbürsten Bambus 4er-Pack", 899, 3, .flat, [.consumable]),
        p(.drugstore, "Pflaster-Set 40 Stück", 499, 3, .flat, [.consumable]),
        p(.drugstore, "Erkältungsbad Eukalyptus", 799, 3, .winter, [.consumable]),
        p(.drugstore, "Mückenschutz-Spray 100 ml", 899, 2, .summer, [.consumable]),
        p(.drugstore, "Wärmflasche mit Bezug", 1999, 3, .winter),
    ]

    /// Articles that are bought together, so that association rules have something true to find.
    /// `anchors` may name articles by full name or by a name prefix ("Kaffeebohnen").
    struct BundleSpec: Sendable {
        let anchors: [String]
        let anchorCategory: CategoryID?
        let partner: String
        let probability: Double
    }

    private static func b(_ anchors: [String], _ partner: String, _ probability: Double) -> BundleSpec {
        BundleSpec(anchors: anchors, anchorCategory: nil, partner: partner, probability: probability)
    }

    static let bundles: [BundleSpec] = [
        b(["Kaffeebohnen"], "Kaffeefilter Größe 4, 100 Stück", 0.22),
        b(["Filterkaffee gemahlen 500 g", "Handfilter Porzellan Größe 4"], "Kaffeefilter Größe 4, 100 Stück", 0.5),
        b(["Espressokocher 6 Tassen"], "Espresso gemahlen 250 g", 0.5),
        b(["Milchaufschäumer elektrisch"], "Hafermilch Barista 1 l", 0.3),
        b(["Teekanne Glas mit Sieb 1,2 l"], "Earl Grey lose 200 g", 0.4),
        b(["Teesieb Edelstahl"], "Schwarzer Tee Assam 250 g", 0.35),
        b(["Gartenschere Bypass"], "Gartenhandschuhe Leder", 0.5),
        b(["Pflanzkübel"], "Blumenerde torffrei 40 l", 0.55),
        b(["Tomatensamen Bio-Mischung", "Kräutersamen 6er-Set"], "Anzuchttöpfe 40 Stück", 0.4),
        b(["Rasensamen Spiel & Sport 1 kg"], "Rasendünger 5 kg", 0.35),
        b(["Gartenschlauch 20 m"], "Schlauchbrause 7 Funktionen", 0.45),
        b(["Vogelhaus Holz"], "Vogelfutter Streumischung 2,5 kg", 0.6),
        b(["Grillzange Edelstahl"], "Grillbürste", 0.4),
        b(["Grillzange Edelstahl"], "Grillgewürz Rauchpaprika 100 g", 0.3),
        b(["Bratpfanne"], "Pfannenwender Silikon", 0.4),
        b(["Kochmesser 20 cm"], "Schleifstein für Messer", 0.35),
        b(["Springform 26 cm"], "Backpapier 50 Blatt", 0.35),
        b(["Kissenhülle Leinen 50x50"], "Kissenfüllung 50x50", 0.55),
        b(["Kerzenhalter Messing"], "Stumpenkerzen 4er-Set weiß", 0.5),
        b(["Stumpenkerzen 4er-Set weiß", "Duftkerze Zedernholz"], "Streichhölzer Kaminlänge", 0.25),
        b(["Raumduft Lavendel 100 ml"], "Raumduft Nachfüllflasche 200 ml", 0.3),
        b(["Regenjacke wasserdicht"], "Regenhose", 0.35),
        b(["Wollmütze"], "Strickschal", 0.35),
        b(["Sonnencreme LSF 30 200 ml"], "After-Sun-Lotion 200 ml", 0.45),
        b(["Geschenkpapier Rolle 3 m"], "Geschenkband 10 m", 0.4),
        b(["Adventskalender zum Befüllen"], "Pralinen Auswahl 250 g", 0.3),
        BundleSpec(anchors: [], anchorCategory: .toys, partner: "Geschenkpapier Rolle 3 m", probability: 0.2),
    ]
}
