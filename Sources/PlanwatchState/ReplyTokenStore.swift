public import PlanwatchCore

/// The reply tokens of deadline mails: each (occurrence, recipient) has one, issued with the first
/// mail about it and carried by every later one. A token is the capability to mark the occurrence
/// done by replying; nothing else is needed to verify it (no key to manage or rotate), and it can be
/// revoked.
public protocol ReplyTokenStore: Sendable {
    /// The token of an occurrence for a recipient, issued now with `make` when there is none yet.
    func replyToken(for occurrence: OccurrenceKey, recipient: String, at instant: Instant,
                    make: @Sendable () -> String) async throws(StateError) -> String
    /// What a token was issued for; `nil` for a token never issued.
    func replyTokenRecord(_ token: String) async throws(StateError) -> ReplyTokenRecord?
    /// Revokes a token (a reply with it is then refused). False when there is no such token.
    func revokeReplyToken(_ token: String, at instant: Instant) async throws(StateError) -> Bool
    /// Every token issued, in the order of issue (`state copy`).
    func replyTokenRecords() async throws(StateError) -> [ReplyTokenRecord]
    /// Adds a token issued elsewhere as it is (`state copy`), so that replies to mails sent before a
    /// move still find their occurrence. False when the token, or a token for the same occurrence and
    /// recipient, is there already (that one stays).
    func carry(_ record: ReplyTokenRecord) async throws(StateError) -> Bool
}

/// One issued reply token.
public struct ReplyTokenRecord: Hashable, Sendable {
    public var token: String
    public var occurrence: OccurrenceKey
    /// The person it was issued to.
    public var recipient: String
    public var issuedAt: Instant
    public var revokedAt: Instant?

    public init(token: String, occurrence: OccurrenceKey, recipient: String, issuedAt: Instant, revokedAt: Instant? = nil) {
        self.token = token
        self.occurrence = occurrence
        self.recipient = recipient
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
    }
}
