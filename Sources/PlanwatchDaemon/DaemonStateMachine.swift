public import PlanwatchCore
public import PlanwatchOutput

/// The daemon's decisions as a value: events in, actions out, in the manner of
/// swift-service-lifecycle's `UnixSignalsSequence.StateMachine`. It does no I/O and reads no clock:
/// the driver (``DaemonService``) passes `now`, performs the actions, and feeds back what came of
/// them as events. Tested alone with made-up events and times.
public struct DaemonStateMachine: Sendable {
    /// What happens to the daemon.
    public enum Event: Sendable, Equatable {
        /// The first load of configuration, rules and plan finished.
        case started(LoadOutcome)
        /// The timer the daemon armed has fired.
        case timer
        /// The wall clock was set (a jump): plan again.
        case clockChanged
        /// Rule or plan files changed.
        case filesChanged
        /// Mail arrived in the reply inbox.
        case inboxChanged
        /// A pass over the inbox finished; with a reason, it failed.
        case inboxProcessed(failure: String?)
        /// SIGHUP (`systemctl reload`).
        case reloadRequested
        /// A reload finished (the driver adopts a good new set itself, and keeps the old one otherwise).
        case reloaded(LoadOutcome)
        /// A cycle finished.
        case cycleFinished(CycleOutcome)
        /// Time to ping the watchdog.
        case watchdogTick
        /// SIGTERM or SIGINT.
        case shutdownRequested
    }

    /// How a load went.
    public enum LoadOutcome: Sendable, Equatable {
        case loaded(LoadedSummary)
        case failed(String)
    }

    /// What a successful load holds, for `STATUS=`.
    public struct LoadedSummary: Sendable, Equatable {
        public var rules: Int
        public var items: Int
        /// The plan folder has no plan data yet (a fresh install: idle, not failing).
        public var planFolderEmpty: Bool
        public var planPath: String
        public var zone: Zone

        public init(rules: Int, items: Int, planFolderEmpty: Bool, planPath: String, zone: Zone) {
            self.rules = rules
            self.items = items
            self.planFolderEmpty = planFolderEmpty
            self.planPath = planPath
            self.zone = zone
        }
    }

    /// How a cycle went.
    public enum CycleOutcome: Sendable, Equatable {
        /// Done; the next moment a cycle can send something.
        case completed(openAlerts: Int, nextWake: Instant)
        /// Failed (the state or spool could not be written); the next send slot, which a retry will not pass.
        case failed(String, nextSlot: Instant)
    }

    /// What the driver is to do, in order.
    public enum Action: Sendable, Equatable {
        /// Load configuration, rules and plan again; answer with ``Event/reloaded(_:)``.
        case reload
        /// Run a cycle now; answer with ``Event/cycleFinished(_:)``.
        case runCycle
        /// Process the reply inbox; answer with ``Event/inboxProcessed(failure:)``.
        case processInbox
        /// Send these assignments to the service manager (`READY=1`, `STATUS=…`).
        case notify([String])
        /// `RELOADING=1` with `MONOTONIC_USEC=` (the driver reads the monotonic clock).
        case notifyReloading
        /// Fire ``Event/timer`` at this instant (replacing any earlier timer).
        case armTimer(Instant)
        /// Write this to the journal.
        case journal(JournalEntry)
        /// Stop the daemon; with a reason, as a failure.
        case stop(failure: String?)
    }

    private enum State: Sendable {
        case starting
        case running(Running)
        case stopped
    }

    private struct Running: Sendable {
        var loaded: LoadedSummary
        var reloadProblem: String?
        var cycleProblem: String?
        var cycles = 0
        var isReady = false
        var openAlerts = 0
        var nextWake: Instant?
        /// Failed cycles in a row (for the retry delay).
        var failures = 0
        /// What the reload under way is for (`SIGHUP`, `a file change`).
        var reloadReason = "SIGHUP"
    }

    private var state = State.starting

    /// The first retry after a failed cycle, doubled after each further failure up to the maximum.
    public var retryDelay: Int64 = 60
    public var maximumRetryDelay: Int64 = 900

    public init() {}

