import ArgumentParser
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput

/// `planwatch run --once`: one whole cycle.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the cycle: evaluate, notify (journal, mail spool), deliver.",
        discussion: """
            With --once: load rules and plan, evaluate at --at (default now), plan the notifications \
            against the ledger (each one is sent once, ever), write them to the journal and the mail \
            spool, hand the spool to sendmail when the transport is sendmail, print a summary and exit.

            Exit status: 0 done; 65 invalid rules or plan; 66 a missing file; 69 the state database \
            cannot be opened; 75 the spool cannot be written (try again); 78 a bad configuration.

            Example:
              planwatch run --once --config examples/stockholm/planwatch.yaml --at '2027-01-04 09:00'
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Flag(help: "Run one cycle and exit (the long-running daemon is not part of this version).")
    var once = false

    @Option(help: "Evaluate as if it were this time (default: now).")
    var at: String?

    @Flag(help: "Only spool; do not hand mail to sendmail even when the transport is sendmail.")
    var noDeliver = false

    func validate() throws {
        guard once else {
            throw ValidationError("planwatch run needs --once: this version runs one cycle at a time (use a systemd timer)")
        }
    }

    func run() throws {
        try reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let now = try environment.instant(at)
            let project = try loadProject(paths: [], configuration: configuration, warnings: false)
            let store = try environment.openStore()
            let cycle = Cycle(configuration: configuration, store: store, spool: environment.spool, journal: environment.journal,
                              logger: environment.logger)
            let summary: Cycle.Summary
            do {
                summary = try cycle.run(project: project, at: now, deliver: !noDeliver)
            } catch let error as SpoolError {
                throw CommandFailure(.temporaryFailure, "run: \(error)")
            } catch {
                throw CommandFailure(.unavailable, "run: \(error)")
            }
            let local = configuration.timezone.localDateTime(at: now)
            var line = "planwatch: run at \(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)) "
                + "\(configuration.timezone.identifier): \(summary.findings) findings; spooled \(summary.mails) mails with "
                + "\(summary.notifications) notifications (\(summary.muted) muted, \(summary.waiting) waiting for their send time, "
                + "\(summary.recovered) recovered); \(summary.transitions) alert changes"
            if let delivery = summary.delivery {
                line += "; delivery: \(delivery.delivered) delivered, \(delivery.deferred) deferred, \(delivery.failed) failed"
            } else {
                line += "; mail transport: \(configuration.mailTransport == "sendmail" && noDeliver ? "not run (--no-deliver)" : configuration.mailTransport)"
            }
            print(line)
            if let next = summary.nextSlot {
                let slot = configuration.timezone.localDateTime(at: next)
                print("planwatch: the next notifications are due at \(slot.date.weekday.abbreviation) \(slot.date) "
                    + "\(LocalDate.pad(slot.hour, 2)):\(LocalDate.pad(slot.minute, 2)) (the send time on working days)")
            }
        }
    }
}
