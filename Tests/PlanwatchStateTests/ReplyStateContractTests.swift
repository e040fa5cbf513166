import Foundation
import PlanwatchCore
import PlanwatchState
import Testing

/// Recorded completions, reply tokens and the inbox log: the same behaviours from every backend.
@Suite struct ReplyStateContractTests {
    let occurrence = OccurrenceKey(rule: "r", subject: "s", occurrence: .date(LocalDate(iso: "2027-02-01")!))

    @Test(arguments: Backend.allCases)
    func aCompletionFromOneReplyIsRecordedOnceAndRevokedOnce(backend: Backend) async throws {
        let store = try await backend.make()
        let completion = RecordedCompletion(item: "a-1", rule: "r", occurrence: LocalDate(iso: "2027-02-01"), on: LocalDate(iso: "2027-01-30")!,
                                            recordedAt: Instant(seconds: 10), by: .person("p-maria"), how: .reply, note: "klart",
                                            messageID: "<reply-1@x>")
        let first = try await store.record(completion)
        let again = try await store.record(completion)
        #expect(first.id == again.id)
        #expect(try await store.recordedCompletions().count == 1)
        #expect(try await store.recordedCompletions().first?.note == "klart")
        #expect(try await store.revokeCompletion(id: first.id, at: Instant(seconds: 20), by: .operator("ops"))?.revoked?.at == Instant(seconds: 20))
        #expect(try await store.revokeCompletion(id: first.id, at: Instant(seconds: 30), by: .operator("ops")) == nil)
        #expect(try await store.recordedCompletions().first?.revoked?.by == .operator("ops"))
    }

    @Test(arguments: Backend.allCases)
    func anOccurrenceKeepsOneReplyTokenPerRecipientUntilRevoked(backend: Backend) async throws {
        let store = try await backend.make()
        let token = try await store.replyToken(for: occurrence, recipient: "p", at: Instant(seconds: 1), make: { "tokena" })
        #expect(try await store.replyToken(for: occurrence, recipient: "p", at: Instant(seconds: 2), make: { "tokenb" }) == token)
        #expect(try await store.replyToken(for: occurrence, recipient: "q", at: Instant(seconds: 2), make: { "tokenc" }) == "tokenc")
        #expect(try await store.replyTokenRecord(token)?.occurrence == occurrence)
        #expect(try await store.replyTokenRecord("never") == nil)
        #expect(try await store.revokeReplyToken(token, at: Instant(seconds: 3)))
        #expect(try await store.replyTokenRecord(token)?.revokedAt == Instant(seconds: 3))
        #expect(try await !store.revokeReplyToken("never", at: Instant(seconds: 3)))
    }

    @Test(arguments: Backend.allCases)
    func aCarriedTokenIsKeptAsIssuedAndNeverReplacesOneThere(backend: Backend) async throws {
        let store = try await backend.make()
        let issued = try await store.replyToken(for: occurrence, recipient: "p", at: Instant(seconds: 5), make: { "tokenhere" })
        let elsewhere = ReplyTokenRecord(token: "tokenold", occurrence: occurrence, recipient: "q", issuedAt: Instant(seconds: 1),
                                         revokedAt: Instant(seconds: 2))
        #expect(try await store.carry(elsewhere))
        #expect(try await !store.carry(elsewhere), "the same token twice")
        // Another token for an occurrence and recipient that have one: the one there stays.
        #expect(try await !store.carry(ReplyTokenRecord(token: "tokenother", occurrence: occurrence, recipient: "p", issuedAt: Instant(seconds: 3))))
        #expect(try await store.replyTokenRecord("tokenother") == nil)
        #expect(try await store.replyTokenRecord("tokenold") == elsewhere)
        #expect(try await store.replyToken(for: occurrence, recipient: "q", at: Instant(seconds: 9), make: { "tokennew" }) == "tokenold")
        #expect(try await store.replyTokenRecords().map(\.token) == ["tokenold", issued])
    }

    @Test(arguments: Backend.allCases)
    func theInboxLogKeepsEachFileOnceAndPrunesOldEntries(backend: Backend) async throws {
        let store = try await backend.make()
        try await store.record(InboxEntry(file: "m1", messageID: "<m1@x>", sender: "a@x", receivedAt: Instant(seconds: 100), outcome: .refused,
                                          reason: "no completion word", answered: true))
        try await store.record(InboxEntry(file: "m2", messageID: "<m2@x>", sender: "b@x", receivedAt: Instant(seconds: 200), outcome: .bounce,
                                          reason: "user unknown", keys: ["k1", "k2"], failedRecipients: ["c@x"]))
        #expect(try await store.inboxEntry(file: "m2")?.keys == ["k1", "k2"])
        #expect(try await store.inboxEntry(file: "m2")?.failedRecipients == ["c@x"])
        #expect(try await store.inboxEntries(outcome: .bounce, limit: 10).map(\.file) == ["m2"])
        #expect(try await store.lastExplanation(to: "a@x") == Instant(seconds: 100))
        #expect(try await store.lastExplanation(to: "b@x") == nil)
        #expect(try await store.pruneInbox(before: Instant(seconds: 150)) == 1)
        #expect(try await store.inboxEntries(outcome: nil, limit: 10).map(\.file) == ["m2"])
    }
}
