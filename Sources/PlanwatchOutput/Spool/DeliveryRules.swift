public import PlanwatchCore

/// The retry and failure rules of delivery, the same for the Maildir spool (``SpoolFlusher``) and the
/// PostgreSQL outbox: a temporary failure is retried after a delay that doubles from `initialDelay`
/// up to `maximumDelay`; after `giveUpAfter` seconds of failing, or at a permanent failure, the
/// message is set aside and logged at `err`. And the journal entries that say so.
public struct DeliveryRules: Hashable, Sendable {
    /// The first retry delay, doubled after each failure up to `maximumDelay`.
    public var initialDelay: Int64 = 60
    public var maximumDelay: Int64 = 3600
    /// After this long failing, a message is set aside.
    public var giveUpAfter: Int64 = 3 * 86_400
    /// How long delivered mail is kept.
    public var keepSent: Int64 = 30 * 86_400

    public init() {}

    /// What to do with a message after a hand-over.
    public enum Decision: Hashable, Sendable {
        /// Handed over: mark it sent.
        case sent
        /// Put it back to wait, with this schedule, `delay` seconds from now.
        case retry(RetrySchedule, delay: Int64)
        /// Set it aside as undeliverable, for this reason.
        case setAside(String)
    }

    /// The decision for a hand-over's result at `now` (seconds), given the message's earlier failures.
    public func decide(_ result: DeliveryResult, previous: RetrySchedule?, now: Int64) -> Decision {
        switch result {
        case .delivered:
            return .sent
        case .permanent(let reason):
            return .setAside(reason)
        case .temporary(let reason):
            let attempts = (previous?.attempts ?? 0) + 1
            let first = previous?.firstFailure ?? now
            if now - first >= giveUpAfter { return .setAside("undeliverable for \((now - first) / 3600) h: \(reason)") }
            let delay = min(maximumDelay, initialDelay << Int64(min(attempts - 1, 20)))
            return .retry(RetrySchedule(attempts: attempts, firstFailure: first, nextAttempt: now + delay, lastError: reason), delay: delay)
        }
    }

    /// The journal fields of a message in delivery.
    public static func fields(name: String, keys: [NotificationKey], recipients: [String], attempts: Int) -> [(String, String?)] {
        [("PLANWATCH_MAIL", name), ("PLANWATCH_RECIPIENTS", recipients.joined(separator: ",")),
         ("PLANWATCH_MESSAGE_KEY", keys.first?.description), ("PLANWATCH_ATTEMPTS", String(attempts))]
    }

    /// A message handed over again after an interrupted delivery.
    public static func redeliveryEntry(_ name: String, fields: [(String, String?)]) -> JournalEntry {
        JournalEntry(message: "mail \(name) was being handed to the MTA when a delivery run was interrupted; handing it over again "
                         + "with the same Message-ID (the recipient may get it twice)",
                     priority: .notice, messageID: .redelivery, fields: fields)
    }

    /// A message handed over.
    public static func deliveredEntry(_ name: String, recipients: [String], fields: [(String, String?)]) -> JournalEntry {
        JournalEntry(message: "delivered mail \(name) to \(recipients.joined(separator: ", "))", priority: .info, messageID: .delivered,
                     fields: fields)
    }

    /// A message deferred.
    public static func deferredEntry(_ name: String, schedule: RetrySchedule, delay: Int64, fields: [(String, String?)]) -> JournalEntry {
        JournalEntry(message: "mail \(name) deferred (attempt \(schedule.attempts), next in \(delay) s): \(schedule.lastError)",
                     priority: .warning, messageID: .deliveryDeferred, fields: fields)
    }

    /// A message set aside (`place`: where it is kept, `failed/`).
    public static func setAsideEntry(_ name: String, place: String, reason: String, fields: [(String, String?)]) -> JournalEntry {
        JournalEntry(message: "mail \(name) could not be delivered and was set aside in \(place): \(reason)",
                     priority: .error, messageID: .deliveryFailed, fields: fields + [("PLANWATCH_ERROR", reason)])
    }
}
