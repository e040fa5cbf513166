/// What happened to a deadline occurrence.
public enum OccurrenceStatus: Hashable, Sendable {
    /// No stage has begun yet.
    case upcoming
    /// Reminders are running; the due date has not passed.
    case open
    /// The due date has passed without a completion.
    case overdue
    /// Completed on or before the due date.
    case completedOnTime(LocalDate)
    /// Completed after the due date (what the compliance report counts).
    case completedLate(LocalDate)
    /// The due date passed longer ago than `max_overdue` without a completion.
    case expired

    /// A short name: `upcoming`, `open`, `overdue`, `completed`, `late`, `expired`.
    public var name: String {
        switch self {
        case .upcoming: "upcoming"
        case .open: "open"
        case .overdue: "overdue"
        case .completedOnTime: "completed"
        case .completedLate: "late"
        case .expired: "expired"
        }
    }
}

/// One occurrence of a deadline rule for one item.
public struct DeadlineOccurrence: Hashable, Sendable {
    public var rule: String
    public var item: String
    /// The date as the rule computes it, before shifting off a non-working day.
    public var nominalDue: LocalDate
    /// The due date after `shift`.
    public var due: LocalDate
    public var status: OccurrenceStatus
    /// The stages with the day each begins, in order.
    public var stages: [(stage: Stage, start: LocalDate)]

    /// The occurrence's identity.
    public var key: OccurrenceKey { OccurrenceKey(rule: rule, subject: item, occurrence: .date(due)) }

    public static func == (lhs: DeadlineOccurrence, rhs: DeadlineOccurrence) -> Bool {
        (lhs.rule, lhs.item, lhs.due, lhs.status) == (rhs.rule, rhs.item, rhs.due, rhs.status)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(item)
        hasher.combine(due)
    }
}

/// A change of a threshold series, in the period it happened.
public struct ThresholdTransition: Hashable, Sendable {
    public enum Change: String, Hashable, Sendable {
        case pending, firing, severityChanged = "severity-changed", resolved
    }

    public var rule: String
    public var unit: String
    public var period: Period
    public var change: Change
    /// The level after the change (`nil` once resolved or while pending).
    public var level: Severity?
    public var value: Double
}

/// The state of one (rule, unit) threshold series after its latest period.
public struct ThresholdSeriesState: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case ok
        /// `count` of the `for` periods have met a condition.
        case pending(count: Int, of: Int)
        case firing(Severity)
    }

    public var rule: String
    public var unit: String
    public var state: State
    /// The latest period with a value, and that value.
    public var lastPeriod: Period?
    public var lastValue: Double?
    /// The period the current firing episode began.
    public var firingSince: Period?
    /// Every change, oldest first.
    public var transitions: [ThresholdTransition]
    /// Ended periods with no value reported past the `missing` grace.
    public var missing: [Period]

    /// The series' identity.
    public var key: SeriesKey { SeriesKey(rule: rule, unit: unit) }

    /// The state as the state store keeps it.
    public var alertState: AlertState {
        switch state {
        case .ok: .ok
        case .pending: .pending
        case .firing(let level): level == .critical ? .critical : .warning
        }
    }
}

/// The result of one evaluation.
public struct Evaluation: Sendable {
    /// What is active at the evaluation time.
    public var findings: [Finding]
    /// Stages that begin after the evaluation day, within the horizon.
    public var upcoming: [Finding]
    /// Every deadline occurrence considered.
    public var occurrences: [DeadlineOccurrence]
    /// Every threshold series.
    public var series: [ThresholdSeriesState]
    /// Occurrences done lately (stage `completed`): whoever was sent their calendar entry gets it
    /// cancelled.
    public var completions: [Finding] = []

    public init(findings: [Finding], upcoming: [Finding], occurrences: [DeadlineOccurrence], series: [ThresholdSeriesState],
                completions: [Finding] = []) {
        self.findings = findings
        self.upcoming = upcoming
        self.occurrences = occurrences
        self.series = series
        self.completions = completions
    }
}
