/// The identity of one notification: rule, subject, occurrence, stage and recipient. A key is
/// sent at most once, ever; it decides the spool file name and the `Message-ID`.
public struct NotificationKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rule: String
    public var subject: String
    public var occurrence: String
    public var stage: String
    /// The recipient's person id.
    public var recipient: String

    public init(rule: String, subject: String, occurrence: String, stage: String, recipient: String) {
        self.rule = rule
        self.subject = subject
        self.occurrence = occurrence
        self.stage = stage
        self.recipient = recipient
    }

    /// The key of a finding for one recipient.
    public init(_ finding: Finding, recipient: String) {
        self.init(rule: finding.rule, subject: finding.subject, occurrence: finding.occurrence, stage: finding.stage,
                  recipient: recipient)
    }

    /// `rule/subject/occurrence/stage/recipient`: the form in the ledger, the journal and mail headers.
    public var description: String { "\(rule)/\(subject)/\(occurrence)/\(stage)/\(recipient)" }

    /// Parses the `description` form back.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/" as Character, omittingEmptySubsequences: false).map { String($0) }
        guard parts.count == 5, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(rule: parts[0], subject: parts[1], occurrence: parts[2], stage: parts[3], recipient: parts[4])
    }

    /// A short stable hash (32 hex digits) of the key.
    public var hash: String { String(SHA256.hex(description).prefix(32)) }

    public static func < (lhs: NotificationKey, rhs: NotificationKey) -> Bool { lhs.description < rhs.description }
}
