/// A calendar date without a time or a zone (proleptic Gregorian), such as a due date.
///
/// Dates are stored as a day number (days since 1970-01-01), which makes arithmetic and
/// comparison cheap; the year, month and day are derived with Howard Hinnant's civil-date
/// algorithms, so no Foundation `Calendar` is involved.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let dayNumber: Int

    /// Creates the date with the given day number (days since 1970-01-01).
    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// Creates a date from its parts, or `nil` when the date does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.dayNumber = LocalDate.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses the ISO 8601 form `YYYY-MM-DD` exactly (four-digit year); `nil` for anything else,
    /// including dates that do not exist.
    public init?(iso text: some StringProtocol) {
        self.init(isoUTF8: text.utf8)
    }

    /// ``init(iso:)`` on the UTF-8 bytes of the text, without making a `String` (the bulk readers).
    @inlinable public init?(isoUTF8 bytes: some Collection<UInt8>) {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0, position = 0
        for byte in bytes {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 4 { year = year * 10 + digit } else if position < 7 { month = month * 10 + digit } else { day = day * 10 + digit }
            }
            position += 1
        }
        self.init(year: year, month: month, day: day)
    }

    /// The year, month (1–12) and day (1–31).
    public var parts: (year: Int, month: Int, day: Int) {
        LocalDate.civilFromDays(dayNumber)
    }

    /// The year.
    public var year: Int { parts.year }
    /// The month, 1–12.
    public var month: Int { parts.month }
    /// The day of the month, 1–31.
    public var day: Int { parts.day }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let iso = floorModulo(dayNumber + 3, 7) + 1
        return Weekday(rawValue: iso)!
    }

    /// This date moved by `days` days (negative: earlier).
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The number of days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = parts
        guard (0...9999).contains(year) else { return LocalDate.pad(year, 4) + "-" + LocalDate.pad(month, 2) + "-" + LocalDate.pad(day, 2) }
        // Written digit by digit: dates are formatted for every finding, thousands at a time.
        return String(unsafeUninitializedCapacity: Self.digitCount) { buffer in
            _ = writeDigits(to: buffer.baseAddress!)
            return Self.digitCount
        }
    }

    /// The length of `YYYY-MM-DD`.
    public static let digitCount = 10

    /// Writes `YYYY-MM-DD` (``description``) into the ten bytes at `start`, for a year from 0 to
    /// 9999 — a listing writing dates straight into its output, without a `String` each; `false`,
    /// with nothing written, for another year.
    public func writeDigits(to start: UnsafeMutablePointer<UInt8>) -> Bool {
        let (year, month, day) = parts
        guard (0...9999).contains(year) else { return false }
        func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }
        start[0] = digit(year / 1000)
        start[1] = digit(year / 100 % 10)
        start[2] = digit(year / 10 % 10)
        start[3] = digit(year % 10)
        start[4] = UInt8(ascii: "-")
        start[5] = digit(month / 10)
        start[6] = digit(month % 10)
        start[7] = UInt8(ascii: "-")
        start[8] = digit(day / 10)
        start[9] = digit(day % 10)
        return true
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// The number of days in a month of a year (February of leap years has 29).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 of a civil date; month and day may lie outside their ranges and
    /// are then carried (month 13 is January of the next year, day 0 the last of the month before).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let monthIndex = month - 1
        let carriedYear = year + floorDivide(monthIndex, 12)
        let normalMonth = floorModulo(monthIndex, 12) + 1
        let y = normalMonth <= 2 ? carriedYear - 1 : carriedYear
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = normalMonth
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 + (day - 1)
    }

    /// The civil date of a day number.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// `value` with leading zeros to `width` digits (`pad(7, 2)` is `07`).
    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
        return value < 0 ? "-" + padded : padded
    }
}

/// A day of the week, numbered as in ISO 8601 (Monday 1 … Sunday 7).
public enum Weekday: Int, Sendable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Whether this is Saturday or Sunday.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The English three-letter abbreviation (`Mon`), as systemd prints it.
    public var abbreviation: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1]
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
