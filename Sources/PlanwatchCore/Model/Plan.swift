/// An organisational unit: a district administration, a central administration, a section.
public struct OrganisationUnit: Hashable, Sendable {
    public var id: String
    public var name: String
    /// What kind of unit it is (`district`, `central`, …); rules select units by kind.
    public var kind: String
    /// The parent unit's id, if any.
    public var parent: String?
    /// The number of employees, when known (the work-environment rules use it).
    public var employees: Int?
    /// Roles held in the unit, such as `coordinator` or `manager`, mapped to person ids.
    public var roles: [String: String]
    public var location: SourceLocation

    public init(id: String, name: String, kind: String, parent: String? = nil, employees: Int? = nil,
                roles: [String: String] = [:], location: SourceLocation) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parent = parent
        self.employees = employees
        self.roles = roles
        self.location = location
    }
}

/// A person who can receive notifications.
public struct Person: Hashable, Sendable {
    public var id: String
    public var name: String
    public var email: String
    /// Named roles (`styrgrupp`, `facklig-referensgrupp`); rules notify roles by name.
    public var roles: [String]
    /// Preferred message language (`sv`, `en`); the configured language when absent.
    public var language: String?
    /// How this person's mails are bundled (`immediate`, `daily`, `Mon 08:00`); the configured policy when absent.
    public var digest: String?
    public var location: SourceLocation

    public init(id: String, name: String, email: String, roles: [String] = [], language: String? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.email = email
        self.roles = roles
        self.language = language
        self.location = location
    }
}

/// A record that an occurrence of a follow-up was done.
public struct Completion: Hashable, Sendable {
    /// The due date of the occurrence that was completed (the shifted or the written date both
    /// match); `nil` for an item's own single deadline.
    public var occurrence: LocalDate?
    /// The day it was done.
    public var on: LocalDate
    /// The rule the completion is for, when an item has several deadline rules; `nil`: any.
    public var rule: String?
    /// Who recorded it (a person id, or `operator:USER`), when known.
    public var by: String?
    /// A note for people.
    public var note: String?
    public var location: SourceLocation

    public init(occurrence: LocalDate?, on: LocalDate, rule: String? = nil, by: String? = nil, note: String? = nil,
                location: SourceLocation) {
        self.occurrence = occurrence
        self.on = on
        self.rule = rule
        self.by = by
        self.note = note
        self.location = location
    }
}

/// Something in the plan that is followed up: an indicator, an activity, a report.
public struct PlanItem: Hashable, Sendable {
    public var id: String
    /// `indicator`, `activity`, `report`, …; rules select items by kind.
    public var kind: String
    public var title: String
    /// Labels such as `plan: handlingsplan-2023`, `focus_area: god-arbetssituation`: free, except
    /// that a label with a vocabulary (``Vocabularies``) takes one of its values.
    public var labels: [String: String]
    /// The responsible unit's id.
    public var unit: String?
    /// The responsible person's id.
    public var owner: String?
    /// The item's own deadline, for rules without a calendar `due`.
    public var due: LocalDate?
    public var completed: [Completion]
    public var location: SourceLocation

    public init(id: String, kind: String, title: String, labels: [String: String] = [:], unit: String? = nil,
                owner: String? = nil, due: LocalDate? = nil, completed: [Completion] = [], location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.title = title
        self.labels = labels
        self.unit = unit
        self.owner = owner
        self.due = due
        self.completed = completed
        self.location = location
    }
}

/// One reported value: `farsta,arenden_per_handlaggare,2026-10,17.5`.
public struct Measurement: Hashable, Sendable {
    public var unit: String
    public var metric: String
    public var period: Period
    public var value: Double
    public var location: SourceLocation

    public init(unit: String, metric: String, period: Period, value: Double, location: SourceLocation) {
        self.unit = unit
        self.metric = metric
        self.period = period
        self.value = value
        self.location = location
    }
}

/// The plan data at one moment: immutable, and shared freely between tasks.
public struct PlanSnapshot: Sendable {
    public var units: [OrganisationUnit]
    public var people: [Person]
    public var items: [PlanItem]
    public var measurements: [Measurement]
    /// The label vocabularies of the plan and the rule files: the values a label may take, and
    /// their display names.
    public var vocabularies: Vocabularies

    public let unitsByID: [String: OrganisationUnit]
    public let peopleByID: [String: Person]

    public init(units: [OrganisationUnit] = [], people: [Person] = [], items: [PlanItem] = [], measurements: [Measurement] = [],
                vocabularies: Vocabularies = .none) {
        self.units = units
        self.people = people
        self.items = items
        self.measurements = measurements
        self.vocabularies = vocabularies
        self.unitsByID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.peopleByID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
