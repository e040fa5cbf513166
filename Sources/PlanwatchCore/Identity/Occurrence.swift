/// Which occurrence of a rule for a subject: a deadline's (or a report's) due date, or for a
/// threshold alert the period the alert began (or the period that is missing).
public enum Occurrence: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A due date: `2027-02-01`.
    case date(LocalDate)
    /// A reporting period: `2026-11`, `2026-Q3`, `2026-T2`, `2026`.
    case period(Period)

    /// Parses `YYYY-MM-DD` or a period; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        if text.utf8.count == 10, let date = LocalDate(iso: text) {
            self = .date(date)
        } else if let period = Period(text) {
            self = .period(period)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .date(let date): date.description
        case .period(let period): period.description
        }
    }

    /// The due date, for a date occurrence.
    public var date: LocalDate? {
        if case .date(let date) = self { return date }
        return nil
    }

    /// The period, for a period occurrence.
    public var period: Period? {
        if case .period(let period) = self { return period }
        return nil
    }

    /// The first day the occurrence is about (the date, or the period's first day).
    public var firstDay: LocalDate {
        switch self {
        case .date(let date): date
        case .period(let period): period.start
        }
    }

    public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool {
        (lhs.firstDay, lhs.description) < (rhs.firstDay, rhs.description)
    }
}
