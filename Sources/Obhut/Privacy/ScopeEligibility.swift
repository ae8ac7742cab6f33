/// Whom an activity's purpose admits to its scope: people with consent for the purpose where its
/// legal basis needs consent (flags by integer key), minus those restricted or objecting (by id).
/// The same rule lists the scope's people and filters the feedback read before them.
struct ScopeEligibility: Sendable {
    /// Consent per integer key; nil where the legal basis needs no consent.
    let consenting: [Bool]?
    /// Customer ids restricted (Art. 18) or objecting (Art. 21) for the purpose, or for every purpose.
    let excluded: Set<String>

    /// Whether the consent the purpose needs is there (always, where it needs none).
    func consents(ref: Int64) -> Bool {
        guard let consenting else { return true }
        return ref >= 0 && ref < Int64(consenting.count) && consenting[Int(ref)]
    }

    /// Whether the person with this integer key and id is in scope (the id is only made where
    /// someone is restricted or objecting).
    func admits(ref: Int64, id: @autoclosure () -> String) -> Bool {
        consents(ref: ref) && (excluded.isEmpty || !excluded.contains(id()))
    }
}
