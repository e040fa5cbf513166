/// What a compliance report says about one deadline occurrence, as of the report's date.
///
/// Done beats everything: an occurrence completed by the report's date is on time or late by its
/// completion, whether or not it was silenced. One not done is missed once its due date has passed
/// and open until then. Silencing mutes mail; it excuses nothing.
public enum ReportStatus: Hashable, Sendable {
    /// Completed on or before the due date.
    case onTime(completed: LocalDate)
    /// Completed after the due date, `days` calendar days late.
    case late(completed: LocalDate, days: Int)
    /// Not completed by the report's date, although the due date has passed.
    case missed
    /// Not completed, and the due date has not passed by the report's date (due that day included).
    case open

    /// `on-time`, `late`, `missed`, `open`: the name in CSV and JSON.
    public var name: String {
        switch self {
        case .onTime: "on-time"
        case .late: "late"
        case .missed: "missed"
        case .open: "open"
        }
    }

    /// The day it was completed, if it was (by the report's date).
    public var completed: LocalDate? {
        switch self {
        case .onTime(let day), .late(let day, _): day
        case .missed, .open: nil
        }
    }

    /// Calendar days late, for a late completion.
    public var daysLate: Int? {
        if case .late(_, let days) = self { return days }
        return nil
    }

    /// Whether the outcome is settled (done, or missed): what the on-time rate divides by.
    public var isDecided: Bool { self != .open }
}

/// One deadline occurrence due in a report's period: which rule, which item, when it was due, and
/// how it went.
public struct ReportOccurrence: Hashable, Sendable {
    public var rule: String
    public var item: String
    public var itemTitle: String
    /// The item's unit (its id), if it has one.
    public var unit: String?
    /// The item's labels (the report groups by one of them).
    public var labels: [String: String]
    /// The due date as the rule computes it, before shifting off a non-working day.
    public var nominalDue: LocalDate
    /// The due date (after `shift`): what the occurrence is named by.
    public var due: LocalDate
    public var status: ReportStatus
    /// Where the completion that counts comes from: `plan` data, or a `recorded` completion (a reply
    /// or `planwatch complete`); `nil` when not completed.
    public var completionSource: CompletionSource?
    /// The ids of the silences that covered the occurrence (see ``SilenceCoverage``), in order.
    public var silences: [Int64]

    /// Where a completion came from.
    public enum CompletionSource: String, Hashable, Sendable {
        case plan, recorded
    }

    public init(rule: String, item: String, itemTitle: String, unit: String?, labels: [String: String], nominalDue: LocalDate,
                due: LocalDate, status: ReportStatus, completionSource: CompletionSource?, silences: [Int64]) {
        self.rule = rule
        self.item = item
        self.itemTitle = itemTitle
        self.unit = unit
        self.labels = labels
        self.nominalDue = nominalDue
        self.due = due
        self.status = status
        self.completionSource = completionSource
        self.silences = silences
    }

    /// Whether any silence muted the occurrence's mail.
    public var isSilenced: Bool { !silences.isEmpty }

    /// The occurrence's identity (as in the ledger and the journal).
    public var key: OccurrenceKey { OccurrenceKey(rule: rule, subject: item, occurrence: .date(due)) }
}
