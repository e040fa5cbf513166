public import PlanwatchCore

/// What became of the mail that came back: replies processed or refused, and bounces.
public protocol InboxLog: Sendable {
    /// Records what became of an incoming mail (replacing an earlier record of the same file).
    func record(_ entry: InboxEntry) async throws(StateError)
    /// The record of an incoming mail by its file name in the inbox.
    func inboxEntry(file: String) async throws(StateError) -> InboxEntry?
    /// The records, newest first; only those with the outcome, when given.
    func inboxEntries(outcome: InboxEntry.Outcome?, limit: Int) async throws(StateError) -> [InboxEntry]
    /// When the last explanation of a refused reply went to `sender` (at most one a day each).
    func lastExplanation(to sender: String) async throws(StateError) -> Instant?
    /// Removes the records of mail received before `instant` (they hold personal data).
    func pruneInbox(before instant: Instant) async throws(StateError) -> Int
}

/// One incoming mail and what became of it.
public struct InboxEntry: Hashable, Sendable {
    /// What became of it.
    public enum Outcome: String, Hashable, Sendable, CaseIterable {
        /// A completion was recorded (and confirmed to the sender).
        case completed
        /// It was not a completion: kept aside, explained to the sender.
        case refused
        /// An automatic reply (out of office, …): kept, not answered.
        case automatic
        /// A delivery status notification about a planwatch mail.
        case bounce
    }

    /// The file name in the inbox (Maildir unique name).
    public var file: String
    public var messageID: String?
    /// The sender's address, as the mail says.
    public var sender: String?
    public var receivedAt: Instant
    public var outcome: Outcome
    /// Why, in a few words (the reason of a refusal, the bounce's status).
    public var reason: String
    /// The occurrence the reply's token was for.
    public var occurrence: OccurrenceKey?
    /// The completion recorded.
    public var completion: Int64?
    /// Whether an explanation or confirmation was sent.
    public var answered: Bool
    /// For a bounce: the notification keys of the returned mail and the failed recipients.
    public var keys: [String]
    public var failedRecipients: [String]

    public init(file: String, messageID: String?, sender: String?, receivedAt: Instant, outcome: Outcome, reason: String,
                occurrence: OccurrenceKey? = nil, completion: Int64? = nil, answered: Bool = false, keys: [String] = [],
                failedRecipients: [String] = []) {
        self.file = file
        self.messageID = messageID
        self.sender = sender
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.reason = reason
        self.occurrence = occurrence
        self.completion = completion
        self.answered = answered
        self.keys = keys
        self.failedRecipients = failedRecipients
    }
}
