/// The variables of a deadline finding's messages (listed in docs/rules.md).
///
/// Thousands of findings are made at scale; a context keeps only the fields its variables show
/// (not the whole item), and answers each variable from the table without building dictionaries.
/// A class: a finding's title and texts in each language are rendered with the same context.
///
/// `item.labels.KEY` shows a label by its display name in the message's language when the label
/// has a vocabulary (the raw value otherwise); `item.label_ids.KEY` is always the value as written.
/// The vocabularies are the plan's one shared instance, held by reference.
public final class DeadlineTemplateContext: TabulatedTemplateContext {
    let ruleID: String
    let ruleGroup: String
    let itemID: String
    let itemTitle: String
    let itemKind: String
    let labels: [String: String]
    /// The plan's vocabularies: one reference shared by every finding's context.
    let vocabularies: Vocabularies
    /// The unit, employer and owner: one reference shared by the findings of the same owner and unit.
    let party: FindingParty
    var unit: OrganisationUnit? { party.unit }
    /// The unit's employer when the rule selects by employer (``Selector/employerKinds``), else the unit.
    var employer: OrganisationUnit? { party.employer }
    var owner: Person? { party.owner }
    let due: LocalDate
    let nominal: LocalDate
    /// The day the message is about (the stage's first day for upcoming stages).
    let today: LocalDate
    let stage: Stage
    let severity: Severity

    /// The context of one finding.
    /// - Parameter vocabularies: the plan's label vocabularies (`plan.vocabularies`), for the
    ///   display names of `item.labels.KEY`; without them, labels show as written.
    init(ruleID: String, ruleGroup: String, item: borrowing PlanItem, party: FindingParty, due: LocalDate, nominal: LocalDate,
         today: LocalDate, stage: Stage, severity: Severity, vocabularies: Vocabularies = .none) {
        self.ruleID = ruleID
        self.ruleGroup = ruleGroup
        itemID = item.id
        itemTitle = item.title
        itemKind = item.kind
        labels = item.labels
        self.vocabularies = vocabularies
        self.party = party
        self.due = due
        self.nominal = nominal
        self.today = today
        self.stage = stage
        self.severity = severity
    }

    public static let variables = TemplateVariableTable<DeadlineTemplateContext>([
        .value("rule.id", "the rule's id") { c, _ in .text(c.ruleID) },
        .value("rule.group", "the rule's group") { c, _ in .text(c.ruleGroup) },
        .value("stage", "the stage: remind-28d, due, overdue-1, escalated") { c, _ in .text(c.stage.description) },
        .value("severity", "info, warning or critical") { c, _ in .text(c.severity.rawValue) },
        .value("subject", "the item's id") { c, _ in .text(c.itemID) },
        .value("occurrence", "the occurrence: its due date, YYYY-MM-DD") { c, _ in .text(c.due.description) },
        .value("item.id", "the item's id") { c, _ in .text(c.itemID) },
        .value("item.title", "the item's title") { c, _ in .text(c.itemTitle) },
        .value("item.kind", "the item's kind") { c, _ in .text(c.itemKind) },
        .family("item.labels", "the item's labels: item.labels.KEY, by its display name where the label has a vocabulary",
                { c, language in c.vocabularies.displayNames(of: c.labels, in: language) },
                member: { c, language, key in
                    c.labels[key].map { c.vocabularies.displayName(of: $0, label: key, in: language) }
                }),
        .family("item.label_ids", "the item's labels as written: item.label_ids.KEY (the value, not its display name)") { c, _ in c.labels },
        .value("unit.id", "the item's unit") { c, _ in .text(c.unit?.id ?? "") },
        .value("unit.name", "the unit's name") { c, _ in .text(c.unit?.name ?? "") },
        .value("unit.kind", "the unit's kind") { c, _ in .text(c.unit?.kind ?? "") },
        .value("unit.employees", "the unit's number of employees") { c, l in .text(c.unit?.employees.map(l.number) ?? "") },
        .value("employer.id", "the unit's employer (for_each employer:), else the unit") { c, _ in .text(c.employer?.id ?? "") },
        .value("employer.name", "the employer's name: Socialförvaltningen for Socialjouren") { c, _ in .text(c.employer?.name ?? "") },
        .value("employer.employees", "the employer's number of employees, sub-units included") { c, l in
            .text(c.employer?.employees.map(l.number) ?? "")
        },
        .value("is_sub_unit", "whether the unit is a sub-unit of its employer") { c, _ in .flag(c.employer != nil && c.employer?.id != c.unit?.id) },
        .value("owner.id", "the owner's person id") { c, _ in .text(c.owner?.id ?? "") },
        .value("owner.name", "the owner's name") { c, _ in .text(c.owner?.name ?? "") },
        .value("owner.given_name", "the owner's given name (Lisa of Lisa Strand)") { c, _ in
            .text(c.owner.map { MessageLanguage.givenName($0.name) } ?? "")
        },
        .value("owner.email", "the owner's address") { c, _ in .text(c.owner?.email ?? "") },
        .value("due", "the due date (after shifting), as people write it: måndag 1 februari 2027") { c, l in .text(l.date(c.due)) },
        .value("due_iso", "the due date, YYYY-MM-DD") { c, _ in .text(c.due.description) },
        .value("due_nominal", "the due date before shifting off a non-working day, as people write it") { c, l in .text(l.date(c.nominal)) },
        .value("due_nominal_iso", "the due date before shifting, YYYY-MM-DD") { c, _ in .text(c.nominal.description) },
        .value("days_left", "days until the due date (0 once due)") { c, _ in .number(max(0, c.today.days(until: c.due))) },
        .value("days_left_text", "when it is due, in words: i dag, i morgon, om 3 dagar") { c, l in
            .text(l.relativeDay(max(c.today, c.due), from: c.today))
        },
        .value("days_overdue", "days since the due date (0 before)") { c, _ in .number(max(0, c.due.days(until: c.today))) },
        .value("days_overdue_text", "how late, in words: 1 dag, 3 dagar") { c, l in .text(l.days(max(0, c.due.days(until: c.today)))) },
        .value("lead", "a reminder's lead, in words: 28 dagar, 10 arbetsdagar") { c, l in .text(c.stage.reminderLead.map(l.duration) ?? "") },
        .value("is_reminder", "whether the stage is a reminder") { c, _ in .flag(c.stage.isReminder) },
        .value("is_due", "whether today is the due date") { c, _ in .flag(c.stage == .due) },
        .value("is_overdue", "whether the stage is an overdue notice") { c, _ in .flag(c.stage.isOverdue) },
        .value("is_escalated", "whether the stage is the escalation") { c, _ in .flag(c.stage == .escalated) },
        .value("is_completed", "whether the occurrence is done (its calendar entry is cancelled)") { c, _ in .flag(c.stage == .completed) },
    ])
}
