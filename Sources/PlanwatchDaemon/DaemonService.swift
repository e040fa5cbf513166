import Foundation
public import Logging
public import PlanwatchCore
public import PlanwatchLoader
public import PlanwatchOutput
public import PlanwatchState
public import ServiceLifecycle
import UnixSignals

/// `planwatch run`: the cycle on a schedule, as a service of swift-service-lifecycle.
///
/// It sleeps until the next moment anything can change — the next send time on a working day, a
/// change in the rule or plan folders, SIGHUP, a wall-clock jump — and then runs the same cycle as
/// `run --once`. It tells systemd how it is doing: `READY=1` once the first load succeeded and the
/// SIGHUP handler is in place, `STATUS=` after each cycle, `WATCHDOG=1` from the loop itself (a stuck
/// loop stops the pings), `RELOADING=1` with `MONOTONIC_USEC=` and `READY=1` around a reload, and
/// `STOPPING=1` on shutdown. An invalid new set of rules is rejected and the last good set keeps running.
public struct DaemonService: Service {
    /// Loads the configuration (again, on reload).
    public typealias ConfigurationLoader = @Sendable () -> (Configuration?, [Diagnostic])

    let loadConfiguration: ConfigurationLoader
    let store: StateStore
    let journal: any JournalSink
    let notifier: any ServiceNotifier
    let logger: Logger
    let now: @Sendable () -> Instant

    public init(loadConfiguration: @escaping ConfigurationLoader, store: StateStore, journal: any JournalSink,
                notifier: any ServiceNotifier, logger: Logger, now: @escaping @Sendable () -> Instant) {
        self.loadConfiguration = loadConfiguration
        self.store = store
        self.journal = journal
        self.notifier = notifier
        self.logger = logger
        self.now = now
    }

    /// The rules and plan in use, and how the last reload went.
    struct Loaded {
        var configuration: Configuration
        var project: LoadedProject
        var reloadProblem: String?
        var cycles = 0
        var nextWake: Instant?
        var openAlerts = 0
    }

    /// Loads configuration and project; the diagnostics of a failure, logged at `err`.
    func load() -> Result<(Configuration, LoadedProject), DaemonError> {
        let (configuration, configurationDiagnostics) = loadConfiguration()
        for diagnostic in configurationDiagnostics { logDiagnostic(diagnostic) }
        guard let configuration else { return .failure(DaemonError("the configuration is not valid")) }
        do {
            let project = try ProjectLoader.load(configuration: configuration)
            for diagnostic in project.diagnostics { logDiagnostic(diagnostic) }
            if project.hasErrors {
                let errors = project.diagnostics.filter { $0.severity == .error }.count
                return .failure(DaemonError("\(errors) error\(errors == 1 ? "" : "s") in rules or plan data"))
            }
            return .success((configuration, project))
        } catch {
            journal.send(JournalEntry(message: "\(error)", priority: .error, messageID: nil))
            return .failure(DaemonError("\(error)"))
        }
    }

    private func logDiagnostic(_ diagnostic: Diagnostic) {
        journal.send(JournalEntry(message: diagnostic.description, priority: diagnostic.severity == .error ? .error : .warning, messageID: nil,
                                  fields: [("CODE_FILE", diagnostic.location.file), ("CODE_LINE", String(diagnostic.location.line))]))
    }

