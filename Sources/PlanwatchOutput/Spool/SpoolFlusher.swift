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
    /// The first retry delay, doubled after each failure up to `maximumDelay`.
    public var initialDelay: Int64 = 60
    public var maximumDelay: Int64 = 3600
    /// After this long failing, a message is set aside.
    public var giveUpAfter: Int64 = 3 * 86_400
    /// How long delivered mail is kept in `sent`.
    public var keepSent: Int64 = 30 * 86_400

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

        /// Notes a retry time (seconds since the epoch), keeping the earliest.
        mutating func note(retryAt seconds: Int64) {
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
        let fields: [(String, String?)] = [("PLANWATCH_MAIL", name), ("PLANWATCH_RECIPIENTS", recipients.joined(separator: ",")),
                                           ("PLANWATCH_MESSAGE_KEY", keys.first?.description),
                                           ("PLANWATCH_ATTEMPTS", String((retry?.attempts ?? 0) + 1))]
        if interrupted {
            summary.redelivered += 1
            journal.send(JournalEntry(
                message: "mail \(name) was being handed to the MTA when a delivery run was interrupted; handing it over again "
                    + "with the same Message-ID (the recipient may get it twice)",
                priority: .notice, messageID: .redelivery, fields: fields))
        }
        switch await transport.deliver(data, from: sender, to: recipients) {
        case .delivered:
            do {
                try await spool.move(name, from: state, to: .sent, at: now)
                await spool.setRetry(nil, of: name)
                summary.delivered += 1
                journal.send(JournalEntry(message: "delivered mail \(name) to \(recipients.joined(separator: ", "))",
                                          priority: .info, messageID: .delivered, fields: fields))
            } catch {
                journal.send(JournalEntry(message: "delivered mail \(name) but could not move it to sent/: \(error)",
                                          priority: .error, messageID: .deliveryFailed, fields: fields))
            }
        case .temporary(let reason):
            let attempts = (retry?.attempts ?? 0) + 1
            let first = retry?.firstFailure ?? seconds
            if seconds - first >= giveUpAfter {
                await setAside(name, from: state, reason: "undeliverable for \((seconds - first) / 3600) h: \(reason)", now: now,
                               fields: fields, summary: &summary)
                return
            }
            let delay = min(maximumDelay, initialDelay << Int64(min(attempts - 1, 20)))
            let schedule = RetrySchedule(attempts: attempts, firstFailure: first, nextAttempt: seconds + delay, lastError: reason)
            await spool.setRetry(schedule, of: name)
            try? await spool.move(name, from: state, to: .waiting, at: now)
            summary.deferred += 1
            summary.note(retryAt: schedule.nextAttempt)
            journal.send(JournalEntry(message: "mail \(name) deferred (attempt \(attempts), next in \(delay) s): \(reason)",
                                      priority: .warning, messageID: .deliveryDeferred, fields: fields))
        case .permanent(let reason):
            await setAside(name, from: state, reason: reason, now: now, fields: fields, summary: &summary)
        }
    }

    private func setAside(_ name: String, from state: SpoolState, reason: String, now: Instant, fields: [(String, String?)],
                          summary: inout Summary) async {
        try? await spool.move(name, from: state, to: .failed, at: now)
        await spool.setRetry(nil, of: name)
        summary.failed += 1
        journal.send(JournalEntry(message: "mail \(name) could not be delivered and was set aside in failed/: \(reason)",
                                  priority: .error, messageID: .deliveryFailed, fields: fields + [("PLANWATCH_ERROR", reason)]))
    }

    private func pruneSent(now: Int64) async {
        for name in await spool.names(in: .sent) {
            guard let entered = await spool.enteredAt(name, in: .sent) else { continue }
            if now - entered.seconds > keepSent { await spool.remove(name, from: .sent) }
        }
    }
}
