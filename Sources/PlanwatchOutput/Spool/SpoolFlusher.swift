public import PlanwatchCore
import Foundation

/// Delivers the spool: every message in `new/` whose retry time has come is handed to sendmail;
/// delivered mail moves to `sent/`, temporary failures are retried with exponential backoff,
/// permanent failures (or mail undeliverable for too long) move to `failed/` and are logged at `err`.
public struct SpoolFlusher: Sendable {
    public var spool: MaildirSpool
    public var transport: SendmailTransport
    public var journal: any JournalSink
    /// The first retry delay, doubled after each failure up to `maximumDelay`.
    public var initialDelay: Int64 = 60
    public var maximumDelay: Int64 = 3600
    /// After this long failing, a message is set aside.
    public var giveUpAfter: Int64 = 3 * 86_400
    /// How long delivered mail is kept in `sent/`.
    public var keepSent: Int64 = 30 * 86_400

    public init(spool: MaildirSpool, transport: SendmailTransport, journal: any JournalSink) {
        self.spool = spool
        self.transport = transport
        self.journal = journal
    }

    /// What a flush did.
    public struct Summary: Hashable, Sendable {
        public var delivered = 0
        public var deferred = 0
        public var failed = 0
        /// Messages whose retry time has not come.
        public var waiting = 0
        /// The earliest retry time of a waiting or deferred message.
        public var nextAttempt: Instant?
    }

    /// A message's retry schedule.
    struct RetryState {
        var attempts: Int
        var firstFailure: Int64
        var nextAttempt: Int64
        var lastError: String

        var text: String { "\(attempts) \(firstFailure) \(nextAttempt)\n\(lastError)\n" }

        init(attempts: Int, firstFailure: Int64, nextAttempt: Int64, lastError: String) {
            self.attempts = attempts
            self.firstFailure = firstFailure
            self.nextAttempt = nextAttempt
            self.lastError = lastError
        }

        init?(_ text: String) {
            let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let numbers = lines.first?.split(separator: " ").compactMap { Int64($0) } ?? []
            guard numbers.count == 3 else { return nil }
            self.init(attempts: Int(numbers[0]), firstFailure: numbers[1], nextAttempt: numbers[2],
                      lastError: lines.count > 1 ? String(lines[1]).trimmingCharacters(in: .newlines) : "")
        }
    }

    func retryState(_ name: String) -> RetryState? {
        spool.read(name, in: .retry).flatMap { RetryState(String(decoding: $0, as: UTF8.self)) }
    }

    /// Delivers what is due at `now` (seconds since the epoch); `force` ignores retry times.
    public func flush(now: Instant, force: Bool = false) -> Summary {
        var summary = Summary()
        let seconds = now.seconds
        func note(_ next: Int64) {
            let instant = Instant(seconds: next)
            if summary.nextAttempt.map({ instant < $0 }) ?? true { summary.nextAttempt = instant }
        }
        for name in spool.names(in: .new) {
            let retry = retryState(name)
            if let retry, !force, retry.nextAttempt > seconds {
                summary.waiting += 1
                note(retry.nextAttempt)
                continue
            }
            guard let data = spool.read(name) else { continue }
            let (keys, recipients) = MaildirSpool.headers(of: data)
            let result = transport.deliver(data, to: recipients)
            let fields: [(String, String?)] = [("PLANWATCH_MAIL", name), ("PLANWATCH_RECIPIENTS", recipients.joined(separator: ",")),
                                               ("PLANWATCH_MESSAGE_KEY", keys.first?.description),
                                               ("PLANWATCH_ATTEMPTS", String((retry?.attempts ?? 0) + 1))]
            switch result {
            case .delivered:
                do {
                    try spool.move(name, from: .new, to: .sent)
                    // The delivery time, for pruning sent/ (by the same clock as `now`).
                    try? FileManager.default.setAttributes([.modificationDate: now.date], ofItemAtPath: spool.path(.sent, name))
                    try? FileManager.default.removeItem(atPath: spool.path(.retry, name))
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
                    setAside(name, reason: "undeliverable for \((seconds - first) / 3600) h: \(reason)", fields: fields, summary: &summary)
                    continue
                }
                let delay = min(maximumDelay, initialDelay << Int64(min(attempts - 1, 20)))
                let state = RetryState(attempts: attempts, firstFailure: first, nextAttempt: seconds + delay, lastError: reason)
                writeRetry(name, state)
                summary.deferred += 1
                note(state.nextAttempt)
                journal.send(JournalEntry(message: "mail \(name) deferred (attempt \(attempts), next in \(delay) s): \(reason)",
                                          priority: .warning, messageID: .deliveryDeferred, fields: fields))
            case .permanent(let reason):
                setAside(name, reason: reason, fields: fields, summary: &summary)
            }
        }
        pruneSent(now: seconds)
        return summary
    }

    private func setAside(_ name: String, reason: String, fields: [(String, String?)], summary: inout Summary) {
        try? spool.move(name, from: .new, to: .failed)
        try? FileManager.default.removeItem(atPath: spool.path(.retry, name))
        summary.failed += 1
        journal.send(JournalEntry(message: "mail \(name) could not be delivered and was set aside in failed/: \(reason)",
                                  priority: .error, messageID: .deliveryFailed, fields: fields + [("PLANWATCH_ERROR", reason)]))
    }

    private func writeRetry(_ name: String, _ state: RetryState) {
        let temporary = spool.path(.retry, ".\(name).tmp")
        FileManager.default.createFile(atPath: temporary, contents: Data(state.text.utf8), attributes: [.posixPermissions: 0o600])
        _ = rename(temporary, spool.path(.retry, name))
    }

    private func pruneSent(now: Int64) {
        for name in spool.names(in: .sent) {
            let path = spool.path(.sent, name)
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { continue }
            if now - Int64(modified.timeIntervalSince1970) > keepSent { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
