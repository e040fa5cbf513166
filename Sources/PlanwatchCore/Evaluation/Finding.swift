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
/// A value with its fields in one shared, immutable box: findings are appended, sorted and listed
/// by the ten thousand, and a copy then costs one reference, not one for each of its strings,
/// arrays and texts; a field is read where it lies (the box's fields are constants, so a read needs
/// no exclusivity check). Changing a field makes a new box; the evaluators give every field at
/// `init`, so a finding is boxed once.
public struct Finding: Sendable {
    /// The fields, as one value.
    @usableFromInline struct Fields: Sendable {
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
        @usableFromInline var recipients: [NotifiedPerson]
        @usableFromInline var message: FindingMessage
        @usableFromInline var clear: Condition?
        @usableFromInline var firingSince: Period?
        @usableFromInline var valuePeriod: Period?
        @usableFromInline var obligation: String?
        @usableFromInline var guidance: [String: String]
    }

    /// The box: never changed once made.
    @usableFromInline final class Storage: Sendable {
        @usableFromInline let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var storage: Storage

    /// A new box with `change` made to a copy of the fields.
    private mutating func change(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    /// The rule's id.
    public var rule: String {
        @inlinable get { storage.fields.rule }
        set { change { $0.rule = newValue } }
    }
    public var kind: RuleKind {
        @inlinable get { storage.fields.kind }
        set { change { $0.kind = newValue } }
    }
    /// The item (deadline rules) or unit (threshold rules) the finding is about.
    public var subject: String {
        @inlinable get { storage.fields.subject }
        set { change { $0.subject = newValue } }
    }
    /// The subject's title or name.
    public var subjectTitle: String {
        @inlinable get { storage.fields.subjectTitle }
        set { change { $0.subjectTitle = newValue } }
    }
    /// The unit concerned.
    public var unit: String? {
        @inlinable get { storage.fields.unit }
        set { change { $0.unit = newValue } }
    }
    /// Which occurrence: the due date or, for thresholds, the period the alert began or the period
    /// that is missing.
    public var occurrence: Occurrence {
        @inlinable get { storage.fields.occurrence }
        set { change { $0.occurrence = newValue } }
    }
    public var stage: Stage {
        @inlinable get { storage.fields.stage }
        set { change { $0.stage = newValue } }
    }
    public var severity: Severity {
        @inlinable get { storage.fields.severity }
        set { change { $0.severity = newValue } }
    }
    /// The day the stage began.
    public var since: LocalDate {
        @inlinable get { storage.fields.since }
        set { change { $0.since = newValue } }
    }
    /// The due date of a deadline occurrence.
    public var due: LocalDate? {
        @inlinable get { storage.fields.due }
        set { change { $0.due = newValue } }
    }
    /// The measured value of a threshold alert.
    public var value: Double? {
        @inlinable get { storage.fields.value }
        set { change { $0.value = newValue } }
    }
    /// The limit that was crossed.
    public var limit: Condition? {
        @inlinable get { storage.fields.limit }
        set { change { $0.limit = newValue } }
    }
    /// When a firing alert clears (its `clear` condition, under hysteresis).
    public var clear: Condition? {
        @inlinable get { storage.fields.clear }
        set { change { $0.clear = newValue } }
    }
    /// The period a firing alert began.
    public var firingSince: Period? {
        @inlinable get { storage.fields.firingSince }
        set { change { $0.firingSince = newValue } }
    }
    /// The period of the latest value a threshold alert shows (firing or resolved); `nil` for a
    /// missing value, whose period is the occurrence.
    public var valuePeriod: Period? {
        @inlinable get { storage.fields.valuePeriod }
        set { change { $0.valuePeriod = newValue } }
    }
    /// What is due, in words that stay when its date moves: the rule, the subject and the calendar's
    /// date (for an item's own deadline, the rule and the item). A calendar entry is named by it.
    public var obligation: String? {
        @inlinable get { storage.fields.obligation }
        set { change { $0.obligation = newValue } }
    }
    /// What to do and where, per language (the rule's `how_to_complete`).
    public var guidance: [String: String] {
        @inlinable get { storage.fields.guidance }
        set { change { $0.guidance = newValue } }
    }
    /// Who is told.
    public var recipients: [NotifiedPerson] {
        @inlinable get { storage.fields.recipients }
        set { change { $0.recipients = newValue } }
    }
    /// The subject line and message, rendered on demand.
    public var message: FindingMessage {
        @inlinable get { storage.fields.message }
        set { change { $0.message = newValue } }
    }

    /// - Parameters:
    ///   - clear, firingSince, valuePeriod: a threshold alert's (see the properties).
    ///   - obligation, guidance: what is due in words that stay, and what to do (see the properties).
    public init(rule: String, kind: RuleKind, subject: String, subjectTitle: String, unit: String?, occurrence: Occurrence,
                stage: Stage, severity: Severity, since: LocalDate, due: LocalDate?, value: Double?, limit: Condition?,
                recipients: [NotifiedPerson], message: FindingMessage, clear: Condition? = nil, firingSince: Period? = nil,
                valuePeriod: Period? = nil, obligation: String? = nil, guidance: [String: String] = [:]) {
        storage = Storage(Fields(rule: rule, kind: kind, subject: subject, subjectTitle: subjectTitle, unit: unit, occurrence: occurrence,
                                 stage: stage, severity: severity, since: since, due: due, value: value, limit: limit,
                                 recipients: recipients, message: message, clear: clear, firingSince: firingSince,
                                 valuePeriod: valuePeriod, obligation: obligation, guidance: guidance))
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
