/// One mailing of a report rule: the report due on a day of its calendar, for the days it covers,
/// to the people its roles name.
public struct ScheduledReport: Sendable {
    /// The report rule.
    public var rule: Rule
    public var settings: ReportRule
    /// The day of the rule's calendar the mailing belongs to.
    public var due: LocalDate
    /// When it goes out: the send time on `due`, or on the working day after when `due` is not one.
    public var slot: Instant
    /// The days the report covers.
    public var period: ReportPeriod
    /// Who gets it.
    public var recipients: [NotifiedPerson]

    /// The mailing's identity: the rule, the period covered as the subject (`2026`, or
    /// `2026-01-01..2026-06-30`) and the due day. One period is mailed once, however often the
    /// daemon wakes.
    public var occurrence: OccurrenceKey {
        OccurrenceKey(rule: rule.id, subject: period.description, occurrence: .date(due))
    }

    /// The notification of one recipient (stage `report`): the ledger holds it once sent.
    public func key(for person: NotifiedPerson) -> NotificationKey {
        NotificationKey(occurrence, stage: .report, recipient: person.id)
    }

    /// The mailing as a finding of stage `report` — what rule tests and listings show: the same rule,
    /// subject (the period), occurrence (the due day) and recipients as its mails, since the day it
    /// goes out. Its title is the rule's `title`.
    public var finding: Finding {
        let title = settings.title.isEmpty ? ["sv": rule.id, "en": rule.id] : settings.title
        return Finding(rule: rule.id, kind: .report, subject: period.description, subjectTitle: period.description, unit: nil,
                       occurrence: .date(due), stage: .report, severity: .info, since: due, due: due, value: nil, limit: nil,
                       recipients: recipients, message: .fixed(title: title, text: title))
    }
}
