/// The variables of a deadline finding's messages (the list is in docs/rules.md and
/// ``TemplateVariables/deadline``).
///
/// Thousands of findings are made at scale, each rendered in every language: the variables the
/// templates name are answered directly from the item, and the nested dictionaries are built only
/// for templates Mustache must render. A class: each finding renders several templates with it,
/// and a reference is what is handed to each.
final class DeadlineTemplateContext: TemplateContext {
    let ruleID: String
    let ruleGroup: String
    /// The item's fields the variables show (not the whole item: one of these is made per finding).
    let itemID: String
    let itemTitle: String
    let itemKind: String
    let labels: [String: String]
    let unit: OrganisationUnit?
    let owner: Person?
    let due: LocalDate
    let nominal: LocalDate
    /// The day the message is about (the stage's first day for upcoming stages).
    let today: LocalDate
    let stage: String
    let severity: Severity

    init(ruleID: String, ruleGroup: String, item: borrowing PlanItem, unit: OrganisationUnit?, owner: Person?, due: LocalDate,
         nominal: LocalDate, today: LocalDate, stage: String, severity: Severity) {
        self.ruleID = ruleID
        self.ruleGroup = ruleGroup
        itemID = item.id
        itemTitle = item.title
        itemKind = item.kind
        labels = item.labels
        self.unit = unit
        self.owner = owner
        self.due = due
        self.nominal = nominal
        self.today = today
        self.stage = stage
        self.severity = severity
    }

    func value(of variable: TemplateVariable) -> TemplateValue? {
        switch variable.name {
        case "rule.id": .text(ruleID)
        case "rule.group": .text(ruleGroup)
        case "item.id", "subject": .text(itemID)
        case "item.title": .text(itemTitle)
        case "item.kind": .text(itemKind)
        case "unit.id": .text(unit?.id ?? "")
        case "unit.name": .text(unit?.name ?? "")
        case "unit.kind": .text(unit?.kind ?? "")
        case "unit.employees": .text(unit?.employees.map(String.init) ?? "")
        case "owner.id": .text(owner?.id ?? "")
        case "owner.name": .text(owner?.name ?? "")
        case "owner.email": .text(owner?.email ?? "")
        case "due", "occurrence": .text(due.description)
        case "due_nominal": .text(nominal.description)
        case "days_left": .number(max(0, today.days(until: due)))
        case "days_overdue": .number(max(0, due.days(until: today)))
        case "lead": .text(reminderLead(ofStage: stage) ?? "")
        case "stage": .text(stage)
        case "severity": .text(severity.rawValue)
        case "is_reminder": .flag(stage.hasPrefix("remind-"))
        case "is_due": .flag(stage == "due")
        case "is_overdue": .flag(stage.hasPrefix("overdue-"))
        case "is_escalated": .flag(stage == "escalated")
        default:
            if variable.path.count == 3, variable.path[0] == "item", variable.path[1] == "labels" {
                labels[variable.path[2]].map(TemplateValue.text)
            } else {
                variable.value(in: dictionary())
            }
        }
    }

    func dictionary() -> [String: Any] {
        [
            "rule": ["id": ruleID, "group": ruleGroup],
            "item": ["id": itemID, "title": itemTitle, "kind": itemKind, "labels": labels],
            "unit": ["id": unit?.id ?? "", "name": unit?.name ?? "", "kind": unit?.kind ?? "",
                     "employees": unit?.employees.map(String.init) ?? ""],
            "owner": ["id": owner?.id ?? "", "name": owner?.name ?? "", "email": owner?.email ?? ""],
            "due": due.description, "due_nominal": nominal.description,
            "days_left": max(0, today.days(until: due)), "days_overdue": max(0, due.days(until: today)),
            "lead": reminderLead(ofStage: stage) ?? "", "stage": stage, "severity": severity.rawValue,
            "subject": itemID, "occurrence": due.description,
            "is_reminder": stage.hasPrefix("remind-"), "is_due": stage == "due",
            "is_overdue": stage.hasPrefix("overdue-"), "is_escalated": stage == "escalated",
        ]
    }
}

/// The variables of a threshold finding's messages (``TemplateVariables/threshold``).
struct ThresholdTemplateContext: TemplateContext {
    let rule: Rule
    let threshold: ThresholdRule
    let unit: OrganisationUnit
    let stage: String
    let severity: Severity
    let occurrence: Period
    /// The period the value is for (the missing period for `missing`).
    let period: Period
    let value: Double?
    let limit: Condition?

    func value(of variable: TemplateVariable) -> TemplateValue? {
        switch variable.name {
        case "rule.id": .text(rule.id)
        case "rule.group": .text(rule.group)
        case "unit.id", "subject": .text(unit.id)
        case "unit.name": .text(unit.name)
        case "unit.kind": .text(unit.kind)
        case "unit.employees": .text(unit.employees.map(String.init) ?? "")
        case "metric": .text(threshold.metric)
        case "value": .text(value.map(formatNumber) ?? "")
        case "threshold": .text(limit?.limitText ?? "")
        case "period": .text(period.description)
        case "for": .number(threshold.forPeriods)
        case "stage": .text(stage)
        case "severity": .text(severity.rawValue)
        case "occurrence": .text(occurrence.description)
        case "is_firing": .flag(stage == "warning" || stage == "critical")
        case "is_warning": .flag(stage == "warning")
        case "is_critical": .flag(stage == "critical")
        case "is_resolved": .flag(stage == "resolved")
        case "is_missing": .flag(stage == "missing")
        default: variable.value(in: dictionary())
        }
    }

    func dictionary() -> [String: Any] {
        [
            "rule": ["id": rule.id, "group": rule.group],
            "unit": ["id": unit.id, "name": unit.name, "kind": unit.kind, "employees": unit.employees.map(String.init) ?? ""],
            "metric": threshold.metric, "value": value.map(formatNumber) ?? "", "threshold": limit?.limitText ?? "",
            "period": period.description, "for": threshold.forPeriods, "stage": stage, "severity": severity.rawValue,
            "subject": unit.id, "occurrence": occurrence.description,
            "is_firing": stage == "warning" || stage == "critical", "is_warning": stage == "warning",
            "is_critical": stage == "critical", "is_resolved": stage == "resolved", "is_missing": stage == "missing",
        ]
    }
}
