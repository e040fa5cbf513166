extension CalendarExpression {
    /// The normalised form, exactly as `systemd-analyze calendar` prints it
    /// (`*-01,04,07,10-01 00:00:00` for `quarterly`).
    public var normalized: String {
        var text = ""
        if weekdays > 0 && weekdays < 127 {
            text += Self.formatWeekdays(weekdays) + " "
        }
        text += Self.format(year, width: 4) + "-" + Self.format(month, width: 2)
        text += (endOfMonth ? "~" : "-") + Self.format(day, width: 2)
        text += " " + Self.format(hour, width: 2) + ":" + Self.format(minute, width: 2)
        text += ":" + Self.format(second, width: 2, microseconds: true)
        switch zone {
        case .local: break
        case .utc: text += " UTC"
        case .named(let zone): text += " " + zone.identifier
        }
        return text
    }

    private static func formatWeekdays(_ bits: Int) -> String {
        let names = Weekday.allCases.map(\.abbreviation)
        var text = ""
        var rangeStart = -1
        func close(at x: Int) {
            if x > rangeStart + 1 {
                text += (x > rangeStart + 2 ? ".." : ",") + names[x - 1]
            }
        }
        for x in 0..<7 {
            if bits & (1 << x) != 0 {
                if rangeStart < 0 {
                    if !text.isEmpty { text += "," }
                    text += names[x]
                    rangeStart = x
                }
            } else if rangeStart >= 0 {
                close(at: x)
                rangeStart = -1
            }
        }
        if rangeStart >= 0 { close(at: 7) }
        return text
    }

    private static func format(_ chain: [CalendarComponent], width: Int, microseconds: Bool = false) -> String {
        let unit = microseconds ? 1_000_000 : 1
        if chain.isEmpty { return "*" }
        // systemd (252 and later) writes `*` for seconds as soon as one element is `0/1`, every whole
        // second: `0/1,3,5` is `*`. Only the form is shortened: the search still sees every element
        // (`0/1,0.5` also occurs at half past), as systemd's does.
        if microseconds, chain.contains(where: { $0.start == 0 && $0.stop < 0 && $0.repeat == unit }) { return "*" }
        return chain.map { component in
            var text = LocalDate.pad(component.start / unit, width)
            if component.start % unit > 0 { text += "." + LocalDate.pad(component.start % unit, 6) }
            if component.stop > 0 { text += ".." + LocalDate.pad(component.stop / unit, width) }
            if component.stop > 0 && component.stop % unit > 0 { text += "." + LocalDate.pad(component.stop % unit, 6) }
            if component.repeat > 0 && !(component.stop > 0 && component.repeat == unit) {
                text += "/\(component.repeat / unit)"
            }
            if component.repeat % unit > 0 { text += "." + LocalDate.pad(component.repeat % unit, 6) }
            return text
        }.joined(separator: ",")
    }
}
