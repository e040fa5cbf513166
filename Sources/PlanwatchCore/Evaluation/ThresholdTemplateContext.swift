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
    /// When the alert clears (under hysteresis).
    var clear: Condition? = nil
    /// The period the firing episode began, and how many periods it has been firing.
    var firingSince: Period? = nil
    var firingPeriods = 0
    /// When a missing value became an alert.
    var missingSince: LocalDate? = nil
    /// For a derived metric, the reported figures behind the value.
    var inputs: DerivedInputs? = nil
    /// The unit of a derived metric's reported figures, per language (`Mkr`).
    var unitLabel: [String: String] = [:]

    /// The unit label in `language`: its own, else the Swedish, else the English one.
    func unitLabel(in language: MessageLanguage) -> String {
        unitLabel[language == .swedish ? "sv" : "en"] ?? unitLabel["sv"] ?? unitLabel["en"] ?? ""
    }

    public static let variables = TemplateVariableTable<ThresholdTemplateContext>([
        .value("rule.id", "the rule's id") { c, _ in .text(c.ruleID) },
        .value("rule.group", "the rule's group") { c, _ in .text(c.ruleGroup) },
        .value("stage", "the stage: warning, critical, warning-2, resolved, missing") { c, _ in .text(c.stage.description) },
        .value("severity", "info, warning or critical") { c, _ in .text(c.severity.rawValue) },
        .value("subject", "the unit's id") { c, _ in .text(c.unit.id) },
        .value("occurrence", "the period the alert began, or the missing period: 2026-10") { c, _ in .text(c.occurrence.description) },
        .value("unit.id", "the unit's id") { c, _ in .text(c.unit.id) },
        .value("unit.name", "the unit's name") { c, _ in .text(c.unit.name) },
        .value("unit.kind", "the unit's kind") { c, _ in .text(c.unit.kind) },
        .value("unit.employees", "the unit's number of employees") { c, l in .text(c.unit.employees.map(l.number) ?? "") },
        .value("metric", "the metric") { c, _ in .text(c.metric) },
        .value("value", "the latest value, as people write it: 23,4 (a derived value with at most one decimal: 43,1)") { c, l in
            .text(c.value.map { l.number($0, maximumFractionDigits: c.inputs == nil ? 2 : 1) } ?? "")
        },
        .value("threshold", "the limit crossed: 20, 5–20") { c, l in .text(c.limit.map { $0.limitText(in: l) } ?? "") },
        .value("clear_limit", "the level at which a firing alert clears (under hysteresis): 14") { c, l in
            .text(c.clear.map { $0.limitText(in: l) } ?? "")
        },
        .value("limit_text", "the condition crossed, in words: över 15, under 5") { c, l in .text(c.limit.map { $0.phrase(in: l) } ?? "") },
        .value("clear_text", "when the alert clears, in words: under 14") { c, l in
            .text(c.clear.map { $0.phrase(in: l) } ?? c.limit.map { $0.endPhrase(in: l) } ?? "")
        },
        .value("has_clear_limit", "whether the alert clears at another level than it fires at") { c, _ in .flag(c.clear != nil) },
        .value("period", "the period of the value, or the missing period, by name: juni 2026") { c, l in .text(l.period(c.period)) },
        .value("period_iso", "the period: 2026-06, 2026-T2") { c, _ in .text(c.period.description) },
        .value("for", "how many periods the condition must hold") { c, _ in .number(c.forPeriods) },
        .value("firing_since", "the period the alert began, by name") { c, l in .text(c.firingSince.map(l.period) ?? "") },
        .value("firing_periods", "how many periods it has been firing") { c, _ in .number(c.firingPeriods) },
        .value("firing_periods_text", "the same in words: 3 perioder i följd") { c, l in
            .text(l.count(c.firingPeriods, singular: l == .swedish ? "period" : "period", plural: l == .swedish ? "perioder i följd" : "periods in a row"))
        },
        .value("missing_since", "when a missing value became an alert, as people write it") { c, l in .text(c.missingSince.map(l.date) ?? "") },
        .value("notice", "the notice while firing: 1, then 2, 3 … with repeat") { c, _ in
            if case .firing(_, let notice) = c.stage { .number(notice) } else { .number(0) }
        },
        .value("inputs", "for a derived metric, the reported figures behind the value: 5,8 → 8,3 Mkr, +43 %") { c, l in
            .text(c.inputs.map { $0.text(in: l, unit: c.unitLabel(in: l)) } ?? "")
        },
        .value("base_value", "for a change, the earlier value: 5,8") { c, l in .text(c.inputs?.baseValue.map { l.number($0) } ?? "") },
        .value("base_period", "for a change, the period it is measured against, by name: 2025") { c, l in
            .text(c.inputs?.basePeriod.map(l.period) ?? "")
        },
        .value("is_derived", "whether the value is computed from reported figures (a derived metric)") { c, _ in .flag(c.inputs != nil) },
        .value("is_firing", "whether the alert is firing") { c, _ in .flag(c.stage.firingLevel != nil) },
        .value("is_warning", "whether the alert is at warning") { c, _ in .flag(c.stage.firingLevel == .warning) },
        .value("is_critical", "whether the alert is critical") { c, _ in .flag(c.stage.firingLevel == .critical) },
        .value("is_repeat", "whether this is a repeated notice of an alert still firing") { c, _ in
            if case .firing(_, let notice) = c.stage { .flag(notice > 1) } else { .flag(false) }
        },
        .value("is_continuing", "whether the alert has been firing for more than one period") { c, _ in
            .flag(c.stage.firingLevel != nil && c.firingPeriods > 1)
        },
        .value("is_within_limit", "whether a firing alert's latest value is back within the limit but not yet at the clear level") { c, _ in
            guard c.stage.firingLevel != nil, let value = c.value, let limit = c.limit else { return .flag(false) }
            return .flag(!limit.holds(for: value))
        },
        .value("is_resolved", "whether the alert resolved") { c, _ in .flag(c.stage == .resolved) },
        .value("is_missing", "whether a value is missing") { c, _ in .flag(c.stage == .missing) },
    ])
}
