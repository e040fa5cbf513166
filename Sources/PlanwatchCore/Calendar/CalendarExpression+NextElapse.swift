extension CalendarExpression {
    /// The first moment strictly after `instant` at which the event occurs, or `nil` when it never
    /// occurs again (systemd's horizon is the end of 2199).
    ///
    /// A port of systemd's `find_next`: wall-clock fields are advanced field by field and checked
    /// against the zone, so a time that a spring-forward change skips does not occur that day, and a
    /// time that a fall-back change repeats occurs once.
    /// - Parameters:
    ///   - instant: the base time; the result is later than it.
    ///   - local: the zone for expressions that name none (planwatch's configured zone).
    public func nextElapse(after instant: Instant, in local: Zone) -> Instant? {
        let zone = effectiveZone(local: local)
        let base = Instant(microseconds: instant.microseconds + 1)
        var clock = WallClock(zone: zone, lastOffset: zone.offset(at: base))
        var tm = BrokenDownTime(zone.localDateTime(at: base))
        var usec = Int(base.subsecondMicroseconds)
        guard findNext(&tm, &usec, &clock) else { return nil }
        let seconds = clock.normalize(&tm)
        return Instant(microseconds: seconds * 1_000_000 + Int64(usec))
    }

    /// The next `count` occurrences after `instant` (fewer when the event stops occurring).
    public func nextElapses(after instant: Instant, in local: Zone, count: Int) -> [Instant] {
        var result: [Instant] = []
        var cursor = instant
        while result.count < count, let next = nextElapse(after: cursor, in: local) {
            result.append(next)
            cursor = next
        }
        return result
    }

    // MARK: The search

    private func findNext(_ tm: inout BrokenDownTime, _ usec: inout Int, _ clock: inout WallClock) -> Bool {
        var c = tm
        var cusec = usec
        func resetTime(from field: BrokenDownTime.Field) {
            c.reset(from: field)
            cusec = 0
        }
        while true {
            _ = clock.normalize(&c)

            var r = match(year, &c, \.year, &clock, isDay: false)
            if r > 0 { c.month = 1; resetTime(from: .day) }
            if r < 0 { return false }
            if clock.withinBounds(&c) <= 0 { return false }

            r = match(month, &c, \.month, &clock, isDay: false)
            if r > 0 { resetTime(from: .day) }
            if r < 0 || clock.withinBounds(&c) < 0 {
                c.year += 1; c.month = 1; resetTime(from: .day)
                continue
            }
            if r >= 0, clock.lastBounds == 0 { continue }

            r = match(day, &c, \.day, &clock, isDay: true)
            if r > 0 { resetTime(from: .hour) }
            if r < 0 || clock.withinBounds(&c) < 0 {
                c.month += 1; resetTime(from: .day)
                continue
            }
            if clock.lastBounds == 0 { continue }

            if !matchesWeekday(c, &clock) {
                c.day += 1; resetTime(from: .hour)
                continue
            }

            r = match(hour, &c, \.hour, &clock, isDay: false)
            if r > 0 { resetTime(from: .minute) }
            if r < 0 || clock.withinBounds(&c) < 0 {
                c.day += 1; resetTime(from: .hour)
                continue
            }
            if clock.lastBounds == 0 { continue }

            r = match(minute, &c, \.minute, &clock, isDay: false)
            if r > 0 { resetTime(from: .second) }
            if r < 0 || clock.withinBounds(&c) < 0 {
                c.hour += 1; resetTime(from: .minute)
                continue
            }
            if clock.lastBounds == 0 { continue }

            var microseconds = c.second * 1_000_000 + cusec
            r = Self.findMatching(second, &microseconds, monthOf: nil, &clock)
            cusec = microseconds % 1_000_000
            c.second = microseconds / 1_000_000
            if r < 0 || clock.withinBounds(&c) < 0 {
                c.minute += 1; resetTime(from: .second)
                continue
            }
            if clock.lastBounds == 0 { continue }

            tm = c
            usec = cusec
            return true
        }
    }

    private func match(
        _ chain: [CalendarComponent], _ c: inout BrokenDownTime, _ field: WritableKeyPath<BrokenDownTime, Int>,
        _ clock: inout WallClock, isDay: Bool
    ) -> Int {
        var value = c[keyPath: field]
        let result = Self.findMatching(chain, &value, monthOf: isDay && endOfMonth ? c : nil, &clock)
        c[keyPath: field] = value
        return result
    }

    /// systemd's `find_matching_component`: the earliest value ≥ `value` that the chain allows.
    /// With `monthOf`, components are `~N` offsets from the end of that time's month.
    /// Returns -1 when there is no such value, 1 when `value` changed, 0 when it already matched.
    private static func findMatching(
        _ chain: [CalendarComponent], _ value: inout Int, monthOf current: BrokenDownTime?, _ clock: inout WallClock
    ) -> Int {
        if chain.isEmpty { return 0 }
        var best: Int?
        for component in chain {
            var start = component.start
            var stop = component.stop
            if let current {
                start = clock.endOfMonth(current, day: component.start)
                stop = clock.endOfMonth(current, day: component.stop)
                if stop > 0 { swap(&start, &stop) }
            }
            if start >= value {
                if best == nil || start < best! { best = start }
            } else if component.repeat > 0 {
                let k = start + component.repeat * ((value - start + component.repeat - 1) / component.repeat)
                if (best == nil || k < best!) && (stop < 0 || k <= stop) { best = k }
            }
        }
        guard let best else { return -1 }
        defer { value = best }
        return value != best ? 1 : 0
    }

    private func matchesWeekday(_ c: BrokenDownTime, _ clock: inout WallClock) -> Bool {
        if weekdays < 0 || weekdays >= 127 { return true }
        var t = c
        _ = clock.normalize(&t)
        guard let date = LocalDate(year: t.year, month: t.month, day: t.day) else { return false }
        return weekdays & (1 << (date.weekday.rawValue - 1)) != 0
    }
}
