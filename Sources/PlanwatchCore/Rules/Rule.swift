/// A group of rules, as one rule file holds it.
public struct RuleGroup: Sendable {
    /// The group's name (`handlingsplan-2023`).
    public var name: String
    /// Titles per language.
    public var title: [String: String]
    public var rules: [Rule]
    /// The label vocabularies the group declares (`labels:`); they apply to the whole project.
    public var labels: [LabelVocabulary]
    public var location: SourceLocation

    public init(name: String, title: [String: String] = [:], rules: [Rule] = [], labels: [LabelVocabulary] = [],
                location: SourceLocation) {
        self.name = name
        self.title = title
        self.rules = rules
        self.labels = labels
        self.location = location
    }
}

/// One rule: a deadline to remind about, a threshold to watch, or a report to mail.
public struct Rule: Sendable {
    /// The rule's id, unique across all groups.
    public var id: String
    /// The group it belongs to.
    public var group: String
    /// The rule's kind and the settings of that kind.
    public var settings: Settings
    /// What the rule applies to.
    public var selector: Selector
    /// Who is told.
    public var notify: [Recipient]
    public var severity: Severity
    /// The subject line per language.
    public var title: LocalizedTemplates
    /// The message per language.
    public var text: LocalizedTemplates
    /// What to do and where, per language (`how_to_complete:`): a sentence or a link, shown at the
    /// foot of the rule's mails.
    public var guidance: [String: String] = [:]
    public var location: SourceLocation

    /// The settings of a rule, by its kind.
    public enum Settings: Sendable {
        case deadline(DeadlineRule)
        case threshold(ThresholdRule)
        case report(ReportRule)
    }

    public init(id: String, group: String, settings: Settings, selector: Selector, notify: [Recipient], severity: Severity,
                title: LocalizedTemplates, text: LocalizedTemplates, location: SourceLocation) {
        self.id = id
        self.group = group
        self.settings = settings
        self.selector = selector
        self.notify = notify
        self.severity = severity
        self.title = title
        self.text = text
        self.location = location
    }

    /// The rule's kind.
    public var kind: RuleKind {
        switch settings {
        case .deadline: .deadline
        case .threshold: .threshold
        case .report: .report
        }
    }
}

/// Settings of a deadline rule.
public struct DeadlineRule: Sendable {
    /// When occurrences are due.
    public enum Due: Sendable {
        /// The item's own `due` date.
        case itemDueDate
        /// A calendar expression (`*-01-31`), in the configured zone unless it names one.
        case calendar(CalendarExpression)
    }

    public var due: Due
    /// Added to each date of a calendar `due` before shifting (a submission some working days after a
    /// period ends: `due: "*-04-30"`, `offset: 15 workdays`).
    public var offset: RuleDuration?
    /// How a due date on a non-working day moves.
    public var shift: ShiftPolicy
    /// Reminder leads before the due date (`28d`, `10 workdays`).
    public var remind: [RuleDuration]
    /// What happens after the due date; `nil`: nothing (only reminders and the due day).
    public var overdue: OverduePolicy?

    public init(due: Due, offset: RuleDuration? = nil, shift: ShiftPolicy = .none, remind: [RuleDuration] = [], overdue: OverduePolicy? = nil) {
        self.due = due
        self.offset = offset
        self.shift = shift
        self.remind = remind
        self.overdue = overdue
    }
}

/// What a deadline rule does once the due date has passed.
public struct OverduePolicy: Sendable {
    /// The interval of repeated overdue notices; `nil`: one notice.
    public var `repeat`: RuleDuration?
    /// When to escalate, counted from the due date.
    public var escalateAfter: RuleDuration?
    /// Who is told on escalation (in addition to the rule's recipients).
    public var escalateTo: [Recipient]
    /// After this long past the due date, no more notices (default 90 days).
    public var maxOverdue: RuleDuration

    public init(repeat: RuleDuration? = nil, escalateAfter: RuleDuration? = nil, escalateTo: [Recipient] = [],
                maxOverdue: RuleDuration = RuleDuration(90, .days)) {
        self.repeat = `repeat`
        self.escalateAfter = escalateAfter
        self.escalateTo = escalateTo
        self.maxOverdue = maxOverdue
    }
}

