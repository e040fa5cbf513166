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
/// A thin driver around ``DaemonStateMachine``: it turns timers, file changes, signals and watchdog
/// ticks into events, performs the machine's actions (load, cycle, `sd_notify`, arm the timer, journal)
/// and feeds back what came of them. It sleeps until the next moment anything can change — the next
/// send slot or weekly digest, a change in the rule or plan folders, SIGHUP, a wall-clock jump.
public struct DaemonService: Service {
    let installation: Installation
    let runtime: Runtime
    let notifier: any ServiceNotifier
    let now: @Sendable () -> Instant

    /// A daemon for an installation, with the state, spool and journal of `runtime`.
    public init(installation: Installation, runtime: Runtime, notifier: any ServiceNotifier, now: @escaping @Sendable () -> Instant) {
        self.installation = installation
        self.runtime = runtime
        self.notifier = notifier
        self.now = now
    }

    /// The configuration and project in use.
    final class Current: @unchecked Sendable {
        // Only the driver's task touches it.
        var runtime: Runtime
        var project: LoadedProject
        init(runtime: Runtime, project: LoadedProject) {
            self.runtime = runtime
            self.project = project
        }
    }

    public func run() async throws {
        var machine = DaemonStateMachine()
        let first = load()
        var current: Current?
        var startEvent = DaemonStateMachine.Event.started(.failed("not loaded"))
        switch first {
        case .success(let (configuration, project)):
            current = Current(runtime: runtime.with(configuration: configuration), project: project)
            startEvent = .started(.loaded(summary(configuration, project)))
        case .failure(let failure):
            startEvent = .started(.failed(failure.description))
        }
        let hub = EventHub()
        // SIGHUP must be handled before READY=1: its default action would end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let signalTask = Task { for await _ in hangups { hub.send(.reload) } }
        defer { signalTask.cancel() }
        let timer = try WallClockTimer(hub: hub)
        let configuration = current?.runtime.configuration ?? runtime.configuration
        let watcher = try FileWatcher(paths: configuration.rulePaths + [configuration.planPath]
            + [configuration.source].compactMap { $0 }, hub: hub)
        // The reply inbox, when replies are set up (Postfix delivers into its new/).
        let inboxWatcher: FileWatcher? = configuration.replyAddress == nil ? nil : try {
            try InboxMaildir(root: configuration.inboxPath).prepare()
            return try FileWatcher(paths: [configuration.inboxPath + "/new"], hub: hub, quiet: 0.2, event: .inboxChanged)
        }()
        let watchdogTask = notifier.watchdogInterval.map { interval in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval / 2)
                    hub.send(.watchdog)
                }
            }
        }
        defer { watchdogTask?.cancel() }
        let stop = StopFlag()
        var failure: String?

        /// Performs actions, and the events they lead to, until none are left.
        func perform(_ event: DaemonStateMachine.Event) async {
            var queue = machine.handle(event, now: now())
            while !queue.isEmpty {
                let action = queue.removeFirst()
                switch action {
                case .notify(let assignments): notifier.notify(assignments)
                case .notifyReloading:
                    notifier.notify(["RELOADING=1", "MONOTONIC_USEC=\(SystemdNotifier.monotonicMicroseconds())"])
                case .armTimer(let instant): timer.arm(at: instant)
                case .journal(let entry): runtime.journal.send(entry)
                case .stop(let reason):
                    failure = reason
                    stop.stop()
                    hub.finish()
                case .reload:
                    let outcome: DaemonStateMachine.LoadOutcome
                    switch load() {
                    case .success(let (configuration, project)):
                        if let current {
                            current.runtime = current.runtime.with(configuration: configuration)
                            current.project = project
                        } else {
                            current = Current(runtime: runtime.with(configuration: configuration), project: project)
                        }
                        outcome = .loaded(summary(configuration, project))
                    case .failure(let failure):
                        outcome = .failed(failure.description)
                    }
                    queue += machine.handle(.reloaded(outcome), now: now())
                case .runCycle:
                    guard let current else { continue }
                    queue += machine.handle(.cycleFinished(await cycle(current, stop: stop)), now: now())
                case .processInbox:
                    guard let current, current.runtime.configuration.replyAddress != nil else { continue }
                    queue += machine.handle(.inboxProcessed(failure: await processInbox(current)), now: now())
                }
            }
        }

        await withGracefulShutdownHandler {
            await perform(startEvent)
            for await event in hub.events {
                if stop.isStopped { break }
                let translated: DaemonStateMachine.Event = switch event {
                case .watchdog: .watchdogTick
                case .reload: .reloadRequested
                case .filesChanged: .filesChanged
                case .clockChanged: .clockChanged
                case .timer: .timer
                case .inboxChanged: .inboxChanged
                }
                await perform(translated)
            }
        } onGracefulShutdown: {
            stop.stop()
            hub.finish()
        }
        if failure == nil { await perform(.shutdownRequested) }
        withExtendedLifetime(watcher) {}
        withExtendedLifetime(inboxWatcher) {}
        withExtendedLifetime(timer) {}
        if let failure { throw DaemonError(failure) }
        runtime.logger.info("planwatch stopped")
    }

    /// Configuration and project, each problem journaled.
    private func load() -> Result<(Configuration, LoadedProject), Installation.Failure> {
        let result = installation.load()
        let diagnostics: [Diagnostic]
        switch result {
        case .success(let loaded): diagnostics = loaded.diagnostics
        case .failure(let failure): diagnostics = failure.diagnostics
        }
        for diagnostic in diagnostics {
            let priority: JournalPriority = switch diagnostic.severity {
            case .error: .error
            case .warning: .warning
            case .note: .notice
            }
            runtime.journal.send(JournalEntry(message: diagnostic.description, priority: priority,
                                              messageID: nil, fields: [("CODE_FILE", diagnostic.location.file),
                                                                       ("CODE_LINE", String(diagnostic.location.line))]))
        }
        if case .failure(let failure) = result {
            runtime.journal.send(JournalEntry(message: failure.description, priority: .error, messageID: nil))
        }
        return result.map { ($0.configuration, $0.project) }
    }

    private func summary(_ configuration: Configuration, _ project: LoadedProject) -> DaemonStateMachine.LoadedSummary {
        DaemonStateMachine.LoadedSummary(rules: project.rules.rules.count, items: project.plan.items.count,
                                         planFolderEmpty: project.plan.units.isEmpty && project.plan.items.isEmpty
                                             && project.plan.people.isEmpty && project.plan.measurements.isEmpty,
                                         planPath: configuration.planPath, zone: configuration.timezone)
    }

    /// One pass over the reply inbox, under the cycle lock; the reason when it failed.
    private func processInbox(_ current: Current) async -> String? {
        let processor = InboxProcessor(runtime: current.runtime, project: current.project)
        do {
            _ = try await processor.run(at: now())
            return nil
        } catch {
            return "\(error)"
        }
    }

    private func cycle(_ current: Current, stop: StopFlag) async -> DaemonStateMachine.CycleOutcome {
        let at = now()
        let planner = NotificationPlanner(configuration: current.runtime.configuration, people: current.project.plan.people)
        do {
            let summary = try await current.runtime.cycle.run(project: current.project, at: at, deliver: false,
                                                              shouldContinue: { !stop.isStopped })
            return .completed(openAlerts: summary.openAlerts, nextWake: summary.nextWake ?? planner.nextWake(after: at))
        } catch {
            // The cycle journaled the failure itself.
            return .failed("\(error)", nextSlot: planner.nextWake(after: at))
        }
    }
}
