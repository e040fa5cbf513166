/// The identity of one notification: an occurrence, a stage and a recipient. A key is sent at most
/// once, ever; it decides the spool file name and the `Message-ID`.
public struct NotificationKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var occurrence: OccurrenceKey
    public var stage: Stage
    /// The recipient's person id.
    public var recipient: String

    public init(_ occurrence: OccurrenceKey, stage: Stage, recipient: String) {
        self.occurrence = occurrence
        self.stage = stage
        self.recipient = recipient
    }

    /// The key of a finding for one recipient.
    public init(_ finding: Finding, recipient: String) {
        self.init(finding.key, stage: finding.stage, recipient: recipient)
    }

    public var rule: String { occurrence.rule }
    public var subject: String { occurrence.subject }

    /// `rule/subject/occurrence/stage/recipient`: the form in the ledger, the journal and mail headers.
    public var description: String { "\(occurrence)/\(stage)/\(recipient)" }

    /// Parses the `description` form back.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/" as Character, omittingEmptySubsequences: false)
        guard parts.count == 5, parts.allSatisfy({ !$0.isEmpty }), let occurrence = Occurrence(parts[2]),
              let stage = Stage(parts[3]) else { return nil }
        self.init(OccurrenceKey(rule: String(parts[0]), subject: String(parts[1]), occurrence: occurrence), stage: stage,
                  recipient: String(parts[4]))
    }

    /// A short stable hash (32 hex digits) of the key.
    public var hash: String { String(SHA256.hex(description).prefix(32)) }

    public static func < (lhs: NotificationKey, rhs: NotificationKey) -> Bool { lhs.description < rhs.description }
}
