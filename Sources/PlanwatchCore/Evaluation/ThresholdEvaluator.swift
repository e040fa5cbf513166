/// Evaluates one threshold rule: a series per unit, period by period, with `for`, hysteresis,
/// severity changes, resolution and missing values.
struct ThresholdEvaluator {
    let rule: Rule
    let threshold: ThresholdRule
    let settings: Evaluator.Settings
    let recipients: RecipientResolver
    let plan: PlanSnapshot

    func evaluate(today: LocalDate, measurements: MeasurementIndex, into evaluation: inout Evaluation) {
        let units = plan.units.filter { rule.selector.matches($0, in: plan.unitsByID) }
        guard let derived = threshold.derived else {
            for unit in units {
                let values = measurements.values(metric: threshold.metric, unit: unit.id)
                let state = series(unit: unit, values: values, firstPeriod: measurements.firstPeriod[threshold.metric], today: today)
                evaluation.series.append(state)
                findings(for: state, unit: unit, inputs: [:], today: today, into: &evaluation.findings)
            }
            return
        }
        // A derived series starts, for every unit, at the first period that could have a value: the
        // first one its inputs allow, or an earlier one some unit has a value for.
        let computer = DerivedSeries(metric: derived, measurements: measurements,
                                     children: derived.sumsOverChildren ? DerivedSeries.children(in: plan) : [:])
        let computed = units.map { computer.values(unit: $0.id) }
        let start = (computed.compactMap(\.first?.period) + [computer.firstPossiblePeriod].compactMap { $0 }).min()
        for (unit, values) in zip(units, computed) {
            let measured = values.map { Measurement(unit: unit.id, metric: threshold.metric, period: $0.period, value: $0.value, location: rule.location) }
            let state = series(unit: unit, values: measured, firstPeriod: start, today: today)
            evaluation.series.append(state)
            let inputs = Dictionary(values.map { ($0.period, $0.inputs) }, uniquingKeysWith: { first, _ in first })
            findings(for: state, unit: unit, inputs: inputs, today: today, into: &evaluation.findings)
        }
    }

    /// The level a value reaches: critical before warning (critical inhibits the warning).
    private func level(of value: Double) -> Severity? {
        if threshold.critical?.holds(for: value) == true { return .critical }
        if threshold.warning?.holds(for: value) == true { return .warning }
        return nil
    }

    /// Whether a firing alert clears at `value`: the `clear` condition, or no condition at all.
    private func clears(at value: Double) -> Bool {
        if let clear = threshold.clear { return clear.holds(for: value) }
        return level(of: value) == nil
    }

    func series(unit: OrganisationUnit, values: [Measurement], firstPeriod: Period?, today: LocalDate) -> ThresholdSeriesState {
        var state = ThresholdSeriesState(rule: rule.id, unit: unit.id, state: .ok, lastPeriod: nil, lastValue: nil,
                                         firingSince: nil, transitions: [], missing: [])
        guard let firstPeriod else { return state }
        let kind = values.first?.period.kind ?? firstPeriod.kind
        var byPeriod: [Period: Double] = [:]
        for measurement in values where measurement.period.kind == kind { byPeriod[measurement.period] = measurement.value }
        var period = Period.containing(firstPeriod.start, kind: kind)
        var consecutive = 0
        var pendingLevel: Severity?
        // A period's value counts once the period has ended: evaluation at a time sees what was known then.
        while period.end < today {
            defer { period = period.next }
            guard let value = byPeriod[period] else {
                consecutive = 0
                if let grace = threshold.missingAfter,
                   grace.date(after: period.end, workdays: settings.workdays) <= today {
                    state.missing.append(period)
                }
                continue
            }
            state.lastPeriod = period
            state.lastValue = value
            func record(_ change: ThresholdTransition.Change, _ level: Severity?) {
                state.transitions.append(ThresholdTransition(rule: rule.id, unit: unit.id, period: period, change: change,
                                                             level: level, value: value))
            }
            switch state.state {
            case .firing(let current):
                if clears(at: value) {
                    state.state = .ok
                    consecutive = 0
                    record(.resolved, nil)
                } else if let newLevel = level(of: value), newLevel != current {
                    state.state = .firing(newLevel)
                    record(.severityChanged, newLevel)
                }
            case .ok, .pending:
                guard let reached = level(of: value) else {
                    state.state = .ok
                    consecutive = 0
                    continue
                }
                consecutive += 1
                pendingLevel = reached
                if consecutive >= threshold.forPeriods {
                    state.state = .firing(reached)
                    state.firingSince = period
                    record(.firing, reached)
                } else {
                    state.state = .pending(count: consecutive, of: threshold.forPeriods)
                    record(.pending, pendingLevel)
                }
            }
        }
        return state
    }

