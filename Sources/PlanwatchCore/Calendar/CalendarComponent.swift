/// One element of a calendar-expression field: a value, a range `start..stop`, a repetition
/// `start/repeat` or `start..stop/repeat` — systemd's `CalendarComponent`.
///
/// Seconds are kept in microseconds (systemd allows fractions there); other fields in units.
struct CalendarComponent: Hashable, Sendable, Comparable {
    /// The first value.
    var start: Int
    /// The last value of a range, or -1 when there is none.
    var stop: Int
    /// The step of a repetition, or 0 when there is none.
    var `repeat`: Int
    /// Where the component starts in the expression (1-based), for diagnostics; not part of its identity.
    var column: Int

    init(start: Int, stop: Int = -1, repeat: Int = 0, column: Int = 0) {
        self.start = start
        self.stop = stop
        self.repeat = `repeat`
        self.column = column
    }

    static func == (lhs: CalendarComponent, rhs: CalendarComponent) -> Bool {
        (lhs.start, lhs.stop, lhs.repeat) == (rhs.start, rhs.stop, rhs.repeat)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(stop)
        hasher.combine(`repeat`)
    }

    static func < (lhs: CalendarComponent, rhs: CalendarComponent) -> Bool {
        (lhs.start, lhs.stop, lhs.repeat) < (rhs.start, rhs.stop, rhs.repeat)
    }
}

/// The fields of a calendar expression, for diagnostics and validation ranges.
enum CalendarField: Sendable {
    case year, month, day, lastDay, hour, minute, second

    var name: String {
        switch self {
        case .year: "year"
        case .month: "month"
        case .day: "day"
        case .lastDay: "last-day offset"
        case .hour: "hour"
        case .minute: "minute"
        case .second: "second"
        }
    }

    /// The allowed values (seconds in microseconds; a last-day offset `~N` counts back from the month's end).
    var range: ClosedRange<Int> {
        switch self {
        case .year: 1970...2199
        case .month: 1...12
        case .day: 1...31
        case .lastDay: 1...28
        case .hour: 0...23
        case .minute: 0...59
        case .second: 0...(60 * 1_000_000 - 1)
        }
    }

    /// A value as the user wrote it (seconds with their fraction, last-day offsets with `~`).
    func show(_ value: Int) -> String {
        switch self {
        case .second:
            let whole = value / 1_000_000, fraction = value % 1_000_000
            return fraction == 0 ? "\(whole)" : "\(whole)." + LocalDate.pad(fraction, 6)
        case .lastDay: return "~\(value)"
        default: return "\(value)"
        }
    }
}
