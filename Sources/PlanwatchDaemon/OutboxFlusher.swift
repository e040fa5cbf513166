public import PlanwatchCore
public import PlanwatchOutput
public import PlanwatchState

/// Delivers the PostgreSQL outbox from this node: takes waiting messages in batches (claimed with
/// `FOR UPDATE SKIP LOCKED`, so nodes flushing at the same time never take the same message), hands
/// each to the local MTA and marks it sent — with the retry and failure rules of the Maildir spool
/// (``DeliveryRules``). A message this node left in flight (its delivery died), or that any node
/// claimed longer ago than `staleAfter`, is handed over again with the same `Message-ID`.
public struct OutboxFlusher: MailDelivery {
    public var outbox: any MailOutbox
    public var transport: any MailTransport
    public var journal: any JournalSink
    /// The envelope sender.
    public var sender: String
    public var rules = DeliveryRules()
    /// Messages claimed at a time.
    public var batchSize = 100
    /// A claim older than this (seconds) is from a delivery that died: longer than any hand-over takes.
    public var staleAfter: Int64

    public init(outbox: any MailOutbox, transport: any MailTransport, sender: String, journal: any JournalSink, staleAfter: Int64 = 600) {
        self.outbox = outbox
        self.transport = transport
        self.sender = sender
        self.journal = journal
        self.staleAfter = staleAfter
    }

    public func flush(now: Instant, force: Bool = false) async throws -> SpoolFlusher.Summary {
        var summary = SpoolFlusher.Summary()
        for message in try await outbox.interruptedMail(staleAfter: staleAfter) {
            try await deliver(message, now: now, interrupted: true, summary: &summary)
        }
        while true {
            let batch = try await outbox.claimMail(limit: batchSize, at: now, force: force)
            if batch.isEmpty { break }
            for message in batch { try await deliver(message, now: now, interrupted: false, summary: &summary) }
        }
        let (counts, next) = try await outbox.outboxCounts()
        summary.waiting = counts["new"] ?? 0
        if let next, summary.waiting > 0 { summary.note(retryAt: next) }
        _ = try await outbox.pruneSent(before: now.adding(seconds: -rules.keepSent))
        return summary
    }

    private func deliver(_ message: OutboxMessage, now: Instant, interrupted: Bool, summary: inout SpoolFlusher.Summary) async throws {
        let seconds = now.seconds
        let previous = message.firstFailure.map {
            RetrySchedule(attempts: message.attempts, firstFailure: $0, nextAttempt: seconds, lastError: message.lastError ?? "")
        }
        let keys = MaildirSpool.headers(of: message.data).keys
        let fields = DeliveryRules.fields(name: message.name, keys: keys, recipients: message.recipients, attempts: message.attempts + 1)
        if interrupted {
            summary.redelivered += 1
            journal.send(DeliveryRules.redeliveryEntry(message.name, fields: fields))
        }
        switch rules.decide(await transport.deliver(message.data, from: sender, to: message.recipients), previous: previous, now: seconds) {
        case .sent:
            do {
                try await outbox.markSent(message.name, at: now)
                summary.delivered += 1
                journal.send(DeliveryRules.deliveredEntry(message.name, recipients: message.recipients, fields: fields))
            } catch {
                // Handed over but not marked: it stays in flight, claimed by this node, and the next
                // flush hands it over again (with the same Message-ID) — say so.
                journal.send(JournalEntry(message: "delivered mail \(message.name) but could not mark it sent in the outbox: \(error)",
                                          priority: .error, messageID: .deliveryFailed, fields: fields))
                throw error
            }
        case .retry(let schedule, let delay):
            try await outbox.markRetry(message.name, attempts: schedule.attempts, firstFailure: schedule.firstFailure,
                                       nextAttempt: schedule.nextAttempt, error: schedule.lastError)
            summary.deferred += 1
            summary.note(retryAt: schedule.nextAttempt)
            journal.send(DeliveryRules.deferredEntry(message.name, schedule: schedule, delay: delay, fields: fields))
        case .setAside(let reason):
            try await outbox.markFailed(message.name, reason: reason, at: now)
            summary.failed += 1
            journal.send(DeliveryRules.setAsideEntry(message.name, place: "the outbox (state failed)", reason: reason, fields: fields))
        }
    }
}
