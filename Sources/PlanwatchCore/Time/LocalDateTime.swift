/// A wall-clock date and time without a zone, to the microsecond.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The date.
    public var date: LocalDate
    /// Seconds since midnight, `0..<86_400`.
    public var secondOfDay: Int
    /// Microseconds within the second, `0..<1_000_000`.
    public var microsecond: Int

    /// Creates a wall-clock time; the parts must be in range (`hour` 0–23, `minute` 0–59, `second` 0–59).
    public init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        self.date = date
        self.secondOfDay = hour * 3600 + minute * 60 + second
        self.microsecond = microsecond
    }

    /// The wall-clock time `seconds` after 1970-01-01 00:00:00 (a "naive" count that ignores zones).
    public init(naiveSeconds seconds: Int64, microsecond: Int = 0) {
        let days = floorDivide(seconds, 86_400)
        self.date = LocalDate(dayNumber: Int(days))
        self.secondOfDay = Int(seconds - days * 86_400)
        self.microsecond = microsecond
    }

    /// Seconds since 1970-01-01 00:00:00 as if this wall-clock time were UTC.
    public var naiveSeconds: Int64 { Int64(date.dayNumber) * 86_400 + Int64(secondOfDay) }

    /// The hour, 0–23.
    public var hour: Int { secondOfDay / 3600 }
    /// The minute, 0–59.
    public var minute: Int { secondOfDay / 60 % 60 }
    /// The second, 0–59.
    public var second: Int { secondOfDay % 60 }

    /// `YYYY-MM-DD HH:MM:SS` (with `.ffffff` when there are microseconds).
    public var description: String {
        var text = "\(date) " + LocalDate.pad(hour, 2) + ":" + LocalDate.pad(minute, 2) + ":" + LocalDate.pad(second, 2)
        if microsecond != 0 { text += "." + LocalDate.pad(microsecond, 6) }
        return text
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.naiveSeconds, lhs.microsecond) < (rhs.naiveSeconds, rhs.microsecond)
    }
}
