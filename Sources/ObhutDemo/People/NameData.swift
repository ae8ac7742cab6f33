/// Name material for invented people. First names and the common surnames are frequent names in
/// Germany (and in English-speaking countries for the English-language customers); most
/// surnames are assembled from common German name parts, which gives the long tail real surname
/// lists have (so that "same surname and postal code" stays rare, as it is in real data).
/// Combinations are random: any resemblance to a real person is accidental.
enum NameData {
    static let germanFemale: [String] = [
        "Anna", "Maria", "Sophie", "Laura", "Lena", "Julia", "Lea", "Hannah", "Lisa", "Sarah",
        "Katharina", "Johanna", "Emma", "Mia", "Clara", "Marie", "Charlotte", "Luisa", "Paula", "Greta",
        "Ida", "Frieda", "Mila", "Lina", "Nele", "Jana", "Sandra", "Sabine", "Petra", "Monika",
        "Ursula", "Andrea", "Claudia", "Stefanie", "Nicole", "Susanne", "Birgit", "Karin", "Gabriele", "Heike",
        "Martina", "Christina", "Kerstin", "Anja", "Silke", "Tanja", "Melanie", "Katrin", "Daniela", "Simone",
        "Nina", "Franziska", "Vanessa", "Jessica", "Jennifer", "Christine", "Renate", "Helga", "Ingrid", "Elke",
        "Brigitte", "Angelika", "Barbara", "Doris", "Gisela", "Erika", "Hildegard", "Ilse", "Marion", "Antje",
        "Ute", "Anke", "Carina", "Theresa", "Miriam", "Verena", "Svenja", "Annika", "Carolin", "Jasmin",
        "Janina", "Pia", "Emilia", "Amelie", "Leonie", "Marlene", "Elisabeth", "Magdalena", "Helene", "Rosa",
        "Wiebke", "Frauke", "Gesa", "Elif", "Zeynep", "Ayşe", "Katarzyna", "Agnieszka", "Giulia", "Elena",
    ]

    static let germanMale: [String] = [
        "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Frank", "Peter", "Wolfgang", "Klaus",
        "Jürgen", "Uwe", "Dieter", "Hans", "Werner", "Manfred", "Günter", "Horst", "Bernd", "Ralf",
        "Matthias", "Martin", "Jan", "Tobias", "Daniel", "Sebastian", "Alexander", "Florian", "Lukas", "Jonas",
        "Leon", "Felix", "Maximilian", "Paul", "Ben", "Noah", "Elias", "Finn", "Luca", "Moritz",
        "Niklas", "Tim", "Philipp", "Simon", "Julian", "David", "Fabian", "Dominik", "Patrick", "Sven",
        "Torsten", "Jens", "Dirk", "Holger", "Oliver", "Carsten", "Kai", "Lars", "Jörg", "Rainer",
        "Heinz", "Karl", "Gerhard", "Helmut", "Joachim", "Rolf", "Norbert", "Volker", "Harald", "Georg",
        "Johannes", "Benedikt", "Konstantin", "Vincent", "Anton", "Emil", "Theo", "Henry", "Oskar", "Malte",
        "Hauke", "Till", "Björn", "Marco", "Kevin", "Dennis", "Nils", "Timo", "Marcel", "Erik",
        "Mehmet", "Emre", "Ali", "Can", "Piotr", "Tomasz", "Luka", "Dimitrios", "Alessandro", "Ivan",
    ]

    static let germanSurnames: [String] = [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
        "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
        "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
        "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
        "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
        "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
        "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
        "Ernst", "Lindner", "Hübner", "Kramer", "Franz", "Jansen", "Hermann", "Götz", "Riedel", "Wilhelm",
        "Ebert", "Kaufmann", "Böttcher", "Herzog", "Thiel", "Hein", "Schenk", "Ott", "Schön", "Wendt",
        "Brinkmann", "Gerlach", "Stark", "Kraft", "Frey", "Menzel", "Sander", "Beyer", "Hesse", "Brenner",
        "Auer", "Seifert", "Dietz", "Fink", "Lutz", "Kurz", "Reuter", "Bender", "Keil", "Wenzel",
        "Rieger", "Kirchner", "Hauser", "Schilling", "Hartung", "Moser", "Heinz", "Fiedler", "Kolb", "Gärtner",
        "Böhme", "Witt", "Lenz", "Brand", "Ulrich", "Hansen", "Petersen", "Nielsen", "Jensen", "Wiese",
        "Wegner", "Mertens", "Ahrens", "Rose", "Schütz", "Haase", "Bock", "Förster", "Thiele", "Reinhardt",
        "Büttner", "Stahl", "Adam", "Runge", "Decker", "Rupp", "Pieper", "Meißner", "Kästner", "Hildebrandt",
        "Dreyer", "Behrens", "Hinz", "Kuhlmann", "Eckert", "Geiger", "Greiner", "Tiedemann", "Voss", "Wiegand",
        "Zander", "Zeller", "Marx", "Nowak", "Peter", "Paul", "Schwab", "Bühler", "Weis", "Lindemann",
    ]