    /// Handles one event at `now`; returns what to do.
    public mutating func handle(_ event: Event, now: Instant) -> [Action] {
        switch (state, event) {
        case (.stopped, _):
            return []
        case (_, .shutdownRequested):
            state = .stopped
            return [.notify(["STOPPING=1", "STATUS=stopping"]), .stop(failure: nil)]
        case (.starting, .started(.failed(let reason))):
            state = .stopped
            return [.notify(["STATUS=the rules, plan or configuration are not valid; see the journal"]),
                    .stop(failure: "cannot start: \(reason) (see the journal)")]
        case (.starting, .started(.loaded(let summary))):
            state = .running(Running(loaded: summary))
            return [.processInbox, .runCycle]
        case (.starting, _):
            return []
        case (.running(var running), _):
            let actions = handle(event, running: &running, now: now)
            if case .running = state { state = .running(running) }
            return actions
        }
    }

    private mutating func handle(_ event: Event, running: inout Running, now: Instant) -> [Action] {
        switch event {
        case .watchdogTick:
            return [.notify(["WATCHDOG=1"])]
        case .timer:
            return [.runCycle]
        case .inboxChanged:
            return [.processInbox]
        case .inboxProcessed(let failure):
            guard let failure else { return [] }
            return [.journal(JournalEntry(message: "processing the reply inbox failed: \(failure); it is tried again when mail arrives "
                                            + "and with the next cycle", priority: .error, messageID: nil))]
        case .clockChanged:
            return [.journal(JournalEntry(message: "the wall clock was set; planning the schedule again", priority: .notice,
                                          messageID: nil)), .runCycle]
        case .filesChanged, .reloadRequested:
            running.reloadReason = event == .reloadRequested ? "SIGHUP" : "a file change"
            return [.notifyReloading, .notify(["STATUS=reloading"]), .reload]
        case .reloaded(.loaded(let summary)):
            running.loaded = summary
            running.reloadProblem = nil
            return [.journal(JournalEntry(message: "reloaded after \(running.reloadReason): \(summary.rules) rules, \(summary.items) items",
                                          priority: .info, messageID: .reloaded)),
                    .notify(["READY=1", "STATUS=" + status(running)]), .runCycle]
        case .reloaded(.failed(let reason)):
            running.reloadProblem = "reload failed (\(reason)); running the previous rules"
            return [.journal(JournalEntry(message: "reload after \(running.reloadReason) rejected: \(reason); the previous rules and plan "
                                            + "keep running", priority: .error, messageID: .reloadFailed)),
                    .notify(["READY=1", "STATUS=" + status(running)]), .runCycle]
        case .cycleFinished(let outcome):
            running.cycles += 1
            let wake: Instant
            switch outcome {
            case .completed(let openAlerts, let nextWake):
                running.openAlerts = openAlerts
                running.cycleProblem = nil
                running.failures = 0
                wake = nextWake
            case .failed(let reason, let nextSlot):
                running.cycleProblem = "the last cycle failed (\(reason)); trying again"
                running.failures += 1
                let delay = min(maximumRetryDelay, retryDelay << Int64(min(running.failures - 1, 20)))
                wake = min(nextSlot, now.adding(seconds: delay))
            }
            running.nextWake = wake
            var assignments = ["STATUS=" + status(running)]
            if !running.isReady {
                running.isReady = true
                assignments.insert("READY=1", at: 0)
            }
            return [.notify(assignments), .armTimer(wake)]
        case .started, .shutdownRequested:
            return []
        }
    }

    /// The one-line `STATUS=`.
    private func status(_ running: Running) -> String {
        var parts: [String] = []
        if let problem = running.reloadProblem { parts.append(problem) }
        if let problem = running.cycleProblem { parts.append(problem) }
        if running.loaded.planFolderEmpty {
            parts.append("no plan data yet in \(running.loaded.planPath); \(running.loaded.rules) rules loaded, idle")
        } else {
            parts.append("\(running.loaded.rules) rules, \(running.loaded.items) items, "
                + "\(running.openAlerts) open alert\(running.openAlerts == 1 ? "" : "s")")
        }
        if let wake = running.nextWake {
            let local = running.loaded.zone.localDateTime(at: wake)
            parts.append("next event \(local.date.weekday.abbreviation) \(local.date) "
                + "\(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2))")
        }
        parts.append("cycles \(running.cycles)")
        return parts.joined(separator: "; ")
    }
}
