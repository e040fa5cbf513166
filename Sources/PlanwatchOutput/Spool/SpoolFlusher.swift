public import PlanwatchCore

/// Delivers the spool: every waiting message whose retry time has come is marked in flight and
/// handed to the transport; delivered mail moves to `sent`, temporary failures are retried with
/// exponential backoff, permanent failures (or mail undeliverable for too long) move to `failed`
/// and are logged at `err`.
///
/// One flush at a time: a flush holds the spool's delivery lock, and a second one waits for it.
/// A message still in flight when a flush begins was being handed over when a flusher died: the
/// MTA may or may not have it, so it is handed over again — with the same `Message-ID`, and a
/// journal note that says so.
public struct SpoolFlusher: Sendable {
    public var spool: any MailSpool
    public var transport: any MailTransport
    public var journal: any JournalSink
    /// The envelope sender.
    public var sender: String
    /// Retries, giving up, and how long sent mail is kept (the same rules as the outbox's).
    public var rules = DeliveryRules()

    public init(spool: any MailSpool, transport: any MailTransport, sender: String, journal: any JournalSink) {
        self.spool = spool
        self.transport = transport
        self.sender = sender
        self.journal = journal
    }

    /// What a flush did.
    public struct Summary: Hashable, Sendable {
        public var delivered = 0
        public var deferred = 0
        public var failed = 0
        /// Messages whose retry time has not come.
        public var waiting = 0
        /// Messages found in flight from an interrupted flush and handed over again.
        public var redelivered = 0
        /// The earliest retry time of a waiting or deferred message.
        public var nextAttempt: Instant?

        public init() {}

        /// Notes a retry time (seconds since the epoch), keeping the earliest.
        public mutating func note(retryAt seconds: Int64) {
            let instant = Instant(seconds: seconds)
            if nextAttempt.map({ instant < $0 }) ?? true { nextAttempt = instant }
        }
    }

    /// Delivers what is due at `now`; `force` ignores retry times. Holds the delivery lock throughout.
    public func flush(now: Instant, force: Bool = false) async throws -> Summary {
        try await spool.withDeliveryLock { await flushHoldingLock(now: now, force: force) }
    }

    private func flushHoldingLock(now: Instant, force: Bool) async -> Summary {
        var summary = Summary()
        let seconds = now.seconds
        // Interrupted hand-overs first, as they were.
        for name in await spool.names(in: .inFlight) {
            await deliver(name, from: .inFlight, now: now, interrupted: true, summary: &summary)
        }
        for name in await spool.names(in: .waiting) {
            if let retry = await spool.retry(of: name), !force, retry.nextAttempt > seconds {
                summary.waiting += 1
                summary.note(retryAt: retry.nextAttempt)
                continue
            }
            do {
                try await spool.move(name, from: .waiting, to: .inFlight, at: now)
            } catch {
                journal.send(JournalEntry(message: "cannot mark mail \(name) in flight: \(error)", priority: .error,
                                          messageID: .deliveryFailed, fields: [("PLANWATCH_MAIL", name)]))
                continue
            }
            await deliver(name, from: .inFlight, now: now, interrupted: false, summary: &summary)
        }
        await pruneSent(now: seconds)
        return summary
    }

    private func deliver(_ name: String, from state: SpoolState, now: Instant, interrupted: Bool, summary: inout Summary) async {
        let seconds = now.seconds
        guard let data = await spool.message(name, in: state) else { return }
        let retry = await spool.retry(of: name)
        let (keys, recipients) = MaildirSpool.headers(of: data)
        let fields = DeliveryRules.fields(name: name, keys: keys, recipients: recipients, attempts: (retry?.attempts ?? 0) + 1)
        if interrupted {
            summary.redelivered += 1
            journal.send(DeliveryRules.redeliveryEntry(name, fields: fields))
        }
        switch rules.decide(await transport.deliver(data, from: sender, to: recipients), previous: retry, now: seconds) {
        case .sent:
            do {
                try await spool.move(name, from: state, to: .sent, at: now)
                await spool.setRetry(nil, of: name)
                summary.delivered += 1
                journal.send(DeliveryRules.deliveredEntry(name, recipients: recipients, fields: fields))
            } catch {
                journal.send(JournalEntry(message: "delivered mail \(name) but could not move it to sent/: \(error)",
                                          priority: .error, messageID: .deliveryFailed, fields: fields))
            }
        case .retry(let schedule, let delay):
            await spool.setRetry(schedule, of: name)
            try? await spool.move(name, from: state, to: .waiting, at: now)
            summary.deferred += 1
            summary.note(retryAt: schedule.nextAttempt)
            journal.send(DeliveryRules.deferredEntry(name, schedule: schedule, delay: delay, fields: fields))
        case .setAside(let reason):
            try? await spool.move(name, from: state, to: .failed, at: now)
            await spool.setRetry(nil, of: name)
            summary.failed += 1
            journal.send(DeliveryRules.setAsideEntry(name, place: "failed/", reason: reason, fields: fields))
        }
    }

    private func pruneSent(now: Int64) async {
        for name in await spool.names(in: .sent) {
            guard let entered = await spool.enteredAt(name, in: .sent) else { continue }
            if now - entered.seconds > rules.keepSent { await spool.remove(name, from: .sent) }
        }
    }
}
