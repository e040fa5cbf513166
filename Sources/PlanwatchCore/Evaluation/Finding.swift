/// A person a finding is for, resolved from the rule's recipients.
public struct NotifiedPerson: Hashable, Sendable {
    public var id: String
    public var name: String
    public var email: String
    /// The language of this person's messages.
    public var language: String
    /// How this person came to be notified (`owner`, `unit.coordinator`, `styrgrupp`).
    public var via: String

    public init(id: String, name: String, email: String, language: String, via: String) {
        self.id = id
        self.name = name
        self.email = email
        self.language = language
        self.via = via
    }
}

/// Something a rule says now: a reminder stage of a deadline occurrence, or a threshold alert.
/// Everything a message needs is here.
public struct Finding: Hashable, Sendable {
    /// The rule's id.
    public var rule: String
    /// `deadline` or `threshold`.
    public var kind: String
    /// The item (deadline rules) or unit (threshold rules) the finding is about.
    public var subject: String
    /// The subject's title or name.
    public var subjectTitle: String
    /// The unit concerned.
    public var unit: String?
    /// Which occurrence: the due date (`2027-02-01`) or, for thresholds, the period the alert
    /// began or the period that is missing (`2026-11`).
    public var occurrence: String
    /// `remind-28d`, `due`, `overdue-1`, `escalated`; `warning`, `critical`, `resolved`, `missing`.
    public var stage: String
    public var severity: Severity
    /// The day the stage began.
    public var since: LocalDate
    /// The due date of a deadline occurrence.
    public var due: LocalDate?
    /// The measured value of a threshold alert.
    public var value: Double?
    /// The limit that was crossed (`20`, `5–20`).
    public var threshold: String?
    /// Who is told.
    public var recipients: [NotifiedPerson]
    /// The rendered subject line per language.
    public var title: [String: String]
    /// The rendered message per language.
    public var text: [String: String]

    public init(rule: String, kind: String, subject: String, subjectTitle: String, unit: String?, occurrence: String, stage: String,
                severity: Severity, since: LocalDate, due: LocalDate?, value: Double?, threshold: String?,
                recipients: [NotifiedPerson], title: [String: String], text: [String: String]) {
        self.rule = rule
        self.kind = kind
        self.subject = subject
        self.subjectTitle = subjectTitle
        self.unit = unit
        self.occurrence = occurrence
        self.stage = stage
        self.severity = severity
        self.since = since
        self.due = due
        self.value = value
        self.threshold = threshold
        self.recipients = recipients
        self.title = title
        self.text = text
    }

    /// The title in `language`, else Swedish, else English, else the first language by name (the
    /// same choice everywhere, whatever order a dictionary has).
    public func title(in language: String) -> String? { Self.shownLanguage(language, among: title.keys).flatMap { title[$0] } }

    /// The message in `language`, with the same fallback as ``title(in:)``.
    public func text(in language: String) -> String? { Self.shownLanguage(language, among: text.keys).flatMap { text[$0] } }

    /// The language shown to a reader of `language` among those there are (see ``title(in:)``).
    static func shownLanguage(_ language: String, among available: some Collection<String>) -> String? {
        [language, "sv", "en"].first(where: available.contains) ?? available.min()
    }

    /// The finding's identity without a recipient: rule, subject, occurrence and stage.
    public var key: String { "\(rule)/\(subject)/\(occurrence)/\(stage)" }
}

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
    public var stages: [(name: String, start: LocalDate)]

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
}