    public func run() async throws {
        guard case .success(let (configuration, project)) = load() else {
            notifier.notify(["STATUS=the rules or plan are not valid; see the journal"])
            throw DaemonError("cannot start: the rules, plan or configuration are not valid (see the journal)")
        }
        var loaded = Loaded(configuration: configuration, project: project)
        let hub = EventHub()
        // SIGHUP must be handled before READY=1: its default action would end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let signalTask = Task { for await _ in hangups { hub.send(.reload) } }
        let timer = try WallClockTimer(hub: hub)
        let watchedPaths = configuration.rulePaths + [configuration.planPath] + [configuration.source].compactMap { $0 }
        let watcher = try FileWatcher(paths: watchedPaths, hub: hub)
        let watchdogTask = notifier.watchdogInterval.map { interval in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval / 2)
                    hub.send(.watchdog)
                }
            }
        }
        let stop = StopFlag()
        logger.info("planwatch started", metadata: ["rules": "\(project.rules.rules.count)", "items": "\(project.plan.items.count)"])

        await withGracefulShutdownHandler {
            runCycle(&loaded, stop: stop)
            notifier.notify(["READY=1", "STATUS=" + status(loaded)])
            if let wake = loaded.nextWake { timer.arm(at: wake) }
            for await event in hub.events {
                if stop.isStopped { break }
                switch event {
                case .watchdog:
                    notifier.notify(["WATCHDOG=1"])
                    continue
                case .reload, .filesChanged:
                    reload(&loaded, because: event == .reload ? "SIGHUP" : "a file change")
                case .clockChanged:
                    logger.notice("the wall clock was set; planning the schedule again")
                case .timer:
                    break
                }
                runCycle(&loaded, stop: stop)
                notifier.notify(["STATUS=" + status(loaded)])
                if let wake = loaded.nextWake { timer.arm(at: wake) }
            }
        } onGracefulShutdown: {
            stop.stop()
            hub.finish()
        }
        notifier.notify(["STOPPING=1", "STATUS=stopping"])
        withExtendedLifetime(watcher) {}
        withExtendedLifetime(timer) {}
        signalTask.cancel()
        watchdogTask?.cancel()
        logger.info("planwatch stopped")
    }

    private func runCycle(_ loaded: inout Loaded, stop: StopFlag) {
        let cycle = Cycle(configuration: loaded.configuration, store: store, spool: MaildirSpool(root: loaded.configuration.spoolPath),
                          journal: journal, logger: logger)
        let at = now()
        do {
            let summary = try cycle.run(project: loaded.project, at: at, deliver: false, shouldContinue: { !stop.isStopped })
            loaded.openAlerts = summary.openAlerts
        } catch {
            logger.error("cycle failed: \(error)")
        }
        loaded.cycles += 1
        let planner = NotificationPlanner(configuration: loaded.configuration, people: loaded.project.plan.people)
        loaded.nextWake = planner.nextSlot(after: at)
    }

    private func reload(_ loaded: inout Loaded, because reason: String) {
        notifier.notify(["RELOADING=1", "MONOTONIC_USEC=\(SystemdNotifier.monotonicMicroseconds())", "STATUS=reloading"])
        switch load() {
        case .success(let (configuration, project)):
            loaded.configuration = configuration
            loaded.project = project
            loaded.reloadProblem = nil
            journal.send(JournalEntry(message: "reloaded after \(reason): \(project.rules.rules.count) rules, \(project.plan.items.count) items",
                                      priority: .info, messageID: .reloaded))
        case .failure(let error):
            loaded.reloadProblem = "reload failed (\(error.description)); running the previous rules"
            journal.send(JournalEntry(message: "reload after \(reason) rejected: \(error.description); the previous rules and plan keep running",
                                      priority: .error, messageID: .reloadFailed))
        }
        notifier.notify(["READY=1", "STATUS=" + status(loaded)])
    }

    /// The one-line `STATUS=`.
    func status(_ loaded: Loaded) -> String {
        var parts: [String] = []
        if let problem = loaded.reloadProblem { parts.append(problem) }
        parts.append("\(loaded.project.rules.rules.count) rules, \(loaded.project.plan.items.count) items, "
            + "\(loaded.openAlerts) open alert\(loaded.openAlerts == 1 ? "" : "s")")
        if let wake = loaded.nextWake {
            let local = loaded.configuration.timezone.localDateTime(at: wake)
            parts.append("next event \(local.date.weekday.abbreviation) \(local.date) "
                + "\(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2))")
        }
        parts.append("cycles \(loaded.cycles)")
        return parts.joined(separator: "; ")
    }
}
