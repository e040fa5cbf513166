/// A `multipart/report` (RFC 6522): a delivery status notification, a read receipt, …
public struct MailReport: Sendable {
    /// The `report-type` parameter, lowercased (`delivery-status`, `disposition-notification`); empty when missing.
    public var reportType: String
    /// The report's parts: usually the human-readable text, the machine-readable report, and the
    /// original message (`message/rfc822`) or its headers (`text/rfc822-headers`).
    public var parts: [MIMEPart]
}
