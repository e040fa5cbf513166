/// The days a compliance report covers: a calendar year, or any span of whole days, both ends
/// included.
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
    /// The first day.
    public let from: LocalDate
    /// The last day.
    public let to: LocalDate

    /// The days from `from` through `to`; `nil` when `to` is before `from`.
    public init?(from: LocalDate, to: LocalDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// A calendar year: 1 January through 31 December.
    public static func year(_ year: Int) -> ReportPeriod {
        ReportPeriod(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)!
    }

    /// The year, when the period is exactly one calendar year.
    public var calendarYear: Int? {
        from.year == to.year && from.month == 1 && from.day == 1 && to.month == 12 && to.day == 31 ? from.year : nil
    }

    /// Whether `date` is in the period.
    public func contains(_ date: LocalDate) -> Bool { from <= date && date <= to }

    /// `2026`, or `2026-03-01..2026-08-31`.
    public var description: String { calendarYear.map(String.init) ?? "\(from)..\(to)" }

    /// The period in running text: `2026`, or `1 mars 2026–31 augusti 2026` (en dash).
    public func written(in language: MessageLanguage) -> String {
        if let year = calendarYear { return String(year) }
        return language.dayAndMonth(from) + " " + String(from.year) + "\u{2013}" + language.dayAndMonth(to) + " " + String(to.year)
    }
}
