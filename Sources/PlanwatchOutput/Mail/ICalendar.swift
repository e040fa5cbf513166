public import PlanwatchCore

/// iCalendar (RFC 5545) for deadline mails: an all-day event on the due date with a stable `UID`
/// per occurrence (a calendar updates the event instead of adding another) and an alarm.
public enum ICalendar {
    /// One all-day event.
    public struct Event: Sendable {
        public var uid: String
        /// Grows with each later stage, so a calendar takes the newest mail's version.
        public var sequence: Int
        public var date: LocalDate
        public var summary: String
        public var description: String
        /// When the alarm rings, in days before the event (0: on the day).
        public var alarmDaysBefore: Int

        public init(uid: String, sequence: Int, date: LocalDate, summary: String, description: String, alarmDaysBefore: Int = 1) {
            self.uid = uid
            self.sequence = sequence
            self.date = date
            self.summary = summary
            self.description = description
            self.alarmDaysBefore = alarmDaysBefore
        }
    }

    /// A `VCALENDAR` with the events, CRLF line ends, lines folded at 75 octets.
    public static func calendar(_ events: [Event], stamp: Instant) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//planwatch//planwatch 0.1//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stampText = utcStamp(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escape(event.uid))",
                "DTSTAMP:\(stampText)",
                "SEQUENCE:\(event.sequence)",
                "DTSTART;VALUE=DATE:\(compact(event.date))",
                "DTEND;VALUE=DATE:\(compact(event.date.adding(days: 1)))",
                "SUMMARY:\(escape(event.summary))",
                "DESCRIPTION:\(escape(event.description))",
                "STATUS:CONFIRMED",
                "TRANSP:TRANSPARENT",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:\(escape(event.summary))",
                "TRIGGER:" + (event.alarmDaysBefore > 0 ? "-P\(event.alarmDaysBefore)D" : "PT9H"),
                "END:VALARM",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping: backslash, semicolon, comma and newlines; other control characters dropped.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (parts.isEmpty ? 75 : 74) {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    static func compact(_ date: LocalDate) -> String {
        let (y, m, d) = date.parts
        return LocalDate.pad(y, 4) + LocalDate.pad(m, 2) + LocalDate.pad(d, 2)
    }

    static func utcStamp(_ instant: Instant) -> String {
        let local = Zone.utc.localDateTime(at: instant)
        return compact(local.date) + "T" + LocalDate.pad(local.hour, 2) + LocalDate.pad(local.minute, 2) + LocalDate.pad(local.second, 2) + "Z"
    }
}
