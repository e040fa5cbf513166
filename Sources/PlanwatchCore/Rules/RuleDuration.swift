/// A length of time in a rule: `28d`, `2w`, `36h`, `10 workdays`.
///
/// Days and weeks are calendar days (a reminder `28d` before 31 January is on 3 January);
/// hours are exact; working days count only days the ``WorkdayCalendar`` calls working days.
public struct RuleDuration: Hashable, Sendable, CustomStringConvertible {
    /// The unit of a duration.
    public enum Unit: String, Hashable, Sendable {
        case hours, days, weeks, workdays
    }

    /// How many units (0 or more).
    public let amount: Int
    /// The unit.
    public let unit: Unit

    /// A duration of `amount` units.
    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// The largest amount accepted, in days (about 27 years); more is surely a typo.
    public static let maximumDays = 10_000

    /// Parses `28d`, `2w`, `36h`, `10 workdays` (also `1 workday`, `3 days`, `2 weeks`, `36 hours`).
    /// - Throws: ``RuleDurationError`` saying what is wrong and what is accepted.
    public init(parsing text: String) throws(RuleDurationError) {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else {
            throw RuleDurationError(text: text, reason: trimmed.hasPrefix("-")
                ? "a duration cannot be negative" : "a duration starts with a whole number")
        }
        let unitText = trimmed.dropFirst(digits.count).trimmingSpaces.lowercased()
        let unit: Unit
        switch unitText {
        case "d", "day", "days": unit = .days
        case "w", "week", "weeks": unit = .weeks
        case "h", "hour", "hours": unit = .hours
        case "workday", "workdays", "wd": unit = .workdays
        case "": throw RuleDurationError(text: text, reason: "the unit is missing")
        default: throw RuleDurationError(text: text, reason: "unknown unit '\(unitText)'")
        }
        guard digits.count <= 6, let amount = Int(digits) else {
            throw RuleDurationError(text: text, reason: "\(digits) is too large")
        }
        self.init(amount, unit)
        guard approximateDays <= Self.maximumDays else {
            throw RuleDurationError(text: text, reason: "longer than \(Self.maximumDays) days")
        }
    }

    /// The length in days, rounded up for hours (working days counted as days).
    public var approximateDays: Int {
        switch unit {
        case .hours: (amount + 23) / 24
        case .days, .workdays: amount
        case .weeks: amount * 7
        }
    }

    /// The length in seconds for hours, days and weeks; `nil` for working days, which depend on the calendar.
    public var seconds: Int64? {
        switch unit {
        case .hours: Int64(amount) * 3600
        case .days: Int64(amount) * 86_400
        case .weeks: Int64(amount) * 7 * 86_400
        case .workdays: nil
        }
    }

    /// The date this long before `date` (hours rounded up to whole days).
    public func date(before date: LocalDate, workdays calendar: any WorkdayCalendar) -> LocalDate {
        unit == .workdays ? calendar.adding(workdays: -amount, to: date) : date.adding(days: -approximateDays)
    }

    /// The date this long after `date` (hours rounded up to whole days).
    public func date(after date: LocalDate, workdays calendar: any WorkdayCalendar) -> LocalDate {
        unit == .workdays ? calendar.adding(workdays: amount, to: date) : date.adding(days: approximateDays)
    }

    /// The short form: `28d`, `2w`, `36h`, `10 workdays`.
    public var description: String {
        switch unit {
        case .hours: "\(amount)h"
        case .days: "\(amount)d"
        case .weeks: "\(amount)w"
        case .workdays: amount == 1 ? "1 workday" : "\(amount) workdays"
        }
    }
}

/// Why a duration was rejected.
public struct RuleDurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    /// What is wrong with it.
    public let reason: String

    public var description: String {
        "invalid duration '\(text)': \(reason) (expected e.g. 28d, 2w, 36h or 10 workdays)"
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        var end = start
        var index = start
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if !isSpace(utf8[index]) { end = next }
            index = next
        }
        return String(self[start..<end])
    }
}