/// Settings of a threshold rule.
public struct ThresholdRule: Sendable {
    /// The metric in the measurements (`arenden_per_handlaggare`); for a derived metric, its name
    /// (``DerivedMetric/description``).
    public var metric: String
    /// The formula of a metric computed from reported ones; `nil`: `metric` is read as reported.
    public var derived: DerivedMetric?
    public var warning: Condition?
    public var critical: Condition?
    /// Consecutive reporting periods the condition must hold before the alert fires.
    public var forPeriods: Int
    /// When a firing alert resolves (hysteresis); `nil`: as soon as neither condition holds.
    public var clear: Condition?
    /// A period not reported this long after it ended is itself an alert.
    public var missingAfter: RuleDuration?
    /// While an alert keeps firing, it is sent again this often (`repeat: 30d`); `nil`: once.
    public var repeatEvery: RuleDuration?

    public init(metric: String, warning: Condition? = nil, critical: Condition? = nil, forPeriods: Int = 1,
                clear: Condition? = nil, missingAfter: RuleDuration? = nil, derived: DerivedMetric? = nil) {
        self.metric = derived?.description ?? metric
        self.derived = derived
        self.warning = warning
        self.critical = critical
        self.forPeriods = forPeriods
        self.clear = clear
        self.missingAfter = missingAfter
    }
}

/// A condition on a value: `{ above: 20 }`, `{ below: 5 }`, `{ outside: [5, 20] }`.
public enum Condition: Hashable, Sendable, CustomStringConvertible {
    case above(Double)
    case below(Double)
    case outside(Double, Double)

    /// Whether `value` satisfies the condition (strictly above, strictly below, strictly outside).
    public func holds(for value: Double) -> Bool {
        switch self {
        case .above(let limit): value > limit
        case .below(let limit): value < limit
        case .outside(let low, let high): value < low || value > high
        }
    }

    /// The limit as a message in `language` shows it (`14,5`, `5–20`).
    public func limitText(in language: MessageLanguage) -> String {
        switch self {
        case .above(let limit), .below(let limit): language.number(limit)
        case .outside(let low, let high): "\(language.number(low))–\(language.number(high))"
        }
    }

    /// The condition in words of `language`: `över 15`, `under 5`, `utanför 5–20` (`above 15`, …).
    public func phrase(in language: MessageLanguage) -> String {
        let swedish = language == .swedish
        return switch self {
        case .above: (swedish ? "över " : "above ") + limitText(in: language)
        case .below: (swedish ? "under " : "below ") + limitText(in: language)
        case .outside: (swedish ? "utanför " : "outside ") + limitText(in: language)
        }
    }

    /// In words of `language`, the values that no longer meet the condition: `högst 15` for
    /// `above 15`, `minst 5` for `below 5`, `mellan 5 och 20` for `outside 5–20` (what ends an alert
    /// without a `clear` of its own).
    public func endPhrase(in language: MessageLanguage) -> String {
        let swedish = language == .swedish
        return switch self {
        case .above(let limit): (swedish ? "högst " : "at most ") + language.number(limit)
        case .below(let limit): (swedish ? "minst " : "at least ") + language.number(limit)
        case .outside(let low, let high):
            swedish ? "mellan \(language.number(low)) och \(language.number(high))" : "between \(language.number(low)) and \(language.number(high))"
        }
    }

    /// The limit a message shows (`20`, `5–20`).
    public var limitText: String {
        switch self {
        case .above(let limit), .below(let limit): formatNumber(limit)
        case .outside(let low, let high): "\(formatNumber(low))–\(formatNumber(high))"
        }
    }

    public var description: String {
        switch self {
        case .above(let limit): "above \(formatNumber(limit))"
        case .below(let limit): "below \(formatNumber(limit))"
        case .outside(let low, let high): "outside \(formatNumber(low))..\(formatNumber(high))"
        }
    }
}

/// A number without a needless `.0`: `20`, `17.5`.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}

/// Which plan items or units a rule applies to: `{ item: indicator, labels: { plan: … } }`,
/// `{ unit: district }`.
public struct Selector: Hashable, Sendable {
    /// Items of this kind (`*` or `nil` with `unit` unset: any item).
    public var itemKind: String?
    /// Units of this kind (threshold rules).
    public var unitKind: String?
    /// Labels an item must carry, with these values.
    public var labels: [String: String]
    /// The unit (of the item, for deadline rules) has at least this many employees.
    public var minEmployees: Int?
    /// The unit (of the item, for deadline rules) has at most this many employees.
    public var maxEmployees: Int?
    /// The kinds of unit that are employers (`employer: [central, district]`): the employee bounds
    /// then count the unit's employer — its nearest ancestor-or-self of one of these kinds — whose
    /// `employees` include its sub-units. Empty: the bounds count the unit itself.
    public var employerKinds: [String]

