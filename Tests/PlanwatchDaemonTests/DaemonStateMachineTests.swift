import PlanwatchCore
import PlanwatchDaemon
import PlanwatchOutput
import Testing

/// The daemon's decisions alone: made-up events at made-up times, and the actions that come out.
@Suite struct DaemonStateMachineTests {
    let zone = Zone(identifier: "Europe/Stockholm")!
    func at(_ text: String) -> Instant { try! Timestamp.parse(text, in: zone) }
    var loaded: DaemonStateMachine.LoadedSummary {
        DaemonStateMachine.LoadedSummary(rules: 4, items: 69, planFolderEmpty: false, planPath: "/var/lib/planwatch/plan", zone: zone)
    }

    /// The notify assignments of some actions, in order.
    func notified(_ actions: [DaemonStateMachine.Action]) -> [String] {
        actions.flatMap { action -> [String] in
            if case .notify(let assignments) = action { return assignments }
            return []
        }
    }

    @Test func aGoodStartRunsACycleAndIsReadyOnlyWhenItIsDone() {
        var machine = DaemonStateMachine()
        let start = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        #expect(start == [.processInbox, .runCycle])
        let wake = at("2027-01-04 08:00")
        let done = machine.handle(.cycleFinished(.completed(openAlerts: 2, nextWake: wake)), now: at("2027-01-04 07:00"))
        #expect(notified(done).first == "READY=1")
        #expect(notified(done).last == "STATUS=4 rules, 69 items, 2 open alerts; next event Mon 2027-01-04 08:00; cycles 1")
        #expect(done.last == .armTimer(wake))
        // The next cycle is not READY again.
        let again = machine.handle(.cycleFinished(.completed(openAlerts: 0, nextWake: wake)), now: at("2027-01-04 08:00"))
        #expect(!notified(again).contains("READY=1"))
    }

    @Test func aBadStartStopsWithTheReasonAndNeverSaysReady() {
        var machine = DaemonStateMachine()
        let actions = machine.handle(.started(.failed("2 errors in rules or plan data")), now: at("2027-01-04 07:00"))
        #expect(actions.contains(.stop(failure: "cannot start: 2 errors in rules or plan data (see the journal)")))
        #expect(!notified(actions).contains("READY=1"))
        #expect(machine.handle(.timer, now: at("2027-01-04 08:00")).isEmpty)
    }

    @Test func aFreshInstallWithoutPlanDataIsIdleAndSaysSo() {
        var machine = DaemonStateMachine()
        var empty = loaded
        empty.planFolderEmpty = true
        _ = machine.handle(.started(.loaded(empty)), now: at("2027-01-04 07:00"))
        let done = machine.handle(.cycleFinished(.completed(openAlerts: 0, nextWake: at("2027-01-04 08:00"))), now: at("2027-01-04 07:00"))
        #expect(notified(done).contains("READY=1"))
        #expect(notified(done).last?.hasPrefix("STATUS=no plan data yet in /var/lib/planwatch/plan") == true)
    }

    @Test func timersAndClockJumpsRunACycle() {
        var machine = DaemonStateMachine()
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        #expect(machine.handle(.timer, now: at("2027-01-04 08:00")) == [.runCycle])
        let jump = machine.handle(.clockChanged, now: at("2027-01-04 08:00"))
        #expect(jump.last == .runCycle)
        #expect(machine.handle(.watchdogTick, now: at("2027-01-04 08:00")) == [.notify(["WATCHDOG=1"])])
    }

    @Test func aReloadSaysReloadingThenReadyAndRunsACycle() {
        var machine = DaemonStateMachine()
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        _ = machine.handle(.cycleFinished(.completed(openAlerts: 0, nextWake: at("2027-01-04 08:00"))), now: at("2027-01-04 07:00"))
        let reload = machine.handle(.reloadRequested, now: at("2027-01-04 07:30"))
        #expect(reload == [.notifyReloading, .notify(["STATUS=reloading"]), .reload])
        var more = loaded
        more.rules = 5
        let done = machine.handle(.reloaded(.loaded(more)), now: at("2027-01-04 07:30"))
        #expect(notified(done).first == "READY=1" && notified(done).last?.hasPrefix("STATUS=5 rules") == true)
        #expect(done.contains { if case .journal(let entry) = $0 { entry["MESSAGE"] == "reloaded after SIGHUP: 5 rules, 69 items" } else { false } })
        #expect(done.last == .runCycle)
    }

    @Test func aRejectedReloadKeepsThePreviousRulesAndSaysWhyUntilAGoodOne() {
        var machine = DaemonStateMachine()
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        _ = machine.handle(.filesChanged, now: at("2027-01-04 07:30"))
        let rejected = machine.handle(.reloaded(.failed("1 error in rules or plan data")), now: at("2027-01-04 07:30"))
        let journaled = rejected.compactMap { if case .journal(let entry) = $0 { entry } else { nil } }
        #expect(journaled.first?["MESSAGE"] == "reload after a file change rejected: 1 error in rules or plan data; "
            + "the previous rules and plan keep running")
        #expect(journaled.first?["PRIORITY"] == "3" && journaled.first?["MESSAGE_ID"] == MessageID.reloadFailed.rawValue)
        #expect(notified(rejected).last?.hasPrefix("STATUS=reload failed (1 error in rules or plan data); running the previous rules; 4 rules")
            == true)
        _ = machine.handle(.reloadRequested, now: at("2027-01-04 07:40"))
        let good = machine.handle(.reloaded(.loaded(loaded)), now: at("2027-01-04 07:40"))
        #expect(notified(good).last?.hasPrefix("STATUS=4 rules") == true)
    }

    @Test func aFailedCycleIsRetriedSoonerAndSoonerNotOnlyAtTheNextSlot() {
        var machine = DaemonStateMachine()
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        let slot = at("2027-01-05 08:00")
        let first = machine.handle(.cycleFinished(.failed("state database: disk I/O error", nextSlot: slot)), now: at("2027-01-04 08:00"))
        #expect(first.last == .armTimer(at("2027-01-04 08:01")))
        #expect(notified(first).last?.contains("the last cycle failed (state database: disk I/O error); trying again") == true)
        let second = machine.handle(.cycleFinished(.failed("again", nextSlot: slot)), now: at("2027-01-04 08:01"))
        #expect(second.last == .armTimer(at("2027-01-04 08:03")))
        // Never later than the next send slot, and back to normal once a cycle works.
        let late = machine.handle(.cycleFinished(.failed("again", nextSlot: at("2027-01-04 08:04"))), now: at("2027-01-04 08:03"))
        #expect(late.last == .armTimer(at("2027-01-04 08:04")))
        let fine = machine.handle(.cycleFinished(.completed(openAlerts: 0, nextWake: slot)), now: at("2027-01-04 08:04"))
        #expect(fine.last == .armTimer(slot) && !(notified(fine).last ?? "").contains("failed"))
    }

    @Test func shutdownSaysStoppingAndThenNothingMoreHappens() {
        var machine = DaemonStateMachine()
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        #expect(machine.handle(.shutdownRequested, now: at("2027-01-04 07:05")) == [.notify(["STOPPING=1", "STATUS=stopping"]), .stop(failure: nil)])
        #expect(machine.handle(.timer, now: at("2027-01-04 08:00")).isEmpty)
    }
}
