import Foundation

/// A message's MIME structure, written out: a text part alone; with one calendar part, text and
/// calendar as `multipart/alternative` (the form mail programs show as an invitation); with
/// several, a `multipart/mixed` of the text and one calendar attachment each.
struct MIMEMessage {
    /// A calendar part: its iTIP method (named in its `Content-Type`) and its text.
    struct Calendar {
        let method: ICalendar.Method
        let text: String
    }

    let headers: [String]
    let text: String
    var calendars: [Calendar] = []
    var attachments: [Attachment] = []
    let boundary: String

    /// A file carried by the mail (a report's HTML or CSV).
    struct Attachment {
        let name: String
        let contentType: String
        let data: [UInt8]
    }

    var bytes: [UInt8] {
        var message = headers.joined(separator: "\r\n") + "\r\n"
        let textPart = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + QuotedPrintable.encode(text) + "\r\n"
        if calendars.isEmpty && attachments.isEmpty {
            message += textPart
            return Array(message.utf8)
        }
        func calendarPart(_ calendar: Calendar, index: Int, attached: Bool) -> String {
            let file = index == 0 ? "planwatch.ics" : "planwatch-\(index + 1).ics"
            return "Content-Type: text/calendar; charset=utf-8; method=\(calendar.method.rawValue);\r\n name=\"\(file)\"\r\n"
                + (attached ? "Content-Disposition: attachment; filename=\"\(file)\"\r\n" : "")
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Self.base64(Array(calendar.text.utf8)) + "\r\n"
        }
        if calendars.count == 1 && attachments.isEmpty {
            message += "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\nThis is a MIME message.\r\n\r\n"
            message += "--\(boundary)\r\n" + textPart
            message += "--\(boundary)\r\n" + calendarPart(calendars[0], index: 0, attached: false)
            message += "--\(boundary)--\r\n"
            return Array(message.utf8)
        }
        message += "Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"\r\n\r\nThis is a MIME message.\r\n\r\n"
        message += "--\(boundary)\r\n" + textPart
        for (index, calendar) in calendars.enumerated() {
            message += "--\(boundary)\r\n" + calendarPart(calendar, index: index, attached: true)
        }
        for attachment in attachments {
            message += "--\(boundary)\r\nContent-Type: \(attachment.contentType);\r\n name=\"\(attachment.name)\"\r\n"
                + "Content-Disposition: attachment; filename=\"\(attachment.name)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Self.base64(attachment.data) + "\r\n"
        }
        message += "--\(boundary)--\r\n"
        return Array(message.utf8)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }
}
