/// Which days are working days. Deadlines shift off non-working days, reminders move to the
/// working day before, and leads such as `10 workdays` count only working days.
public protocol WorkdayCalendar: Sendable {
    /// A short name for configuration and messages (`se`, `mon-fri`).
    var name: String { get }
    /// Whether `date` is a working day.
    func isWorkingDay(_ date: LocalDate) -> Bool
}

extension WorkdayCalendar {
    /// The first working day after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The last working day before `date`.
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// `date` moved by `count` working days: forwards for a positive count, backwards for a negative
    /// one. Counting starts from `date` itself, which need not be a working day: two working days
    /// after Friday is Tuesday, and zero working days leave `date` as it is.
    public func adding(workdays count: Int, to date: LocalDate) -> LocalDate {
        var day = date
        for _ in 0..<abs(count) {
            day = count > 0 ? nextWorkingDay(after: day) : previousWorkingDay(before: day)
        }
        return day
    }

    /// The number of working days in `start..<end` (negative when `end` is before `start`).
    public func workdays(from start: LocalDate, to end: LocalDate) -> Int {
        let (low, high, sign) = start <= end ? (start, end, 1) : (end, start, -1)
        var count = 0
        var day = low
        while day < high {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count * sign
    }

    /// `date` moved off a non-working day as `policy` says.
    public func shift(_ date: LocalDate, _ policy: ShiftPolicy) -> LocalDate {
        guard !isWorkingDay(date) else { return date }
        switch policy {
        case .none: return date
        case .nextWorkday: return nextWorkingDay(after: date)
        case .previousWorkday: return previousWorkingDay(before: date)
        }
    }
}

/// What happens to a date that falls on a non-working day.
public enum ShiftPolicy: String, Sendable, CaseIterable, Hashable {
    /// Keep the date.
    case none
    /// Move to the next working day (lag 1930:173 for deadlines).
    case nextWorkday = "next-workday"
    /// Move to the working day before.
    case previousWorkday = "previous-workday"
}

/// Monday to Friday, every week, with no holidays (`workdays: mon-fri`).
public struct MondayToFridayCalendar: WorkdayCalendar {
    public init() {}
    public var name: String { "mon-fri" }
    public func isWorkingDay(_ date: LocalDate) -> Bool { !date.weekday.isWeekend }
}
