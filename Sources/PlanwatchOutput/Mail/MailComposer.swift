public import PlanwatchCore
import Foundation

/// A composed message, ready for the spool.
public struct ComposedMail: Sendable {
    /// The spool file name (from the notification key, or the digest's identity).
    public var name: String
    /// `<…@domain>`.
    public var messageID: String
    /// Envelope recipients.
    public var recipients: [String]
    /// The message: RFC 5322 with CRLF line ends.
    public var data: [UInt8]
    /// The keys of the notifications the mail carries.
    public var keys: [NotificationKey]
}

/// Composes RFC 5322 / MIME mails from planned notifications: UTF-8, RFC 2047 headers, folded
/// lines, quoted-printable text, a deterministic `Message-ID`, `Auto-Submitted: auto-generated`,
/// `X-Planwatch-*` headers, and an iCalendar part for deadlines. Nothing from plan data can add or
/// break a header.
public struct MailComposer: Sendable {
    /// `From:` as configured (`Planwatch <planwatch@example.se>`).
    public var from: Mailbox
    /// The zone of the `Date:` header and of dates in the text.
    public var zone: Zone

    public init(from: Mailbox, zone: Zone) {
        self.from = from
        self.zone = zone
    }

    /// The right-hand side of Message-IDs and calendar UIDs: the sender's domain.
    public var domain: String { from.domain }

