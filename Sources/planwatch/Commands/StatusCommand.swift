import ArgumentParser
import PlanwatchCore
import PlanwatchOutput
import PlanwatchState

/// `planwatch status`: the last runs, the ledger, the spool, silences and alerts.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last runs, the ledger, the mail queue, silences and firing alerts."
    )

    @OptionGroup var configurationOptions: ConfigurationOptions

    func run() throws {
        try reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let store = try environment.openStore()
            let zone = configuration.timezone
            func time(_ instant: Instant) -> String {
                let local = zone.localDateTime(at: instant)
                return "\(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2))"
            }
            print("State: \(configuration.statePath)")
            let runs = try store.recentRuns(limit: 5)
            print("Last runs:")
            if runs.isEmpty { print("  (none)") }
            for run in runs {
                print("  #\(run.id)  \(time(run.startedAt))  \(run.outcome)  \(run.findings) findings, \(run.mails) mails, "
                    + "\(run.notifications) notifications, \(run.muted) muted" + (run.message.map { "  — \($0)" } ?? ""))
            }
            let counts = try store.ledgerCounts()
            print("Ledger: \(counts["spooled"] ?? 0) mailed, \(counts["muted"] ?? 0) muted")
            let spool = environment.spool
            print("Spool \(configuration.spoolPath): \(spool.names(in: .new).count) waiting, \(spool.names(in: .sent).count) sent, "
                + "\(spool.names(in: .failed).count) failed")
            let now = Environment.now()
            let active = try store.silences().filter { $0.isActive(at: now) }
            print("Silences in force: \(active.count)")
            for silence in active {
                print("  #\(silence.id)  \(silence.matcherDescription) until \(time(silence.expiresAt)) — \(silence.author): \(silence.comment)")
            }
            let alerts = try store.alertStates().values.filter { $0.state == "warning" || $0.state == "critical" }
                .sorted { ($0.rule, $0.unit) < ($1.rule, $1.unit) }
            print("Firing alerts: \(alerts.count)")
            for alert in alerts {
                print("  \(alert.state)  \(alert.rule)/\(alert.unit)  since \(alert.since ?? "?"), last \(alert.lastPeriod ?? "?") = "
                    + (alert.lastValue.map(formatNumber) ?? "?"))
            }
        }
    }
}