    /// - Parameter inputs: for a derived metric, the figures behind each period's value.
    private func findings(for state: ThresholdSeriesState, unit: OrganisationUnit, inputs: [Period: DerivedInputs], today: LocalDate,
                          into findings: inout [Finding]) {
        // How many periods the current episode has been firing (from its first period to the latest).
        var firingPeriods = 0
        if let since = state.firingSince, let last = state.lastPeriod {
            var period = since
            while period <= last {
                firingPeriods += 1
                period = period.next
            }
        }
        func make(stage: Stage, severity: Severity, occurrence: Period, since: LocalDate, value: Double?, limit: Condition?,
                  missingSince: LocalDate? = nil) -> Finding {
            let context = ThresholdTemplateContext(
                ruleID: rule.id, ruleGroup: rule.group, metric: threshold.metric, forPeriods: threshold.forPeriods, unit: unit,
                stage: stage, severity: severity, occurrence: occurrence,
                period: stage == .missing ? occurrence : state.lastPeriod ?? occurrence, value: value, limit: limit,
                clear: threshold.clear, firingSince: stage.firingLevel != nil ? state.firingSince : nil,
                firingPeriods: stage.firingLevel != nil ? firingPeriods : 0, missingSince: missingSince,
                inputs: stage == .missing ? nil : state.lastPeriod.flatMap { inputs[$0] },
                unitLabel: threshold.derived?.unitLabel ?? [:])
            return Finding(
                rule: rule.id, kind: .threshold, subject: unit.id, subjectTitle: unit.name, unit: unit.id,
                occurrence: .period(occurrence), stage: stage, severity: severity, since: since, due: nil,
                value: value, limit: limit, recipients: recipients.resolve(rule.notify, owner: nil, unit: unit.id),
                message: FindingMessage(title: rule.title, text: rule.text, context: context),
                clear: threshold.clear, firingSince: stage.firingLevel != nil ? state.firingSince : nil,
                valuePeriod: stage == .missing ? nil : state.lastPeriod, guidance: rule.guidance)
        }
        // A value becomes known the day after its period ends.
        func known(_ period: Period) -> LocalDate { period.end.adding(days: 1) }

        switch state.state {
        case .firing(let level):
            if let since = state.firingSince, let last = state.lastPeriod {
                let change = state.transitions.last { $0.change == .firing || $0.change == .severityChanged }
                var started = known(change?.period ?? last)
                // While it keeps firing, the alert is sent again every `repeat`: the n-th notice.
                var notice = 1
                if let every = threshold.repeatEvery, every.approximateDays > 0 {
                    while notice < 1000 {
                        let next = every.date(after: started, workdays: settings.workdays)
                        guard next <= today else { break }
                        started = next
                        notice += 1
                    }
                }
                findings.append(make(stage: .firing(level, notice: notice), severity: level, occurrence: since,
                                     since: started, value: state.lastValue,
                                     limit: level == .critical ? threshold.critical : threshold.warning))
            }
        case .ok, .pending:
            // A resolution is news for the two periods after it (not for months when no later value
            // comes in): long enough for a value that arrives late, and for the mail to go out.
            if let last = state.transitions.last, last.change == .resolved, last.period == state.lastPeriod,
               today <= last.period.next.next.end {
                let episode = state.transitions.last { $0.change == .firing }?.period ?? last.period
                findings.append(make(stage: .resolved, severity: .info, occurrence: episode, since: known(last.period),
                                     value: last.value, limit: threshold.clear))
            }
        }
        for period in state.missing {
            let since = threshold.missingAfter.map { $0.date(after: period.end, workdays: settings.workdays) } ?? today
            findings.append(make(stage: .missing, severity: max(rule.severity, .warning), occurrence: period,
                                 since: since, value: nil, limit: nil, missingSince: since))
        }
    }
}
