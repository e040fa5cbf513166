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
///
/// A value with its fields in one shared box, copied when changed (copy on write): findings are
/// appended, sorted and listed by the ten thousand, and a copy then costs one reference, not one
/// for each of its strings, arrays and texts.
public struct Finding: Sendable {
    /// The fields. Changed only through a reference no other finding holds (``unique()``); read
    /// in place by other modules (the getters are inlinable), as a stored property would be.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var rule: String
        @usableFromInline var kind: RuleKind
        @usableFromInline var subject: String
        @usableFromInline var subjectTitle: String
        @usableFromInline var unit: String?
        @usableFromInline var occurrence: Occurrence
        @usableFromInline var stage: Stage
        @usableFromInline var severity: Severity
        @usableFromInline var since: LocalDate
        @usableFromInline var due: LocalDate?
        @usableFromInline var value: Double?
        @usableFromInline var limit: Condition?
        @usableFromInline var clear: Condition? = nil
        @usableFromInline var firingSince: Period? = nil
        @usableFromInline var valuePeriod: Period? = nil
        @usableFromInline var obligation: String? = nil
        @usableFromInline var guidance: [String: String] = [:]
        @usableFromInline var recipients: [NotifiedPerson]
        @usableFromInline var message: FindingMessage

        init(rule: String, kind: RuleKind, subject: String, subjectTitle: String, unit: String?, occurrence: Occurrence,
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

        /// A copy of `other`, for a finding about to change one that shares its fields.
        init(copying other: Storage) {
            rule = other.rule
            kind = other.kind
            subject = other.subject
            subjectTitle = other.subjectTitle
            unit = other.unit
            occurrence = other.occurrence
            stage = other.stage
            severity = other.severity
            since = other.since
            due = other.due
            value = other.value
            limit = other.limit
            clear = other.clear
            firingSince = other.firingSince
            valuePeriod = other.valuePeriod
            obligation = other.obligation
            guidance = other.guidance
            recipients = other.recipients
            message = other.message
        }
    }

    @usableFromInline var storage: Storage

    /// The fields, made this finding's own before a change.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        return storage
    }

    /// The rule's id.
    public var rule: String {
        @inlinable get { storage.rule }
        set { unique().rule = newValue }
    }
    public var kind: RuleKind {
        @inlinable get { storage.kind }
        set { unique().kind = newValue }
    }
    /// The item (deadline rules) or unit (threshold rules) the finding is about.
    public var subject: String {
        @inlinable get { storage.subject }
        set { unique().subject = newValue }
    }
    /// The subject's title or name.
    public var subjectTitle: String {
        @inlinable get { storage.subjectTitle }
        set { unique().subjectTitle = newValue }
    }
    /// The unit concerned.
    public var unit: String? {
        @inlinable get { storage.unit }
        set { unique().unit = newValue }
    }
    /// Which occurrence: the due date or, for thresholds, the period the alert began or the period
    /// that is missing.
    public var occurrence: Occurrence {
        @inlinable get { storage.occurrence }
        set { unique().occurrence = newValue }
    }
    public var stage: Stage {
        @inlinable get { storage.stage }
        set { unique().stage = newValue }
    }
    public var severity: Severity {
        @inlinable get { storage.severity }
        set { unique().severity = newValue }
    }
    /// The day the stage began.
    public var since: LocalDate {
        @inlinable get { storage.since }
        set { unique().since = newValue }
    }
    /// The due date of a deadline occurrence.
    public var due: LocalDate? {
        @inlinable get { storage.due }
        set { unique().due = newValue }
    }
    /// The measured value of a threshold alert.
    public var value: Double? {
        @inlinable get { storage.value }
        set { unique().value = newValue }
    }
    /// The limit that was crossed.
    public var limit: Condition? {
        @inlinable get { storage.limit }
        set { unique().limit = newValue }
    }
    /// When a firing alert clears (its `clear` condition, under hysteresis).
    public var clear: Condition? {
        @inlinable get { storage.clear }
        set { unique().clear = newValue }
    }
    /// The period a firing alert began.
    public var firingSince: Period? {
        @inlinable get { storage.firingSince }
        set { unique().firingSince = newValue }
    }
    /// The period of the latest value a threshold alert shows (firing or resolved); `nil` for a
    /// missing value, whose period is the occurrence.
    public var valuePeriod: Period? {
        @inlinable get { storage.valuePeriod }
        set { unique().valuePeriod = newValue }
    }
    /// What is due, in words that stay when its date moves: the rule, the subject and the calendar's
    /// date (for an item's own deadline, the rule and the item). A calendar entry is named by it.
    public var obligation: String? {
        @inlinable get { storage.obligation }
        set { unique().obligation = newValue }
    }
    /// What to do and where, per language (the rule's `how_to_complete`).
    public var guidance: [String: String] {
        @inlinable get { storage.guidance }
        set { unique().guidance = newValue }
    }
    /// Who is told.
    public var recipients: [NotifiedPerson] {
        @inlinable get { storage.recipients }
        set { unique().recipients = newValue }
    }
    /// The subject line and message, rendered on demand.
    public var message: FindingMessage {
        @inlinable get { storage.message }
        set { unique().message = newValue }
    }

    public init(rule: String, kind: RuleKind, subject: String, subjectTitle: String, unit: String?, occurrence: Occurrence,
                stage: Stage, severity: Severity, since: LocalDate, due: LocalDate?, value: Double?, limit: Condition?,
                recipients: [NotifiedPerson], message: FindingMessage) {
        storage = Storage(rule: rule, kind: kind, subject: subject, subjectTitle: subjectTitle, unit: unit, occurrence: occurrence,
                          stage: stage, severity: severity, since: since, due: due, value: value, limit: limit,
                          recipients: recipients, message: message)
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
