public import PlanwatchCore

extension MemoryStateStore: CompletionStore, ReplyTokenStore, InboxLog {
    public func record(_ completion: RecordedCompletion) throws(StateError) -> RecordedCompletion {
        if let messageID = completion.messageID, let existing = completionList.first(where: { $0.messageID == messageID }) { return existing }
        var recorded = completion
        recorded.id = Int64(completionList.count + 1)
        completionList.append(recorded)
        return recorded
    }

    public func recordedCompletions() throws(StateError) -> [RecordedCompletion] { completionList }

    public func revokeCompletion(id: Int64, at instant: Instant, by author: RecordedCompletion.Author) throws(StateError) -> RecordedCompletion? {
        guard let index = completionList.firstIndex(where: { $0.id == id }), completionList[index].revoked == nil else { return nil }
        completionList[index].revoked = .init(at: instant, by: author)
        return completionList[index]
    }

    public func replyToken(for occurrence: OccurrenceKey, recipient: String, at instant: Instant,
                           make: @Sendable () -> String) throws(StateError) -> String {
        if let existing = tokens.values.first(where: { $0.occurrence == occurrence && $0.recipient == recipient }) { return existing.token }
        let token = make()
        tokens[token] = ReplyTokenRecord(token: token, occurrence: occurrence, recipient: recipient, issuedAt: instant)
        return token
    }

    public func replyTokenRecord(_ token: String) throws(StateError) -> ReplyTokenRecord? { tokens[token] }

    public func revokeReplyToken(_ token: String, at instant: Instant) throws(StateError) -> Bool {
        guard tokens[token]?.revokedAt == nil, tokens[token] != nil else { return false }
        tokens[token]?.revokedAt = instant
        return true
    }

    public func replyTokenRecords() throws(StateError) -> [ReplyTokenRecord] {
        tokens.values.sorted { ($0.issuedAt, $0.token) < ($1.issuedAt, $1.token) }
    }

    public func carry(_ record: ReplyTokenRecord) throws(StateError) -> Bool {
        guard tokens[record.token] == nil,
              !tokens.values.contains(where: { $0.occurrence == record.occurrence && $0.recipient == record.recipient }) else { return false }
        tokens[record.token] = record
        return true
    }

    public func record(_ entry: InboxEntry) throws(StateError) { inbox[entry.file] = entry }

    public func inboxEntry(file: String) throws(StateError) -> InboxEntry? { inbox[file] }

    public func inboxEntries(outcome: InboxEntry.Outcome?, limit: Int) throws(StateError) -> [InboxEntry] {
        Array(inbox.values.filter { outcome == nil || $0.outcome == outcome }
            .sorted { ($0.receivedAt, $1.file) > ($1.receivedAt, $0.file) }.prefix(limit))
    }

    public func lastExplanation(to sender: String) throws(StateError) -> Instant? {
        inbox.values.filter { $0.sender == sender && $0.outcome == .refused && $0.answered }.map(\.receivedAt).max()
    }

    public func pruneInbox(before instant: Instant) throws(StateError) -> Int {
        let old = inbox.values.filter { $0.receivedAt < instant }.map(\.file)
        for file in old { inbox[file] = nil }
        return old.count
    }
}