    /// Surnames common in Germany with roots elsewhere.
    static let otherSurnames: [String] = [
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan",
        "Kowalski", "Nowakowski", "Wiśniewski", "Lewandowski", "Kamiński", "Zieliński", "Popescu", "Ionescu",
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Papadopoulos", "Georgiou",
        "Nguyen", "Tran", "Petrović", "Jovanović", "Horvat", "Kovačević", "Ivanov", "Smirnov", "Novak",
        "García", "Fernández", "Martínez", "Silva", "Santos", "Pereira", "Haddad", "Khalil", "Rahman",
    ]

    /// Parts of German surnames: a root and an ending give "Lindner", "Brückmann", "Steinhauer".
    static let surnameRoots: [String] = [
        "Linden", "Brück", "Stein", "Wein", "Berg", "Bach", "Hof", "Kirch", "Feld", "Wald",
        "Holz", "Eich", "Buch", "Rosen", "Sonnen", "Mühl", "Wies", "Burg", "Dorn", "Grün",
        "Hagen", "Kamp", "Lohr", "Mohr", "Rein", "Roth", "Schaf", "Schön", "Seel", "Sieg",
        "Stroh", "Tann", "Thal", "Ufer", "Vogel", "Wasser", "Weid", "Wend", "Wiel", "Zieg",
        "Alt", "Bären", "Blum", "Brand", "Busch", "Dann", "Eisen", "Falk", "Frei",
        "Gold", "Haber", "Hasel", "Heid", "Hell", "Kalten", "Kessel", "Klee", "Kron", "Lauter",
        "Löw", "Oster", "Pfeif", "Quast", "Reh", "Sand", "Scharf", "Sommer",
        "Stern", "Teich", "Tiefen", "Unter", "Wendel", "Winter", "Wolfs", "Zimmer", "Ober",
    ]

    static let surnameEndings: [String] = [
        "mann", "er", "ner", "hauer", "berger", "bach", "meier", "huber", "schmidt", "hoff",
        "mayer", "bauer", "ling", "inger", "hardt", "wald", "feld", "stein", "brink", "kamp",
        "haus", "horst", "reiter", "gruber", "müller", "stätter", "ecker", "beck", "born", "dorf",
        "lein", "le", "ke", "hold",
    ]

    static let englishFemale: [String] = [
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Emily",
        "Olivia", "Amelia", "Isla", "Ava", "Sophia", "Grace", "Chloe", "Charlotte", "Emma", "Lucy",
        "Hannah", "Megan", "Rachel", "Rebecca", "Katie", "Alice", "Holly", "Abigail", "Zoe", "Ruth",
    ]

    static let englishMale: [String] = [
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
        "Daniel", "Matthew", "Andrew", "Oliver", "Harry", "George", "Jack", "Jacob", "Noah", "Ethan",
        "Liam", "Samuel", "Benjamin", "Henry", "Edward", "Callum", "Owen", "Ryan", "Connor", "Patrick",
    ]

    static let englishSurnames: [String] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins",
        "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Bailey", "Reed",
        "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray",
        "Hughes", "Price", "Sanders", "Patel", "O'Brien", "Walsh", "Byrne", "Murray", "Fletcher", "Shaw",
    ]

    /// Street name parts: "Linden" + "straße", "Goethe" + "weg".
    static let streetRoots: [String] = [
        "Linden", "Birken", "Ahorn", "Eichen", "Buchen", "Kastanien", "Tannen", "Rosen", "Tulpen", "Nelken",
        "Mühlen", "Kirch", "Schul", "Bahnhof", "Garten", "Berg", "Wald", "Wiesen", "Feld", "Bach",
        "See", "Sonnen", "Stern", "Hafen", "Markt", "Burg", "Schloss", "Brunnen", "Quellen", "Lerchen",
        "Amsel", "Finken", "Drossel", "Falken", "Adler", "Hirsch", "Goethe", "Schiller", "Lessing", "Heine",
        "Mozart", "Beethoven", "Händel", "Kant", "Humboldt", "Fontane", "Uhland", "Eichendorff", "Herder", "Holunder",
        "Flieder", "Weiden", "Erlen", "Ulmen", "Kiefern", "Heide", "Moor", "Auen", "Rhein", "Main",
    ]

    static let streetSuffixes: [(String, Double)] = [
        ("straße", 0.52), ("weg", 0.24), ("allee", 0.07), ("gasse", 0.05), ("ring", 0.08), ("platz", 0.04),
    ]

    static let fixedStreets: [String] = [
        "Am Anger", "Am Mühlbach", "Im Winkel", "An der Linde", "Am Markt", "Hinter den Gärten",
        "Auf dem Kamp", "Zur Alten Schmiede", "Am Sonnenhang", "Im Grund", "An der Kirche", "Am Wall",
    ]
}