    /// The mail for one batch, dated `date`.
    public func compose(_ batch: MailBatch, date: Instant) throws(MailError) -> ComposedMail {
        guard let first = batch.notifications.first else { throw MailError("an empty mail") }
        let person = batch.recipient
        let texts = MailTexts(language: person.language)
        let name = batch.name
        let messageID = "<\(name)@\(domain)>"
        let boundary = "planwatch-\(name)"

        let subject: String
        var body: [String] = [texts.greeting(HeaderEncoding.sanitize(person.name)), ""]
        if batch.isDigest {
            subject = texts.digestSubject(count: batch.notifications.count, date: zone.date(at: batch.slot))
            body += [texts.digestIntro, ""]
            body += table(batch.notifications, texts)
            body += ["", texts.details + ":", ""]
            for (index, notification) in batch.notifications.enumerated() {
                body += details(notification, texts, number: index + 1) + [""]
            }
        } else {
            subject = title(first, texts)
            body += details(first, texts, number: nil) + [""]
        }
        body += [texts.signature, ""]

        var headers: [String] = []
        headers.append("Date: " + rfc5322Date(date))
        headers.append(HeaderEncoding.headerLine("From", words: try HeaderEncoding.mailbox(name: from.name, email: from.address)))
        headers.append(HeaderEncoding.headerLine("To", words: try HeaderEncoding.mailbox(name: person.name, email: person.email)))
        headers.append(HeaderEncoding.unstructured("Subject", subject))
        headers.append("Message-ID: \(messageID)")
        headers.append("MIME-Version: 1.0")
        headers.append("Auto-Submitted: auto-generated")
        headers.append("X-Auto-Response-Suppress: All")
        if !batch.isDigest {
            headers.append(HeaderEncoding.unstructured("X-Planwatch-Rule", first.key.rule))
            headers.append(HeaderEncoding.unstructured("X-Planwatch-Subject", first.key.subject))
            headers.append(HeaderEncoding.unstructured("X-Planwatch-Stage", first.key.stage.description))
        }
        for notification in batch.notifications {
            headers.append("X-Planwatch-Key: " + HeaderEncoding.encodedKey(notification.key.description))
        }
        headers.append("X-Planwatch-Rcpt: <\(person.email)>")

        let events = batch.notifications.compactMap { event($0, texts) }
        var message = headers.joined(separator: "\r\n") + "\r\n"
        let text = QuotedPrintable.encode(body.joined(separator: "\n"))
        if events.isEmpty {
            message += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + text + "\r\n"
        } else {
            let calendar = Data(ICalendar.calendar(events, stamp: date).utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            message += "Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"\r\n\r\n"
            message += "This is a MIME message.\r\n\r\n"
            message += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            message += text + "\r\n"
            message += "--\(boundary)\r\nContent-Type: text/calendar; charset=utf-8; method=PUBLISH;\r\n name=\"planwatch.ics\"\r\n"
            message += "Content-Disposition: attachment; filename=\"planwatch.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            message += calendar + "\r\n--\(boundary)--\r\n"
        }
        return ComposedMail(name: name, messageID: messageID, recipients: [person.email], data: Array(message.utf8),
                            keys: batch.notifications.map(\.key))
    }

    private func title(_ notification: PlannedNotification, _ texts: MailTexts) -> String {
        notification.finding.title(in: texts.language) ?? notification.finding.rule
    }

    private func details(_ notification: PlannedNotification, _ texts: MailTexts, number: Int?) -> [String] {
        let finding = notification.finding
        var lines: [String] = []
        let heading = title(notification, texts)
        lines.append(number.map { "\($0). \(heading)" } ?? heading)
        lines.append("")
        if let text = finding.text(in: texts.language) { lines.append(text) }
        lines.append("")
        lines.append("\(texts.subjectLabel): \(finding.subjectTitle) (\(finding.subject))")
        if let due = finding.due {
            lines.append("\(texts.dueLabel): \(due)")
        } else {
            lines.append("\(texts.periodLabel): \(finding.occurrence)")
        }
        if let value = finding.value { lines.append("\(texts.valueLabel): \(formatNumber(value))" + (finding.threshold.map { " (\($0))" } ?? "")) }
        lines.append("\(texts.stageLabel): \(texts.stage(finding.stage))")
        lines.append("\(texts.ruleLabel): \(finding.rule)")
        lines.append("")
        lines.append(texts.advice(finding))
        return lines.map { HeaderEncoding.sanitizeBodyLine($0) }
    }

    private func table(_ notifications: [PlannedNotification], _ texts: MailTexts) -> [String] {
        let rows = [texts.headers] + notifications.map { notification in
            [notification.finding.due?.description ?? notification.finding.occurrence.description, texts.stage(notification.finding.stage),
             HeaderEncoding.sanitize(title(notification, texts))]
        }
        var widths = [0, 0]
        for row in rows { for column in 0..<2 { widths[column] = max(widths[column], row[column].count) } }
        return rows.map { row in
            row[0] + String(repeating: " ", count: widths[0] - row[0].count + 2)
                + row[1] + String(repeating: " ", count: widths[1] - row[1].count + 2) + row[2]
        }
    }

    private func event(_ notification: PlannedNotification, _ texts: MailTexts) -> ICalendar.Event? {
        let finding = notification.finding
        guard finding.kind == .deadline, let due = finding.due else { return nil }
        let uid = String(SHA256.hex("\(finding.rule)/\(finding.subject)/\(finding.occurrence)").prefix(32)) + "@\(domain)"
        return ICalendar.Event(uid: uid, sequence: finding.since.dayNumber - due.dayNumber + 1000, date: due,
                               summary: HeaderEncoding.sanitize(title(notification, texts)),
                               description: finding.text(in: texts.language) ?? "", alarmDaysBefore: 1)
    }

    /// `Mon, 04 Jan 2027 08:00:00 +0100` in the configured zone.
    func rfc5322Date(_ instant: Instant) -> String {
        let local = zone.localDateTime(at: instant)
        let offset = zone.offset(at: instant)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (y, m, d) = local.date.parts
        let sign = offset < 0 ? "-" : "+"
        return "\(local.date.weekday.abbreviation), \(LocalDate.pad(d, 2)) \(months[m - 1]) \(y) "
            + "\(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)):\(LocalDate.pad(local.second, 2)) "
            + sign + LocalDate.pad(abs(offset) / 3600, 2) + LocalDate.pad(abs(offset) % 3600 / 60, 2)
    }
}

extension HeaderEncoding {
    /// A body line with control characters (other than tab) removed; body text is quoted-printable,
    /// so it cannot reach the headers, but stray controls have no place in a mail either.
    static func sanitizeBodyLine(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F ? " " : scalar
        }))
    }
}
