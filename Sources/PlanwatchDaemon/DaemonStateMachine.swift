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
        /// This node's leadership changed (a shared state: only the leader runs cycles).
        case leadershipChanged(LeadershipChange)
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

    /// This node's part: alone (SQLite), or leader or standby on a shared state.
    private enum Role: Sendable, Equatable {
        case alone
        case leader(epoch: Int64)
        case standby(problem: String?)
    }

    private struct Running: Sendable {
        var loaded: LoadedSummary
        var role = Role.alone
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

    /// This node's name (in journal entries about leadership).
    public var node: String
    /// Whether the state is shared with other nodes (PostgreSQL): then cycles run only while leading.
    public var shared: Bool

    /// A machine for a node alone on its state, or one of several sharing it (`shared`).
    public init(node: String = "localhost", shared: Bool = false) {
        self.node = node
        self.shared = shared
    }

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
            var running = Running(loaded: summary)
            guard shared else {
                state = .running(running)
                return [.processInbox, .runCycle]
            }
            // A standby until the lease keeper says otherwise; ready at once (it serves by waiting).
            running.role = .standby(problem: nil)
            running.isReady = true
            state = .running(running)
            return [.processInbox, .notify(["READY=1", "STATUS=" + status(running)])]
        case (.starting, _):
            return []
        case (.running(var running), _):
            var actions = handle(event, running: &running, now: now)
            // Fails closed: a node that does not lead runs no cycle (the leader does).
            if case .standby = running.role { actions.removeAll { $0 == .runCycle } }
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
        case .leadershipChanged(let change):
            return leadershipChanged(change, running: &running)
        case .started, .shutdownRequested:
            return []
        }
    }

    private func leadershipChanged(_ change: LeadershipChange, running: inout Running) -> [Action] {
        switch change {
        case .gained(let epoch):
            running.role = .leader(epoch: epoch)
            return [.journal(JournalEntry(message: "\(node) leads now (lease epoch \(epoch)); running the cycles", priority: .notice,
                                          messageID: .leadershipGained,
                                          fields: [("PLANWATCH_NODE", node), ("PLANWATCH_EPOCH", String(epoch))])),
                    .notify(["STATUS=" + status(running)]), .runCycle]
        case .lost(let epoch, let reason):
            running.role = .standby(problem: nil)
            return [.journal(JournalEntry(message: "\(node) no longer leads (it held epoch \(epoch)): \(reason); standing by, writing nothing",
                                          priority: .warning, messageID: .leadershipLost,
                                          fields: [("PLANWATCH_NODE", node), ("PLANWATCH_EPOCH", String(epoch)), ("PLANWATCH_REASON", reason)])),
                    .notify(["STATUS=" + status(running)])]
        case .standby(let problem):
            running.role = .standby(problem: problem)
            var actions: [Action] = [.notify(["STATUS=" + status(running)])]
            if let problem {
                actions.insert(.journal(JournalEntry(message: "\(node) cannot reach the shared state to ask for the lease: \(problem); "
                                                         + "standing by", priority: .error, messageID: nil,
                                                     fields: [("PLANWATCH_NODE", node)])), at: 0)
            }
            return actions
        }
    }

    /// The one-line `STATUS=`.
    private func status(_ running: Running) -> String {
        var parts: [String] = []
        switch running.role {
        case .alone: break
        case .leader(let epoch): parts.append("leader (epoch \(epoch))")
        case .standby(nil): parts.append("standby")
        case .standby(let problem?): parts.append("standby, the state cannot be reached (\(problem))")
        }
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
