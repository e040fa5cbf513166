import PlanwatchCore
import PlanwatchDaemon
import PlanwatchOutput
import Testing

/// The daemon's decisions on a shared state: only the leader runs cycles; gaining and losing the
/// lease are journaled with their MESSAGE_IDs and shown in STATUS=.
@Suite struct LeadershipStateMachineTests {
    let zone = Zone(identifier: "Europe/Stockholm")!
    func at(_ text: String) -> Instant { try! Timestamp.parse(text, in: zone) }
    var loaded: DaemonStateMachine.LoadedSummary {
        DaemonStateMachine.LoadedSummary(rules: 4, items: 69, planFolderEmpty: false, planPath: "/var/lib/planwatch/plan", zone: zone)
    }

    func notified(_ actions: [DaemonStateMachine.Action]) -> [String] {
        actions.flatMap { action -> [String] in
            if case .notify(let assignments) = action { return assignments }
            return []
        }
    }

    func journaled(_ actions: [DaemonStateMachine.Action]) -> [JournalEntry] {
        actions.compactMap { action in
            if case .journal(let entry) = action { return entry }
            return nil
        }
    }

    @Test func aStandbyIsReadyAtOnceAndRunsNoCycleUntilItLeads() {
        var machine = DaemonStateMachine(node: "web2", shared: true)
        let start = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        #expect(!start.contains(.runCycle))
        #expect(notified(start).first == "READY=1")
        #expect(notified(start).last?.hasPrefix("STATUS=standby; 4 rules, 69 items") == true)
        #expect(!machine.handle(.timer, now: at("2027-01-04 08:00")).contains(.runCycle))
        #expect(!machine.handle(.clockChanged, now: at("2027-01-04 08:00")).contains(.runCycle))
        #expect(!machine.handle(.reloaded(.loaded(loaded)), now: at("2027-01-04 08:00")).contains(.runCycle))
    }

    @Test func gainingTheLeaseRunsACycleAndIsJournaled() {
        var machine = DaemonStateMachine(node: "web2", shared: true)
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        let gained = machine.handle(.leadershipChanged(.gained(epoch: 7)), now: at("2027-01-04 07:01"))
        #expect(gained.last == .runCycle)
        #expect(journaled(gained).first?["MESSAGE_ID"] == MessageID.leadershipGained.rawValue)
        #expect(journaled(gained).first?["PLANWATCH_EPOCH"] == "7")
        #expect(notified(gained).last?.hasPrefix("STATUS=leader (epoch 7); ") == true)
        #expect(machine.handle(.timer, now: at("2027-01-04 08:00")) == [.runCycle])
    }

    @Test func losingTheLeaseStopsTheCyclesSaysWhyAndStandsBy() {
        var machine = DaemonStateMachine(node: "web1", shared: true)
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        _ = machine.handle(.leadershipChanged(.gained(epoch: 3)), now: at("2027-01-04 07:00"))
        let lost = machine.handle(.leadershipChanged(.lost(epoch: 3, reason: "another node holds the lease now")), now: at("2027-01-04 07:05"))
        let entry = journaled(lost).first
        #expect(entry?["MESSAGE_ID"] == MessageID.leadershipLost.rawValue)
        #expect(entry?["MESSAGE"]?.contains("another node holds the lease now") == true)
        #expect(entry?["PRIORITY"] == "4")
        #expect(notified(lost).last?.hasPrefix("STATUS=standby; ") == true)
        #expect(!machine.handle(.timer, now: at("2027-01-04 08:00")).contains(.runCycle))
    }

    @Test func anUnreachableStateIsShownAndJournaledOnce() {
        var machine = DaemonStateMachine(node: "web1", shared: true)
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        let down = machine.handle(.leadershipChanged(.standby(problem: "cannot reach the server")), now: at("2027-01-04 07:01"))
        #expect(journaled(down).first?["PRIORITY"] == "3")
        #expect(notified(down).last?.hasPrefix("STATUS=standby, the state cannot be reached (cannot reach the server)") == true)
        let back = machine.handle(.leadershipChanged(.standby(problem: nil)), now: at("2027-01-04 07:02"))
        #expect(journaled(back).isEmpty)
        #expect(notified(back).last?.hasPrefix("STATUS=standby; ") == true)
    }

    @Test func aNodeAloneOnItsStateNeverMentionsLeadership() {
        var machine = DaemonStateMachine()
        _ = machine.handle(.started(.loaded(loaded)), now: at("2027-01-04 07:00"))
        let done = machine.handle(.cycleFinished(.completed(openAlerts: 0, nextWake: at("2027-01-04 08:00"))), now: at("2027-01-04 07:00"))
        #expect(notified(done).last?.hasPrefix("STATUS=4 rules") == true)
    }
}
