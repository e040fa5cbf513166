/// A calendar event in the syntax and with the meaning of systemd's `OnCalendar=`
/// (systemd.time(7), "Calendar Events"): `Mon..Fri *-*-* 08:00`, `*-01-31`, `*-04,08,12~01`,
/// `quarterly`, `*-*-* 02:30 Europe/Stockholm`.
///
/// Parse with ``init(_:)``; ``normalized`` is the form `systemd-analyze calendar` prints and
/// ``nextElapse(after:in:)`` the next moment the event occurs, computed as systemd computes it
/// (a wall-clock time skipped by a spring-forward change does not occur that day).
public struct CalendarExpression: Hashable, Sendable, CustomStringConvertible {
    /// The zone an expression is interpreted in.
    public enum ExpressionZone: Hashable, Sendable {
        /// No zone was written: the caller's zone (planwatch's configured zone) applies.
        case local
        /// `… UTC`.
        case utc
        /// `… Europe/Stockholm`: an IANA zone.
        case named(Zone)
    }

    /// The expression as written.
    public let source: String
    /// The zone written in the expression, if any.
    public private(set) var zone: ExpressionZone

    /// Weekday bits (Monday is bit 0), or -1 for any day.
    var weekdays: Int = -1
    var year: [CalendarComponent] = []
    var month: [CalendarComponent] = []
    var day: [CalendarComponent] = []
    var hour: [CalendarComponent] = []
    var minute: [CalendarComponent] = []
    /// Seconds in microseconds.
    var second: [CalendarComponent] = []
    /// `~`: days count back from the end of the month.
    var endOfMonth = false

    /// Parses and validates an expression.
    /// - Throws: ``CalendarExpressionError`` naming the offending part, for anything systemd would
    ///   reject (and for unknown time-zone names, which systemd reports only as "invalid").
    public init(_ text: String) throws(CalendarExpressionError) {
        var parser = CalendarExpressionParser(text)
        self = try parser.parse()
    }

    init(source: String, zone: ExpressionZone) {
        self.source = source
        self.zone = zone
    }

    /// `@EPOCH` timestamps are always in UTC.
    mutating func forceUTC() {
        zone = .utc
    }

    /// The zone in which this expression is evaluated, given the caller's zone.
    public func effectiveZone(local: Zone) -> Zone {
        switch zone {
        case .local: local
        case .utc: .utc
        case .named(let zone): zone
        }
    }

    public var description: String { normalized }

    public static func == (lhs: CalendarExpression, rhs: CalendarExpression) -> Bool {
        lhs.normalized == rhs.normalized
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }
}
