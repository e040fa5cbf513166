/// The variables of a threshold finding's messages (listed in docs/rules.md).
public struct ThresholdTemplateContext: TabulatedTemplateContext {
    let ruleID: String
    let ruleGroup: String
    let metric: String
    let forPeriods: Int
    let unit: OrganisationUnit
    let stage: Stage
    let severity: Severity
    let occurrence: Period
    /// The period the value is for (the missing period for `missing`).
    let period: Period
    let value: Double?
    let limit: Condition?

    public static let variables = TemplateVariableTable<ThresholdTemplateContext>([
        .value("rule.id", "the rule's id") { c, _ in .text(c.ruleID) },
        .value("rule.group", "the rule's group") { c, _ in .text(c.ruleGroup) },
        .value("stage", "the stage: warning, critical, resolved, missing") { c, _ in .text(c.stage.description) },
        .value("severity", "info, warning or critical") { c, _ in .text(c.severity.rawValue) },
        .value("subject", "the unit's id") { c, _ in .text(c.unit.id) },
        .value("occurrence", "the period the alert began, or the missing period") { c, _ in .text(c.occurrence.description) },
        .value("unit.id", "the unit's id") { c, _ in .text(c.unit.id) },
        .value("unit.name", "the unit's name") { c, _ in .text(c.unit.name) },
        .value("unit.kind", "the unit's kind") { c, _ in .text(c.unit.kind) },
        .value("unit.employees", "the unit's number of employees") { c, _ in .text(c.unit.employees.map(String.init) ?? "") },
        .value("metric", "the metric") { c, _ in .text(c.metric) },
        .value("value", "the latest value") { c, _ in .text(c.value.map(formatNumber) ?? "") },
        .value("threshold", "the limit crossed (20, 5–20)") { c, _ in .text(c.limit?.limitText ?? "") },
        .value("period", "the period of the value, or the missing period") { c, _ in .text(c.period.description) },
        .value("for", "how many periods the condition must hold") { c, _ in .number(c.forPeriods) },
        .value("is_firing", "whether the alert is firing") { c, _ in .flag(c.stage.firingLevel != nil) },
        .value("is_warning", "whether the alert is at warning") { c, _ in .flag(c.stage.firingLevel == .warning) },
        .value("is_critical", "whether the alert is critical") { c, _ in .flag(c.stage.firingLevel == .critical) },
        .value("is_resolved", "whether the alert resolved") { c, _ in .flag(c.stage == .resolved) },
        .value("is_missing", "whether a value is missing") { c, _ in .flag(c.stage == .missing) },
    ])
}
