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
/// `X-Planwatch-*` headers, a `Reply-To` with the occurrence's reply token when replies are set
/// up, and an iTIP calendar part per deadline (`REQUEST`, or `CANCEL` once done). Nothing from plan
/// data can add or break a header, and no template can make a mail larger than the limits.
public struct MailComposer: Sendable {
    /// `From:` as configured (`Planwatch <planwatch@example.se>`).
    public var from: Mailbox
    /// The zone of the `Date:` header and of dates in the text.
    public var zone: Zone
    /// Where replies go, when they are set up (`planwatch+{token}@example.se`).
    public var replies: ReplyAddressPattern?

    /// The largest text part of a mail, in bytes.
    public static let maximumTextBytes = 1 << 20
    /// The longest subject, in characters (longer titles are cut with `…`).
    public static let maximumSubjectCharacters = 200

    public init(from: Mailbox, zone: Zone, replies: ReplyAddressPattern? = nil) {
        self.from = from
        self.zone = zone
        self.replies = replies
    }

    /// The right-hand side of Message-IDs and calendar UIDs: the sender's domain.
    public var domain: String { from.domain }

    /// The envelope sender, where bounces go: the reply address for bounces when replies are set up
    /// (so they land in the inbox), else the sender.
    public var envelopeSender: String { replies?.address(token: "bounce") ?? from.address }

    /// The mail for one batch, dated `date`; `tokens` are the reply tokens of the batch's
    /// occurrences (for its recipient).
    /// - Throws: ``MailError`` for an address that is not one, or a text above the limits.
    public func compose(_ batch: MailBatch, date: Instant, tokens: [OccurrenceKey: String] = [:]) throws(MailError) -> ComposedMail {
        guard let first = batch.notifications.first else { throw MailError("an empty mail") }
        let person = batch.recipient
        let wording = MailWording(code: person.language)
        let name = batch.name
        let messageID = "<\(name)@\(domain)>"
        let replying = replies != nil
        func replyAddress(_ notification: PlannedNotification) -> String? {
            guard let replies, notification.finding.kind == .deadline, notification.key.stage != .completed,
                  let token = tokens[notification.key.occurrence] else { return nil }
            return replies.address(token: token)
        }

        let subject: String
        var body: [String] = [wording.greeting(HeaderEncoding.sanitize(person.name)), ""]
        if batch.isDigest {
            subject = wording.digestSubject(batch.notifications.map(\.key.stage), date: zone.date(at: batch.slot))
            body += [wording.digestIntro, ""]
            body += table(batch.notifications, wording)
            body += ["", wording.details + ":", ""]
            for (index, notification) in batch.notifications.enumerated() {
                body += try details(notification, wording, number: index + 1, replyLink: replyAddress(notification)) + [""]
            }
        } else {
            subject = wording.subjectPrefix(first.key.stage) + " " + title(first, wording)
            body += try details(first, wording, number: nil, replyLink: nil) + [""]
        }
        body += [wording.signature(replies: replying), ""]
        let text = body.joined(separator: "\n")
        guard text.utf8.count <= Self.maximumTextBytes else {
            throw MailError("the mail to \(person.id) about \(first.key.occurrence) would have \(text.utf8.count >> 10) KiB of text; "
                + "a mail may have at most \(Self.maximumTextBytes >> 10) KiB (rule '\(first.key.rule)': its title or text makes too much)")
        }
        // Reply-To: for one deadline notification, or a digest with exactly one deadline row.
        let deadlineRows = batch.notifications.filter { replyAddress($0) != nil }
        let replyTo = deadlineRows.count == 1 ? replyAddress(deadlineRows[0]) : nil

        var headers: [String] = []
        headers.append("Date: " + rfc5322Date(date))
        headers.append(HeaderEncoding.headerLine("From", words: try HeaderEncoding.mailbox(name: from.name, email: from.address)))
        headers.append(HeaderEncoding.headerLine("To", words: try HeaderEncoding.mailbox(name: person.name, email: person.email)))
        if let replyTo { headers.append(HeaderEncoding.headerLine("Reply-To", words: try HeaderEncoding.mailbox(name: from.name, email: replyTo))) }
        headers.append(HeaderEncoding.unstructured("Subject", Self.cut(subject)))
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

        let calendars = batch.notifications.compactMap { calendar($0, wording, person: person, date: date) }
        let message = MIMEMessage(headers: headers, text: text, calendars: calendars, boundary: "planwatch-\(name)").bytes
        return ComposedMail(name: name, messageID: messageID, recipients: [person.email], data: message,
                            keys: batch.notifications.map(\.key))
    }

    /// A subject cut to ``maximumSubjectCharacters``.
    static func cut(_ subject: String) -> String {
        subject.count <= maximumSubjectCharacters ? subject : String(subject.prefix(maximumSubjectCharacters - 1)) + "…"
    }

    func title(_ notification: PlannedNotification, _ wording: MailWording) -> String {
        notification.finding.title(in: wording.language.code) ?? notification.finding.rule
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
