import PlanwatchCore

#if canImport(Glibc)
import Glibc
#endif

/// Time formatting as systemd's tools print it.
enum SystemdTimeFormat {
    /// `Mon 2027-03-29 02:30:00 CEST` in `zone`.
    static func timestamp(_ instant: Instant, in zone: Zone) -> String {
        let local = zone.localDateTime(at: instant)
        return "\(local.date.weekday.abbreviation) \(local.date) \(pad(local.hour)):\(pad(local.minute)):\(pad(local.second)) "
            + abbreviation(of: zone, at: instant)
    }

    /// ISO 8601 with the zone's offset: `2027-03-31T09:00:00+02:00` (fraction only when there is one).
    static func iso8601(_ instant: Instant, in zone: Zone) -> String {
        let local = zone.localDateTime(at: instant)
        var text = "\(local.date)T\(pad(local.hour)):\(pad(local.minute)):\(pad(local.second))"
        if local.microsecond != 0 {
            var fraction = String(local.microsecond)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        let offset = zone.offset(at: instant)
        let sign = offset < 0 ? "-" : "+"
        return text + sign + pad(abs(offset) / 3600) + ":" + pad(abs(offset) % 3600 / 60)
    }

    /// The zone's abbreviation at an instant (`CEST`), read from the C library's tz database.
    /// Falls back to the numeric offset when the database has no letters for it.
    static func abbreviation(of zone: Zone, at instant: Instant) -> String {
        if zone == .utc { return "UTC" }
        let previous = getenv("TZ").map { String(cString: $0) }
        setenv("TZ", ":" + zone.identifier, 1)
        tzset()
        defer {
            if let previous { setenv("TZ", previous, 1) } else { unsetenv("TZ") }
            tzset()
        }
        var seconds = time_t(instant.seconds)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil, let name = parts.tm_zone else { return "" }
        return String(cString: name)
    }

    /// How far `instant` is from `now`, as systemd words it: `3 months 28 days left`, `5min ago`.
    static func relative(_ instant: Instant, now: Instant) -> String {
        let difference = instant.microseconds - now.microseconds
        let suffix = difference >= 0 ? "left" : "ago"
        let usec = UInt64(abs(difference))
        let second: UInt64 = 1_000_000, minute = 60 * second, hour = 60 * minute, day = 24 * hour
        let week = 7 * day, month = 2_629_800 * second, year = 31_557_600 * second
        func plural(_ n: UInt64, _ unit: String) -> String { "\(n) \(unit)\(n == 1 ? "" : "s")" }
        switch usec {
        case year...:
            return "\(plural(usec / year, "year")) \(plural(usec % year / month, "month")) \(suffix)"
        case month...:
            return "\(plural(usec / month, "month")) \(plural(usec % month / day, "day")) \(suffix)"
        case week...:
            return "\(plural(usec / week, "week")) \(plural(usec % week / day, "day")) \(suffix)"
        case (2 * day)...: return "\(usec / day) days \(suffix)"
        case (25 * hour)...: return "1 day \((usec - day) / hour)h \(suffix)"
        case (6 * hour)...: return "\(usec / hour)h \(suffix)"
        case hour...: return "\(usec / hour)h \(usec % hour / minute)min \(suffix)"
        case (5 * minute)...: return "\(usec / minute)min \(suffix)"
        case minute...: return "\(usec / minute)min \(usec % minute / second)s \(suffix)"
        case second...: return "\(usec / second)s \(suffix)"
        case 1000...: return "\(usec / 1000)ms \(suffix)"
        case 1...: return "\(usec)us \(suffix)"
        default: return "now"
        }
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
