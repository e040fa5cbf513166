import ArgumentParser
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchOutput
import PlanwatchState

/// `planwatch status`: the last runs, the ledger, the spool, silences and alerts.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs, the ledger, the mail queue, silences, the reply inbox and bounces, and firing alerts."
    )

    @OptionGroup var configurationOptions: ConfigurationOptions

    func run() async throws {
        try await reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let runtime = try environment.runtime(.existing)
            let store = runtime.state
            let zone = configuration.timezone
            func time(_ instant: Instant) -> String {
                let local = zone.localDateTime(at: instant)
                return "\(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2))"
            }
            print("State: \(configuration.statePath)")
            if let lease = runtime.lease {
                let current = try await lease.currentLease()
                print("Leader: " + Self.leaseLine(current, time: time))
                for node in try await lease.nodes() {
                    // The lease decides who leads: a node that died leading still has its flag set.
                    let leads = current.map { $0.isValid && $0.holder == node.name } ?? false
                    let last = node.lastRun.map { "last cycle #\($0.id) \(time($0.startedAt)) \($0.outcome.rawValue)" } ?? "no cycle yet"
                    print("  node \(node.name)\(node.name == lease.node ? " (this one)" : "")  \(leads ? "leader" : "standby"), "
                        + "seen \(time(node.seenAt)); \(last)")
                }
                if let outbox = runtime.outbox {
                    let (counts, _) = try await outbox.outboxCounts()
                    print("Outbox: \(counts["new"] ?? 0) waiting, \(counts["inflight"] ?? 0) being handed over, \(counts["sent"] ?? 0) sent, "
                        + "\(counts["failed"] ?? 0) failed")
                }
            }
            let runs = try await store.recentRuns(limit: 5)
            print("Last runs:")
            if runs.isEmpty { print("  (none)") }
            for run in runs {
                print("  #\(run.id)  \(time(run.startedAt))  \(run.outcome.rawValue)  \(run.findings) findings, \(run.mails) mails, "
                    + "\(run.notifications) notifications, \(run.muted) muted" + (run.message.map { "  — \($0)" } ?? ""))
            }
            let counts = try await store.ledgerCounts()
            print("Ledger: \(counts[.spooled] ?? 0) mailed, \(counts[.muted] ?? 0) muted")
            let spool = runtime.spool
            print("Spool \(configuration.spoolPath): \(await spool.names(in: .waiting).count) waiting, "
                + "\(await spool.names(in: .inFlight).count) being handed over, \(await spool.names(in: .sent).count) sent, "
                + "\(await spool.names(in: .failed).count) failed")
            let now = Environment.now()
            let active = try await store.silences().filter { $0.isActive(at: now) }
            print("Silences in force: \(active.count)")
            for silence in active {
                print("  #\(silence.id)  \(silence.matcherDescription) until \(time(silence.expiresAt)) — \(silence.author): \(silence.comment)")
            }
            if configuration.replyAddress != nil {
                let inbox = InboxMaildir(root: configuration.inboxPath)
                let kept = try await store.inboxEntries(outcome: nil, limit: 10_000)
                let recent = kept.filter { now.seconds - $0.receivedAt.seconds < 30 * 86_400 }
                let counts = Dictionary(grouping: recent, by: \.outcome).mapValues(\.count)
                print("Inbox \(configuration.inboxPath): \(inbox.names(in: .new).count) waiting, \(inbox.names(in: .refused).count) refused "
                    + "(planwatch inbox list); last 30 days: \(counts[.completed] ?? 0) completions by reply, \(counts[.refused] ?? 0) refused, "
                    + "\(counts[.automatic] ?? 0) automatic, \(counts[.bounce] ?? 0) bounces")
                for bounce in recent.filter({ $0.outcome == .bounce }).prefix(10) {
                    print("  bounce \(time(bounce.receivedAt))  to \(bounce.failedRecipients.joined(separator: ", "))  \(bounce.reason)"
                        + (bounce.keys.first.map { "  (\($0))" } ?? ""))
                }
            }
            let alerts = try await store.alertStates().values.filter { $0.state.isFiring }.sorted { $0.series < $1.series }
            print("Firing alerts: \(alerts.count)")
            for alert in alerts {
                print("  \(alert.state)  \(alert.series)  since \(alert.since ?? "?"), last \(alert.lastPeriod ?? "?") = "
                    + (alert.lastValue.map(formatNumber) ?? "?"))
            }
        }
    }

    /// The lease in one line: who leads, with which epoch, until when (or that none does).
    static func leaseLine(_ lease: LeaseRecord?, time: (Instant) -> String) -> String {
        guard let lease else { return "none yet (no node has taken the lease)" }
        let seconds = (lease.expiresAt.microseconds - lease.readAt.microseconds) / 1_000_000
        guard lease.isValid else {
            return "none (the lease of \(lease.holder), epoch \(lease.epoch), ran out at \(time(lease.expiresAt)))"
        }
        return "\(lease.holder), epoch \(lease.epoch), since \(time(lease.acquiredAt)); lease renewed \(time(lease.renewedAt)), "
            + "runs out in \(seconds) s unless renewed"
    }
}
