public import PlanwatchCore
public import PlanwatchOutput

/// Several deliveries run one after the other, their summaries added up (on PostgreSQL: mail left in
/// the Maildir spool from before the move, then the outbox).
public struct CombinedDelivery: MailDelivery {
    public var parts: [any MailDelivery]

    public init(parts: [any MailDelivery]) {
        self.parts = parts
    }

    public func flush(now: Instant, force: Bool) async throws -> SpoolFlusher.Summary {
        var total = SpoolFlusher.Summary()
        for part in parts {
            let summary = try await part.flush(now: now, force: force)
            total.delivered += summary.delivered
            total.deferred += summary.deferred
            total.failed += summary.failed
            total.waiting += summary.waiting
            total.redelivered += summary.redelivered
            if let next = summary.nextAttempt { total.note(retryAt: next.seconds) }
        }
        return total
    }
}
