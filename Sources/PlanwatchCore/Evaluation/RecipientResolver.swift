/// Turns a rule's recipients (`owner`, `unit.coordinator`, `styrgrupp`) into people.
struct RecipientResolver: Sendable {
    let plan: PlanSnapshot
    /// Role → person ids, from the configuration and from the people's own roles.
    let roleHolders: [String: [String]]
    let defaultLanguage: String

    init(plan: PlanSnapshot, roles: [String: [String]], defaultLanguage: String) {
        self.plan = plan
        self.defaultLanguage = defaultLanguage
        var holders = roles
        for person in plan.people {
            for role in person.roles where !(holders[role]?.contains(person.id) ?? false) {
                holders[role, default: []].append(person.id)
            }
        }
        roleHolders = holders
    }

    /// The people for `recipients`, without duplicates, in the order named. A unit role missing in
    /// the subject's unit is looked up in its parent units.
    func resolve(_ recipients: [Recipient], owner: String?, unit: String?) -> [NotifiedPerson] {
        var result: [NotifiedPerson] = []
        func add(_ id: String?, via: String) {
            // A handful of recipients: a linear search beats hashing into a set made per finding.
            guard let id, !result.contains(where: { $0.id == id }), let person = plan.peopleByID[id] else { return }
            result.append(NotifiedPerson(id: person.id, name: person.name, email: person.email,
                                         language: person.language ?? defaultLanguage, via: via))
        }
        for recipient in recipients {
            switch recipient {
            case .owner:
                add(owner, via: "owner")
            case .unitRole(let role):
                var current = unit.flatMap { plan.unitsByID[$0] }
                var hops = 0
                while let unit = current, hops < 32 {
                    if let holder = unit.roles[role] {
                        add(holder, via: recipient.description)
                        break
                    }
                    current = unit.parent.flatMap { plan.unitsByID[$0] }
                    hops += 1
                }
            case .role(let role):
                for id in roleHolders[role] ?? [] { add(id, via: role) }
            }
        }
        return result
    }
}
