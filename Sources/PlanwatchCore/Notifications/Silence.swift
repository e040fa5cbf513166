/// A silence: notifications that match are not mailed (they still reach the journal), until it
/// expires. Unset fields match anything.
public struct Silence: Hashable, Sendable {
    public var id: Int64
    public var rule: String?
    public var subject: String?
    public var stage: Stage?
    public var recipient: String?
    public var author: String
    public var comment: String
    public var createdAt: Instant
    public var expiresAt: Instant
    /// Set when the silence was ended by hand before its expiry.
    public var expiredAt: Instant?

    public init(id: Int64 = 0, rule: String? = nil, subject: String? = nil, stage: Stage? = nil, recipient: String? = nil,
                author: String, comment: String, createdAt: Instant, expiresAt: Instant, expiredAt: Instant? = nil) {
        self.id = id
        self.rule = rule
        self.subject = subject
        self.stage = stage
        self.recipient = recipient
        self.author = author
        self.comment = comment
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.expiredAt = expiredAt
    }

    /// Whether the silence is in force at `instant`.
    public func isActive(at instant: Instant) -> Bool {
        createdAt <= instant && instant < (expiredAt.map { min($0, expiresAt) } ?? expiresAt)
    }

    /// Whether the silence covers a notification.
    public func matches(_ key: NotificationKey) -> Bool {
        (rule.map { $0 == key.rule } ?? true) && (subject.map { $0 == key.subject } ?? true)
            && (stage.map { $0 == key.stage } ?? true) && (recipient.map { $0 == key.recipient } ?? true)
    }

    /// `rule=x subject=y` (only the fields that are set).
    public var matcherDescription: String {
        let parts = [("rule", rule), ("subject", subject), ("stage", stage?.description), ("recipient", recipient)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }
        return parts.isEmpty ? "everything" : parts.joined(separator: " ")
    }
}
