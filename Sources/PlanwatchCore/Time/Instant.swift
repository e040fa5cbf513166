public import Foundation

/// A point in time, in whole microseconds since 1970-01-01 00:00:00 UTC.
///
/// Microseconds are systemd's resolution for calendar events; an integer keeps comparisons exact
/// (a `Date` is a floating-point number of seconds).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the Unix epoch.
    public var microseconds: Int64

    /// The instant `microseconds` after the Unix epoch.
    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// The instant `seconds` (whole) after the Unix epoch.
    public init(seconds: Int64) {
        self.microseconds = seconds * 1_000_000
    }

    /// The instant of a Foundation `Date`, rounded to the microsecond.
    public init(_ date: Date) {
        self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Whole seconds since the epoch (rounded down).
    public var seconds: Int64 { floorDivide(microseconds, 1_000_000) }

    /// The microseconds within the second, `0..<1_000_000`.
    public var subsecondMicroseconds: Int64 { floorModulo(microseconds, 1_000_000) }

    /// The same instant as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    /// This instant moved by a number of seconds.
    public func adding(seconds: Int64) -> Instant {
        Instant(microseconds: microseconds + seconds * 1_000_000)
    }

    public var description: String { "@\(seconds)" }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.microseconds < rhs.microseconds }
}
