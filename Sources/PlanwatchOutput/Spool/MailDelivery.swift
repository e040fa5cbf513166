public import PlanwatchCore

/// A delivery run: hands what waits to the MTA — the Maildir spool's (``SpoolFlusher``) or the
/// PostgreSQL outbox's (`OutboxFlusher`).
public protocol MailDelivery: Sendable {
    /// Delivers what is due at `now`; `force` ignores retry times.
    func flush(now: Instant, force: Bool) async throws -> SpoolFlusher.Summary
}

extension SpoolFlusher: MailDelivery {}
