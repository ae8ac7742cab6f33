/// Whom an activity's purpose admits to its scope: people with consent for the purpose where its
/// legal basis needs consent (flags by integer key), minus those restricted or objecting (by id).
/// The same rule lists the scope's people, filters the feedback read before them, and counts the
/// people a pre-flight reports.
struct ScopeEligibility: Sendable {
    /// The largest integer key of a customer in the snapshot it was made from.
    let maxRef: Int
    /// Consent per integer key; nil where the legal basis needs no consent.
    let consenting: [Bool]?
    /// Customer ids restricted (Art. 18) for the purpose, or for every purpose.
    let restricted: Set<String>
    /// Customer ids objecting (Art. 21) to the purpose, or to every purpose.
    let objecting: Set<String>

    /// Whether the consent the purpose needs is there (always, where it needs none).
    func consents(ref: Int64) -> Bool {
        guard let consenting else { return true }
        return ref >= 0 && ref < Int64(consenting.count) && consenting[Int(ref)]
    }

    /// Whether anyone is restricted or objecting (else no id needs to be looked at).
    var excludesAnyone: Bool { !restricted.isEmpty || !objecting.isEmpty }

    /// Whether the person with this integer key and id is in scope (the id is only made where
    /// someone is restricted or objecting).
    func admits(ref: Int64, id: @autoclosure () -> String) -> Bool {
        guard consents(ref: ref) else { return false }
        guard excludesAnyone else { return true }
        let id = id()
        return !restricted.contains(id) && !objecting.contains(id)
    }
}
