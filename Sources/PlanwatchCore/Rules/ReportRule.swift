/// Settings of a report rule: the compliance report mailed on a calendar to named roles
/// (`kind: report`, `due: "*-01-20"`, `period: previous-year`, `notify: [styrgrupp]`).
public struct ReportRule: Sendable {
    /// Which days a mailed report covers, counted from the day it is due.
    public enum Coverage: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// The calendar year before the due day's (due 2027-01-20: 2026).
        case previousYear = "previous-year"
        /// The due day's year from 1 January through the day before the due day.
        case yearToDate = "year-to-date"
        /// The calendar month before the due day's.
        case previousMonth = "previous-month"

        public var description: String { rawValue }

        /// The days covered by the report due on `due`.
        public func period(dueOn due: LocalDate) -> ReportPeriod {
            switch self {
            case .previousYear:
                return .year(due.year - 1)
            case .yearToDate:
                let first = LocalDate(year: due.year, month: 1, day: 1)!
                // Due on 1 January: nothing of the year has passed; the previous year instead.
                return ReportPeriod(from: first, to: due.adding(days: -1)) ?? .year(due.year - 1)
            case .previousMonth:
                let firstOfMonth = LocalDate(year: due.year, month: due.month, day: 1)!
                let last = firstOfMonth.adding(days: -1)
                return ReportPeriod(from: LocalDate(year: last.year, month: last.month, day: 1)!, to: last)!
            }
        }
    }

    /// The default cap on a report mail's attachments, encoded: 5 MB, half of Postfix's default
    /// `message_size_limit` (10 240 000 bytes).
    public static let defaultAttachmentLimit = 5_000_000

    /// When the report is mailed: the days the calendar expression names (a time in it is ignored:
    /// mail goes out at the configured send time, on the working day after when the day is not one).
    public var due: CalendarExpression
    /// Which days it covers.
    public var coverage: Coverage
    /// How its on-time rates are grouped (`by:`; default `focus_area`).
    public var grouping: ReportGrouping
    /// The most the HTML and CSV attachments may take in the mail, base64-encoded, in bytes; past
    /// it the mail carries only the summary and says how to make the report on the server.
    public var attachmentLimit: Int
    /// The report's name per language (`title:`), in the mail's subject: "Uppföljning av handlingsplanen".
    public var title: [String: String] = [:]

    public init(due: CalendarExpression, coverage: Coverage = .previousYear, grouping: ReportGrouping = .focusArea,
                attachmentLimit: Int = ReportRule.defaultAttachmentLimit) {
        self.due = due
        self.coverage = coverage
        self.grouping = grouping
        self.attachmentLimit = attachmentLimit
    }
}
