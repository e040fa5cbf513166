/// One reporting period of a threshold series in a report: its value and the series' state at its end.
public struct ReportSeriesPeriod: Hashable, Sendable {
    public var period: Period
    /// Whether the period had ended by the report's date (only then does its value count).
    public var hasEnded: Bool
    /// The value reported for it (for an ended period).
    public var value: Double?
    /// The series' state at the end of the period — what the evaluator says the day after it ends
    /// (`for` and hysteresis applied); `nil` for a period that has not ended.
    public var state: ThresholdSeriesState.State?
    /// Whether the rule counts the period as missing: ended, no value, and `missing.after` passed by the report's date.
    public var isMissing: Bool

    public init(period: Period, hasEnded: Bool, value: Double?, state: ThresholdSeriesState.State?, isMissing: Bool) {
        self.period = period
        self.hasEnded = hasEnded
        self.value = value
        self.state = state
        self.isMissing = isMissing
    }

    /// The alert level at the period's end, when firing.
    public var level: Severity? {
        if case .firing(let level) = state { return level }
        return nil
    }
}

/// One threshold series (a rule and a unit) over a report's period.
public struct ReportSeries: Hashable, Sendable {
    public var rule: String
    public var unit: String
    public var unitName: String
    /// The periods whose last day is in the report's period, in order.
    public var periods: [ReportSeriesPeriod]

    public init(rule: String, unit: String, unitName: String, periods: [ReportSeriesPeriod]) {
        self.rule = rule
        self.unit = unit
        self.unitName = unitName
        self.periods = periods
    }

    /// Periods that ended with the alert firing at warning.
    public var periodsAtWarning: Int { periods.count { $0.level == .warning } }
    /// Periods that ended with the alert firing at critical.
    public var periodsAtCritical: Int { periods.count { $0.level == .critical } }
    /// Periods the rule counts as missing.
    public var periodsMissing: Int { periods.count(where: \.isMissing) }

    /// The highest value reported, and its period (the first, on a tie).
    public var highest: (period: Period, value: Double)? {
        var best: (period: Period, value: Double)?
        for period in periods {
            if let value = period.value, best.map({ value > $0.value }) ?? true { best = (period.period, value) }
        }
        return best
    }

    /// The state at the end of the last period that has ended; `nil` when none has.
    public var stateAtEnd: ThresholdSeriesState.State? { periods.last { $0.hasEnded }?.state }
}

/// A threshold rule in a report: its limits (to draw them) and a series per unit it applies to.
public struct ReportThresholdRule: Sendable {
    public var rule: String
    public var group: String
    public var metric: String
    public var warning: Condition?
    public var critical: Condition?
    public var clear: Condition?
    public var forPeriods: Int
    public var series: [ReportSeries]

    public init(rule: String, group: String, metric: String, warning: Condition?, critical: Condition?, clear: Condition?,
                forPeriods: Int, series: [ReportSeries]) {
        self.rule = rule
        self.group = group
        self.metric = metric
        self.warning = warning
        self.critical = critical
        self.clear = clear
        self.forPeriods = forPeriods
        self.series = series
    }
}

extension ThresholdSeriesState.State {
    /// `ok`, `pending`, `warning`, `critical`: the name in CSV and JSON.
    public var name: String {
        switch self {
        case .ok: "ok"
        case .pending: "pending"
        case .firing(let level): level.rawValue
        }
    }
}
