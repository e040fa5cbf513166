public import PlanwatchCore

/// iCalendar (RFC 5545) in iTIP (RFC 5546) form for deadline mails: a `REQUEST` that puts the due
/// date in the recipient's calendar — the configured sender as `ORGANIZER`, the recipient as
/// `ATTENDEE` (`RSVP=FALSE`) — and, once the occurrence is done, a `CANCEL` of the same `UID`. The
/// `UID` names the obligation, not its date, so a moved due date updates the entry (with a higher
/// `SEQUENCE`) instead of leaving the old one standing. One object per event: iTIP allows one UID
/// per REQUEST object, so a digest carries one calendar part per row.
public enum ICalendar {
    /// What a calendar part asks of the recipient's calendar.
    public enum Method: String, Sendable {
        /// Put (or update) the entry.
        case request = "REQUEST"
        /// Remove the entry.
        case cancel = "CANCEL"
    }

    /// One all-day event.
    public struct Event: Sendable {
        public var uid: String
        /// Grows with every mail about the obligation, so a calendar takes the newest one.
        public var sequence: Int
        public var date: LocalDate
        public var summary: String
        public var description: String
        /// The sender (`ORGANIZER`) and the recipient (`ATTENDEE`).
        public var organizer: Mailbox
        public var attendee: Mailbox
        /// When the alarm rings, in days before the event (0: on the day).
        public var alarmDaysBefore: Int

        public init(uid: String, sequence: Int, date: LocalDate, summary: String, description: String, organizer: Mailbox,
                    attendee: Mailbox, alarmDaysBefore: Int = 1) {
            self.uid = uid
            self.sequence = sequence
            self.date = date
            self.summary = summary
            self.description = description
            self.organizer = organizer
            self.attendee = attendee
            self.alarmDaysBefore = alarmDaysBefore
        }
    }

    /// A `VCALENDAR` with one event, CRLF line ends, lines folded at 75 octets.
    public static func calendar(_ event: Event, method: Method, stamp: Instant) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//planwatch//planwatch 0.2//EN", "CALSCALE:GREGORIAN",
                     "METHOD:\(method.rawValue)"]
        lines += [
            "BEGIN:VEVENT",
            "UID:\(escape(event.uid))",
            "DTSTAMP:\(utcStamp(stamp))",
            "SEQUENCE:\(event.sequence)",
            "ORGANIZER" + commonName(event.organizer) + ":mailto:\(event.organizer.address)",
            "ATTENDEE" + commonName(event.attendee) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:\(event.attendee.address)",
            "DTSTART;VALUE=DATE:\(compact(event.date))",
            "DTEND;VALUE=DATE:\(compact(event.date.adding(days: 1)))",
            "SUMMARY:\(escape(event.summary))",
            "DESCRIPTION:\(escape(event.description))",
            "STATUS:\(method == .cancel ? "CANCELLED" : "CONFIRMED")",
            "TRANSP:TRANSPARENT",
        ]
        if method == .request {
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:\(escape(event.summary))",
                "TRIGGER:" + (event.alarmDaysBefore > 0 ? "-P\(event.alarmDaysBefore)D" : "PT9H"),
                "END:VALARM",
            ]
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `;CN="Name"` for a mailbox with a name (quotes and controls left out of the name).
    static func commonName(_ mailbox: Mailbox) -> String {
        guard let name = mailbox.name else { return "" }
        let clean = String(name.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.isEmpty ? "" : ";CN=\"\(clean)\""
    }

    /// The SEQUENCE of a mail composed at `instant`: minutes since 2020, so every later mail about an
    /// obligation carries a higher one (it fits RFC 5545's 32-bit integer for four thousand years).
    public static func sequence(at instant: Instant) -> Int {
        max(0, Int((instant.seconds - 1_577_836_800) / 60))
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
