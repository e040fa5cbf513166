/// C's `struct tm` for the calendar search: fields may run out of range until normalised.
struct BrokenDownTime: Equatable {
    var year: Int
    var month: Int  // 1-based, unlike tm_mon
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    enum Field { case day, hour, minute, second }

    init(_ local: LocalDateTime) {
        (year, month, day) = local.date.parts
        hour = local.hour
        minute = local.minute
        second = local.second
    }

    /// Resets the given field and all smaller ones to their first value.
    mutating func reset(from field: Field) {
        switch field {
        case .day: day = 1; hour = 0; minute = 0; second = 0
        case .hour: hour = 0; minute = 0; second = 0
        case .minute: minute = 0; second = 0
        case .second: second = 0
        }
    }

    /// Seconds since 1970 as if the fields were UTC, with every overflow carried.
    var naiveSeconds: Int64 {
        Int64(LocalDate.daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    }
}

/// An emulation of glibc's `mktime` with `tm_isdst = -1` for one zone: it normalises fields
/// through the zone's rules and, like glibc, remembers the offset of its last call as its guess
/// for the next — which decides how a repeated (fall-back) wall-clock time is read.
struct WallClock {
    let zone: Zone
    var lastOffset: Int
    /// The result of the last `withinBounds` call.
    private(set) var lastBounds = 1

    init(zone: Zone, lastOffset: Int) {
        self.zone = zone
        self.lastOffset = lastOffset
    }

    /// Normalises `tm` in place and returns its instant in whole seconds.
    mutating func normalize(_ tm: inout BrokenDownTime) -> Int64 {
        let local = LocalDateTime(naiveSeconds: tm.naiveSeconds)
        let (instant, offset) = zone.instant(for: local, preferring: lastOffset)
        lastOffset = offset
        tm = BrokenDownTime(LocalDateTime(naiveSeconds: instant.seconds + Int64(offset)))
        return instant.seconds
    }

    /// systemd's `tm_within_bounds`: -1 past the year 2199, or when normalising would move the
    /// time backwards; 0 when normalising moved it forwards — `tm` then holds the normalised time
    /// with the field below the first changed one reset (normalising 3-33 gives 4-02, which must
    /// not skip 4-01); 1 when the fields already were a real time.
    mutating func withinBounds(_ tm: inout BrokenDownTime) -> Int {
        lastBounds = computeWithinBounds(&tm)
        return lastBounds
    }

    private mutating func computeWithinBounds(_ tm: inout BrokenDownTime) -> Int {
        if tm.year > 2199 { return -1 }
        var t = tm
        _ = normalize(&t)
        let order: Int
        func compare(_ a: Int, _ b: Int) -> Int { a < b ? -1 : (a > b ? 1 : 0) }
        if compare(t.year, tm.year) != 0 {
            order = compare(t.year, tm.year); t.month = 1
        } else if compare(t.month, tm.month) != 0 {
            order = compare(t.month, tm.month); t.day = 1
        } else if compare(t.day, tm.day) != 0 {
            order = compare(t.day, tm.day); t.hour = 0
        } else if compare(t.hour, tm.hour) != 0 {
            order = compare(t.hour, tm.hour); t.minute = 0
        } else if compare(t.minute, tm.minute) != 0 {
            order = compare(t.minute, tm.minute); t.second = 0
        } else {
            order = compare(t.second, tm.second)
        }
        if order < 0 { return -1 }
        if order > 0 { tm = t }
        return order == 0 ? 1 : 0
    }

    /// The day of the month that is the `day`-th last of `tm`'s month, or -1 when there is none.
    mutating func endOfMonth(_ tm: BrokenDownTime, day: Int) -> Int {
        var t = tm
        t.month += 1
        t.day = 1 - day
        _ = normalize(&t)
        return t.month == tm.month ? t.day : -1
    }
}
