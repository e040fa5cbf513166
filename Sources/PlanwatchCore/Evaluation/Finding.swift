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
/// Everything a message needs is here; its texts are rendered when they are shown (in a mail, the
/// journal, a listing), in the reader's language.
public struct Finding: Sendable {
    /// The rule's id.
    public var rule: String
    public var kind: RuleKind
    /// The item (deadline rules) or unit (threshold rules) the finding is about.
    public var subject: String
    /// The subject's title or name.
    public var subjectTitle: String
    /// The unit concerned.
    public var unit: String?
    /// Which occurrence: the due date or, for thresholds, the period the alert began or the period
    /// that is missing.
    public var occurrence: Occurrence
    public var stage: Stage
    public var severity: Severity
    /// The day the stage began.
    public var since: LocalDate
    /// The due date of a deadline occurrence.
    public var due: LocalDate?
    /// The measured value of a threshold alert.
    public var value: Double?
    /// The limit that was crossed.
    public var limit: Condition?
    /// When a firing alert clears (its `clear` condition, under hysteresis).
    public var clear: Condition?
    /// The period a firing alert began.
    public var firingSince: Period?
    /// The period of the latest value a threshold alert shows (firing or resolved); `nil` for a
    /// missing value, whose period is the occurrence.
    public var valuePeriod: Period?
    /// What is due, in words that stay when its date moves: the rule, the subject and the calendar's
    /// date (for an item's own deadline, the rule and the item). A calendar entry is named by it.
    public var obligation: String?
    /// What to do and where, per language (the rule's `how_to_complete`).
    public var guidance: [String: String] = [:]
    /// Who is told.
    public var recipients: [NotifiedPerson]
    /// The subject line and message, rendered on demand.
    public var message: FindingMessage

    public init(rule: String, kind: RuleKind, subject: String, subjectTitle: String, unit: String?, occurrence: Occurrence,
                stage: Stage, severity: Severity, since: LocalDate, due: LocalDate?, value: Double?, limit: Condition?,
                recipients: [NotifiedPerson], message: FindingMessage) {
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
        self.limit = limit
        self.recipients = recipients
        self.message = message
    }

    /// The limit as a message shows it (`20`, `5–20`).
    public var threshold: String? { limit?.limitText }

    /// The title in `language`, else Swedish, else English, else the first language by name (the
    /// same choice everywhere, whatever order a dictionary has).
    public func title(in language: String) -> String? { message.title(in: language) }

    /// The message in `language`, with the same fallback as ``title(in:)``.
    public func text(in language: String) -> String? { message.text(in: language) }

    /// The occurrence this finding is about.
    public var key: OccurrenceKey { OccurrenceKey(rule: rule, subject: subject, occurrence: occurrence) }
}

/// The title and text of a finding: the rule's templates and the finding's variables, rendered
/// when asked for (or, for messages made by hand, texts written out already).
///
/// A class: a finding is copied as it is sorted and planned, and its message then costs one
/// reference, not the templates' and the context's each.
public final class FindingMessage: Sendable {
    private enum Source: Sendable {
        case templates(title: LocalizedTemplates, text: LocalizedTemplates, context: any TemplateContext)
        case fixed(title: [String: String], text: [String: String])
    }

    private let source: Source

    /// The rule's templates with the finding's variables.
    public convenience init(title: LocalizedTemplates, text: LocalizedTemplates, context: any TemplateContext) {
        self.init(source: .templates(title: title, text: text, context: context))
    }

    /// Texts written out already, per language code.
    public static func fixed(title: [String: String], text: [String: String]) -> FindingMessage {
        FindingMessage(source: .fixed(title: title, text: text))
    }

    private init(source: Source) { self.source = source }

    /// The title shown to a reader of `language` (see ``LocalizedTemplates/render(_:for:)``).
    public func title(in language: String) -> String? {
        switch source {
        case .templates(let title, _, let context): title.render(context, for: language)
        case .fixed(let title, _): LocalizedTemplates.shownLanguage(language, among: title.keys).flatMap { title[$0] }
        }
    }

    /// The text shown to a reader of `language`.
    public func text(in language: String) -> String? {
        switch source {
        case .templates(_, let text, let context): text.render(context, for: language)
        case .fixed(_, let text): LocalizedTemplates.shownLanguage(language, among: text.keys).flatMap { text[$0] }
        }
    }

    /// The title in every language it is written in, by language code.
    public var titles: [String: String] {
        switch source {
        case .templates(let title, _, let context): title.rendered(context)
        case .fixed(let title, _): title
        }
    }

    /// The text in every language it is written in, by language code.
    public var texts: [String: String] {
        switch source {
        case .templates(_, let text, let context): text.rendered(context)
        case .fixed(_, let text): text
        }
    }
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
