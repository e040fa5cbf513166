/// A file a mail carries (a report's HTML or CSV), base64-encoded in its own MIME part.
public struct MailAttachment: Sendable {
    /// The file name the recipient sees (`uppfoljning-2026.html`): ASCII letters, digits, `.`, `-`, `_`.
    public var name: String
    /// The MIME type with its parameters (`text/html; charset=utf-8`).
    public var contentType: String
    public var data: [UInt8]

    public init(name: String, contentType: String, data: [UInt8]) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }

    /// The bytes the attachment takes in the mail: base64 in lines of 76 characters with CRLF.
    public var encodedSize: Int {
        let characters = (data.count + 2) / 3 * 4
        return characters + (characters + 75) / 76 * 2
    }
}
