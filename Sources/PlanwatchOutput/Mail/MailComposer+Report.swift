public import PlanwatchCore

extension MailComposer {
    /// The mail of a scheduled report to one person: a greeting, `text` (what the report covers,
    /// its summary), the signature, and the attachments. The headers are those of every
    /// notification mail — a deterministic `Message-ID` and spool name from the key,
    /// `Auto-Submitted`, `X-Planwatch-Key` — so the ledger, the spool and recovery treat it alike.
    ///
    /// - Parameters:
    ///   - key: the notification (rule, period, due day, stage `report`, recipient).
    ///   - person: the recipient.
    ///   - subject: the subject, cut at ``maximumSubjectCharacters``.
    ///   - text: the body between greeting and signature.
    ///   - attachments: the files (already within the rule's cap: the caller decides what fits).
    ///   - date: the `Date:` header.
    /// - Throws: ``MailError`` for an address that is not one, a text above ``maximumTextBytes``, or
    ///   an attachment name that is not plain ASCII.
    public func composeReport(key: NotificationKey, to person: NotifiedPerson, subject: String, text: String,
                              attachments: [MailAttachment], date: Instant) throws(MailError) -> ComposedMail {
        let wording = MailWording(code: person.language)
        let name = key.hash
        let messageID = "<\(name)@\(domain)>"
        let body = [wording.greeting(HeaderEncoding.sanitize(person.name)), "", text, "", wording.signature(replies: false), ""]
            .joined(separator: "\n")
        guard body.utf8.count <= Self.maximumTextBytes else {
            throw MailError("the report mail to \(person.id) would have \(body.utf8.count >> 10) KiB of text; "
                + "a mail may have at most \(Self.maximumTextBytes >> 10) KiB")
        }
        for attachment in attachments where attachment.name.isEmpty || !attachment.name.utf8.allSatisfy(Self.isFileNameByte) {
            throw MailError("an attachment name must be ASCII letters, digits, '.', '-' or '_': '\(attachment.name)'")
        }
        var headers: [String] = []
        headers.append("Date: " + rfc5322Date(date))
        headers.append(HeaderEncoding.headerLine("From", words: try HeaderEncoding.mailbox(name: from.name, email: from.address)))
        headers.append(HeaderEncoding.headerLine("To", words: try HeaderEncoding.mailbox(name: person.name, email: person.email)))
        headers.append(HeaderEncoding.unstructured("Subject", Self.cut(subject)))
        headers.append("Message-ID: \(messageID)")
        headers.append("MIME-Version: 1.0")
        headers.append("Auto-Submitted: auto-generated")
        headers.append("X-Auto-Response-Suppress: All")
        headers.append(HeaderEncoding.unstructured("X-Planwatch-Rule", key.rule))
        headers.append(HeaderEncoding.unstructured("X-Planwatch-Subject", key.subject))
        headers.append(HeaderEncoding.unstructured("X-Planwatch-Stage", key.stage.description))
        headers.append("X-Planwatch-Key: " + HeaderEncoding.encodedKey(key.description))
        headers.append("X-Planwatch-Rcpt: <\(person.email)>")
        let parts = attachments.map { MIMEMessage.Attachment(name: $0.name, contentType: $0.contentType, data: $0.data) }
        let message = MIMEMessage(headers: headers, text: body, attachments: parts, boundary: "planwatch-\(name)").bytes
        return ComposedMail(name: name, messageID: messageID, recipients: [person.email], data: message, keys: [key])
    }

    private static func isFileNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
