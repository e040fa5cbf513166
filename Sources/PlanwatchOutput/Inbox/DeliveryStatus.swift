/// What a bounce says: who could not be reached, why, and which planwatch mail it returns.
public struct DeliveryStatus: Sendable, Hashable {
    /// One recipient of a delivery status notification (RFC 3464 per-recipient fields).
    public struct Recipient: Sendable, Hashable {
        /// `Final-Recipient`, without the address type (`rfc822;`).
        public var finalRecipient: String
        /// `Original-Recipient`, without the address type, or `nil`.
        public var originalRecipient: String?
        /// `Action`, lowercased: `failed`, `delayed`, `delivered`, `relayed`, `expanded`; `nil` when missing.
        public var action: String?
        /// `Status` (`5.1.1`), or `nil`.
        public var status: String?
        /// `Diagnostic-Code` without its type (`smtp;`): the remote server's words, or `nil`.
        public var diagnosticCode: String?

        /// A recipient from its fields.
        public init(finalRecipient: String, originalRecipient: String? = nil, action: String? = nil, status: String? = nil,
                    diagnosticCode: String? = nil) {
            self.finalRecipient = finalRecipient
            self.originalRecipient = originalRecipient
            self.action = action
            self.status = status
            self.diagnosticCode = diagnosticCode
        }

        /// Whether delivery to this recipient failed for good: `Action: failed`, or no action and a
        /// `5.x.x` status. A `delayed` notice is not a failure (the MTA is still trying).
        public var hasFailed: Bool {
            if let action { return action == "failed" }
            return status?.hasPrefix("5") ?? false
        }
    }

    /// Whether the bounce is a standard `multipart/report; report-type=delivery-status` (else it was
    /// recognised by its sender or subject, and ``recipients`` come from `X-Failed-Recipients` at best).
    public var isStandard: Bool
    /// `Reporting-MTA` without its type (`dns;`), or `nil`.
    public var reportingMTA: String?
    /// The recipients the report is about (in a standard report, every per-recipient block; may
    /// include `delayed` or `delivered` ones). May be empty for non-standard bounces.
    public var recipients: [Recipient]
    /// The `X-Planwatch-Key` values of the returned message, in order (a digest has several);
    /// empty when the bounce returned nothing of the original.
    public var planwatchKeys: [String]
    /// The returned message's `Message-ID` (`<…>`), or `nil`.
    public var originalMessageID: String?
    /// The returned message's `X-Planwatch-Rcpt` addresses (whom planwatch sent it to).
    public var originalRecipients: [String]

    /// A status from its parts.
    public init(isStandard: Bool, reportingMTA: String? = nil, recipients: [Recipient] = [], planwatchKeys: [String] = [],
                originalMessageID: String? = nil, originalRecipients: [String] = []) {
        self.isStandard = isStandard
        self.reportingMTA = reportingMTA
        self.recipients = recipients
        self.planwatchKeys = planwatchKeys
        self.originalMessageID = originalMessageID
        self.originalRecipients = originalRecipients
    }

    /// The recipients for whom delivery failed for good.
    public var failedRecipients: [Recipient] { recipients.filter(\.hasFailed) }
}