    public init(itemKind: String? = nil, unitKind: String? = nil, labels: [String: String] = [:],
                minEmployees: Int? = nil, maxEmployees: Int? = nil, employerKinds: [String] = []) {
        self.itemKind = itemKind
        self.unitKind = unitKind
        self.labels = labels
        self.minEmployees = minEmployees
        self.maxEmployees = maxEmployees
        self.employerKinds = employerKinds
    }

    /// Whether the selector has employee bounds (and so needs the unit to decide).
    public var hasEmployeeBounds: Bool { minEmployees != nil || maxEmployees != nil }

    /// The unit whose employees the bounds count: with ``employerKinds``, the nearest
    /// ancestor-or-self of `unit` of one of those kinds (`nil` when there is none); else `unit`.
    /// - Parameter units: the plan's units by id (``PlanSnapshot/unitsByID``), to walk up the parents.
    public func countedUnit(_ unit: OrganisationUnit?, in units: [String: OrganisationUnit]) -> OrganisationUnit? {
        guard !employerKinds.isEmpty else { return unit }
        var current = unit
        var steps = 0
        // A cycle of parents (an error of its own in check) ends the walk.
        while let candidate = current, steps <= units.count {
            if employerKinds.contains(candidate.kind) { return candidate }
            current = candidate.parent.flatMap { units[$0] }
            steps += 1
        }
        return nil
    }

    /// Whether the selector takes an item, counting the employees of its unit or of the unit's employer.
    public func matches(_ item: borrowing PlanItem, in units: [String: OrganisationUnit]) -> Bool {
        matches(item, unit: hasEmployeeBounds ? countedUnit(item.unit.flatMap { units[$0] }, in: units) : nil)
    }

    /// Whether the selector takes a unit, counting its own employees or its employer's.
    public func matches(_ unit: OrganisationUnit, in units: [String: OrganisationUnit]) -> Bool {
        if let unitKind, unitKind != "*", unitKind != unit.kind { return false }
        return employeesMatch(hasEmployeeBounds ? countedUnit(unit, in: units) : unit)
    }

    /// Whether the selector takes an item (in `unit`, for the employee bounds).
    public func matches(_ item: borrowing PlanItem, unit: OrganisationUnit? = nil) -> Bool {
        if let itemKind, itemKind != "*", itemKind != item.kind { return false }
        // The labels taken out first: a closure over `item` itself would copy the whole item.
        let itemLabels = item.labels
        guard labels.allSatisfy({ itemLabels[$0.key] == $0.value }) else { return false }
        return employeesMatch(unit)
    }

    /// Whether the selector takes a unit.
    public func matches(_ unit: OrganisationUnit) -> Bool {
        if let unitKind, unitKind != "*", unitKind != unit.kind { return false }
        return employeesMatch(unit)
    }

    /// Without bounds, any unit (or none); with bounds, a unit whose employee count is known and within them.
    private func employeesMatch(_ unit: OrganisationUnit?) -> Bool {
        guard minEmployees != nil || maxEmployees != nil else { return true }
        guard let employees = unit?.employees else { return false }
        return employees >= (minEmployees ?? 0) && employees <= (maxEmployees ?? Int.max)
    }
}

/// Who a rule notifies: `owner`, `unit.coordinator`, `styrgrupp`.
public enum Recipient: Hashable, Sendable, CustomStringConvertible {
    /// The item's owner.
    case owner
    /// The person holding a role in the subject's unit.
    case unitRole(String)
    /// Everybody holding a named role.
    case role(String)

    /// Parses the forms above; `unit.` with nothing after it is `nil`.
    public init?(_ text: String) {
        if text == "owner" {
            self = .owner
        } else if text.hasPrefix("unit.") {
            let role = String(text.dropFirst(5))
            guard !role.isEmpty else { return nil }
            self = .unitRole(role)
        } else {
            guard !text.isEmpty else { return nil }
            self = .role(text)
        }
    }

    public var description: String {
        switch self {
        case .owner: "owner"
        case .unitRole(let role): "unit.\(role)"
        case .role(let role): role
        }
    }
}

/// How serious a finding is.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
    case info, warning, critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// All rules, checked and ready to evaluate.
public struct RuleSet: Sendable {
    public var groups: [RuleGroup]

    public init(groups: [RuleGroup] = []) {
        self.groups = groups
    }

    /// Every rule of every group, in file order.
    public var rules: [Rule] { groups.flatMap(\.rules) }
}
