/// The series of one threshold rule over a report's period: per unit, the value and the evaluator's
/// state at the end of every period that ends in it.
struct ThresholdReportBuilder {
    let evaluator: ThresholdEvaluator
    let period: ReportPeriod
    /// The day the report is made: the periods that ended before it count.
    let today: LocalDate

    func build(measurements: MeasurementIndex) -> ReportThresholdRule {
        let rule = evaluator.rule, threshold = evaluator.threshold
        var series: [ReportSeries] = []
        for unit in evaluator.plan.units where rule.selector.matches(unit) {
            let values = measurements.values(metric: threshold.metric, unit: unit.id)
            let first = measurements.firstPeriod[threshold.metric]
            series.append(ReportSeries(rule: rule.id, unit: unit.id, unitName: unit.name,
                                       periods: periods(unit: unit, values: values, first: first)))
        }
        return ReportThresholdRule(rule: rule.id, group: rule.group, metric: threshold.metric, warning: threshold.warning,
                                   critical: threshold.critical, clear: threshold.clear, forPeriods: threshold.forPeriods,
                                   series: series)
    }

    private func periods(unit: OrganisationUnit, values: [Measurement], first: Period?) -> [ReportSeriesPeriod] {
        guard let first else { return [] }
        // The evaluator's choice of the series' kind of period.
        let kind = values.first?.period.kind ?? first.kind
        var byPeriod: [Period: Double] = [:]
        for measurement in values where measurement.period.kind == kind { byPeriod[measurement.period] = measurement.value }
        let missing = Set(evaluator.series(unit: unit, values: values, firstPeriod: first, today: today).missing)
        var result: [ReportSeriesPeriod] = []
        let start = Period.containing(first.start, kind: kind)
        var current = Period.containing(period.from, kind: kind)
        while current.end <= period.to {
            defer { current = current.next }
            guard current.end >= period.from else { continue }
            let ended = current.end < today
            // The state at the period's end is what an evaluation the day after it ended says: the
            // evaluator's own `for` and hysteresis, whatever came after. None before the first figures.
            let state = ended && current >= start
                ? evaluator.series(unit: unit, values: values, firstPeriod: first, today: current.end.adding(days: 1)).state
                : nil
            result.append(ReportSeriesPeriod(period: current, hasEnded: ended, value: ended ? byPeriod[current] : nil,
                                             state: state, isMissing: missing.contains(current)))
        }
        return result
    }
}
