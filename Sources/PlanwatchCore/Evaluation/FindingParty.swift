/// Whom a deadline finding concerns and whom it is told to: the item's unit, the unit's employer,
/// the owner, and the people notified. The same for every finding of one rule with the same owner
/// and unit, so it is made once for them (``PartyCache``) and shared by reference.
public final class FindingParty: Sendable {
    public let unit: OrganisationUnit?
    /// The unit's employer when the rule selects by employer (``Selector/employerKinds``), else the unit.
    public let employer: OrganisationUnit?
    public let owner: Person?
    /// Who is told.
    public let people: [NotifiedPerson]

    public init(unit: OrganisationUnit?, employer: OrganisationUnit?, owner: Person?, people: [NotifiedPerson]) {
        self.unit = unit
        self.employer = employer
        self.owner = owner
        self.people = people
    }
}

/// The parties of one rule's findings so far, by owner, unit and whether the finding is escalated
/// (each part of a large plan has a cache of its own: it is not shared across threads).
final class PartyCache {
    struct Key: Hashable {
        let owner: String?
        let unit: String?
        let escalated: Bool
    }

    private var parties: [Key: FindingParty] = [:]

    /// The party of `key`, made by `make` the first time it is asked for.
    func party(_ key: Key, make: () -> FindingParty) -> FindingParty {
        if let known = parties[key] { return known }
        let made = make()
        parties[key] = made
        return made
    }
}
