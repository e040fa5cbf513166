import ArgumentParser
import Foundation
import Logging
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState
import ServiceLifecycle
import UnixSignals

/// `planwatch run`: the daemon; `--once`: one whole cycle.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon, or one cycle: evaluate, notify (journal, mail spool), deliver.",
        discussion: """
            Without --once: the long-running service (Type=notify under systemd). It sleeps until the \
            next send time on a working day, a change in the rule or plan folders, SIGHUP (reload) \
            or a wall-clock jump, and runs the cycle then. It does not hand mail to sendmail: the \
            planwatch-deliver units do (the daemon runs with NoNewPrivileges=, under which \
            Postfix's setgid postdrop cannot run). SIGTERM stops it; an interrupted cycle leaves no \
            partial file.

            With --once: process the reply inbox (when replies: is set), load rules and plan, evaluate \
            at --at (default now), plan the notifications \
            against the ledger (each one is sent once, ever), write them to the journal and the mail \
            spool, hand the spool to sendmail when the transport is sendmail, print a summary and exit.

            Exit status: 0 done; 65 invalid rules or plan; 66 a missing file; 69 the state database \
            cannot be opened; 75 the spool cannot be written (try again); 78 a bad configuration.

            Example:
              planwatch run --once --config examples/stockholm/planwatch.yaml \\
                --at '2027-01-04 09:00'
            """
    )

    @OptionGroup var configurationOptions: ConfigurationOptions

    @Flag(help: "Run one cycle and exit.")
    var once = false

    @Option(help: "Evaluate as if it were this time (default: now).")
    var at: String?

    @Flag(help: "Only spool; do not hand mail to sendmail even when the transport is sendmail.")
    var noDeliver = false

    func validate() throws {
        if !once, at != nil { throw ValidationError("--at goes with --once (the daemon runs on the real clock)") }
    }

    func run() async throws {
        if !once {
            try await runDaemon()
            return
        }
        try await reportingFailures {
            let configuration = try configurationOptions.load()
            let environment = Environment(configuration: configuration)
            let now = try environment.instant(at)
            let project = try loadProject(paths: [], configuration: configuration, warnings: false)
            let runtime = try environment.runtime(.create)
            if configuration.replyAddress != nil {
                // Replies first, as the daemon does: what was answered "klar" is not reminded again.
                let inbox = try await InboxCommand.processing { try await InboxProcessor(runtime: runtime, project: project).run(at: now) }
                if inbox != InboxProcessor.Summary() { print(InboxCommand.summaryLine(inbox, inbox: configuration.inboxPath)) }
            }
            let grant = try await Self.lead(runtime)
            let summary: Cycle.Summary
            do {
                summary = try await runtime.cycle.run(project: project, at: now, deliver: !noDeliver)
                if let grant { try? await runtime.lease?.releaseLease(grant) }
            } catch let error as SpoolError {
                throw CommandFailure(.temporaryFailure, "run: \(error)")
            } catch let error as Cycle.CompositionFailure {
                throw CommandFailure(.dataError, "run: \(error)")
            } catch let error as LockError {
                throw CommandFailure(.temporaryFailure, "run: \(error)")
            } catch {
                throw CommandFailure(.unavailable, "run: \(error)")
            }
            let local = configuration.timezone.localDateTime(at: now)
            var line = "planwatch: run at \(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)) "
                + "\(configuration.timezone.identifier): \(summary.findings) findings; spooled \(summary.mails) mails with "
                + "\(summary.notifications) notifications (\(summary.muted) muted, \(summary.waiting) waiting for their send time, "
                + "\(summary.recovered) recovered); \(summary.transitions) alert changes"
            if summary.stale > 0 { line += "; \(summary.stale) not sent (a later stage was sent already: the clock was set back)" }
            if let delivery = summary.delivery {
                line += "; delivery: \(delivery.delivered) delivered, \(delivery.deferred) deferred, \(delivery.failed) failed"
            } else {
                line += "; mail transport: \(configuration.mailTransport == .sendmail && noDeliver ? "not run (--no-deliver)" : configuration.mailTransport.rawValue)"
            }
            print(line)
            if let next = summary.nextSlot {
                let slot = configuration.timezone.localDateTime(at: next)
                print("planwatch: the next notifications are due at \(slot.date.weekday.abbreviation) \(slot.date) "
                    + "\(LocalDate.pad(slot.hour, 2)):\(LocalDate.pad(slot.minute, 2)) (the send time on working days)")
            }
        }
    }

    /// On a shared state, takes the leader lease for the cycle (`nil` with SQLite).
    /// - Throws: ``CommandFailure`` (75) when another node, or this node's daemon, leads: the leader
    ///   runs the cycles (a second process of the leading node never takes the lease from it).
    static func lead(_ runtime: Runtime, for command: String = "run") async throws -> LeaseGrant? {
        guard let lease = runtime.lease else { return nil }
        let grant: LeaseGrant?
        do {
            grant = try await lease.acquireLease()
        } catch {
            throw CommandFailure(.unavailable, "\(command): \(error)")
        }
        guard let grant else {
            let holder = (try? await lease.currentLease()).flatMap { $0 }
            if command != "run" {
                throw CommandFailure(.temporaryFailure, "\(command): \(holder.map { "node \($0.holder) (epoch \($0.epoch))" } ?? "another node") "
                    + "leads the shared state; stop the daemons on every node first")
            }
            if let holder, holder.holder == lease.node {
                throw CommandFailure(.temporaryFailure, "\(command): this node's daemon (\(lease.node), epoch \(holder.epoch)) leads the shared state "
                    + "and runs the cycles; 'systemctl reload planwatch' makes it run one now")
            }
            throw CommandFailure(.temporaryFailure, "\(command): \(holder.map { "node \($0.holder) (epoch \($0.epoch))" } ?? "another node") leads "
                + "the shared state; this node (\(lease.node)) writes nothing — the leader runs the cycles")
        }
        return grant
    }

    /// The long-running service, until SIGTERM or SIGINT.
    private func runDaemon() async throws {
        let configuration = try reportingFailures { try configurationOptions.load() }
        let environment = Environment(configuration: configuration)
        let runtime = try reportingFailures { try environment.runtime(.create) }
        let service = DaemonService(installation: configurationOptions.installation, runtime: runtime, notifier: SystemdNotifier(),
                                    now: { Environment.now() })
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: runtime.logger)
        do {
            try await group.run()
        } catch {
            printError("planwatch: run: \(error)")
            throw ExitCode(ExitStatus.dataError.rawValue)
        }
    }
}
