import Foundation
import Logging
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState
import Testing

/// What a cycle refuses to do, and says: mail it cannot compose, stages older than what an
/// occurrence already got (the clock set back), files that went away.
@Suite struct CycleRefusalTests {
    static let root = CycleTests.root
    let zone = Zone(identifier: "Europe/Stockholm")!
    func at(_ text: String) -> Instant { try! Timestamp.parse(text, in: zone) }

    func project() throws -> (Configuration, LoadedProject) {
        var configuration = Configuration()
        configuration.digest = "immediate"
        configuration.mailTransport = .none
        configuration.roles = ["styrgrupp": ["p-anna", "p-erik"]]
        let project = try ProjectLoader.load(paths: [Self.root.appendingPathComponent("Tests/Fixtures/rules").path,
                                                     Self.root.appendingPathComponent("Tests/Fixtures/plan").path], configuration: configuration)
        return (configuration, project)
    }

    @Test func aCycleThatCannotComposeMailFailsAndIsRecordedAsFailed() async throws {
        var (configuration, project) = try project()
        // An address the composer refuses (the loader refuses it too; here it is put in by hand).
        for index in project.plan.people.indices where project.plan.people[index].id == "p-lena" {
            project.plan.people[index].email = "lena@exämple.se"
        }
        project.plan = PlanSnapshot(units: project.plan.units, people: project.plan.people, items: project.plan.items,
                                    measurements: project.plan.measurements)
        configuration.digest = "immediate"
        let store = MemoryStateStore(), spool = MemorySpool(), journal = MemoryJournal()
        let cycle = Cycle(configuration: configuration, state: store, spool: spool, journal: journal, logger: Logger(label: "t"))
        await #expect(throws: Cycle.CompositionFailure.self) {
            try await cycle.run(project: project, at: at("2027-01-04 09:00"), deliver: false)
        }
        let run = try #require(try await store.recentRuns(limit: 1).first)
        #expect(run.outcome == .failed && run.message?.contains("p-lena") == true, "\(run)")
        // The others' mail was spooled and recorded all the same.
        let spooled = await spool.names(in: .waiting)
        #expect(run.mails > 0 && !spooled.isEmpty)
        #expect(journal.entries.contains { $0["PRIORITY"] == "3" && $0["MESSAGE"]?.contains("cannot compose mail for p-lena") == true })
    }

    /// A cycle at 2027-01-25, then one at 2027-01-04 (the clock set back): the second sends no
    /// stage older than one an occurrence already got, and says why.
    @Test(arguments: Backends.allCases)
    func aClockSetBackSendsNoOlderStage(backends: Backends) async throws {
        let (configuration, project) = try project()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-back-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (store, spool) = try backends.make(folder)
        let journal = MemoryJournal()
        let cycle = Cycle(configuration: configuration, state: store, spool: spool, journal: journal, logger: Logger(label: "t"))
        let later = try await cycle.run(project: project, at: at("2027-01-25 09:00"), deliver: false)
        #expect(later.notifications > 0)
        let sentLater = Set(try await store.allRows().map(\.key))
        let earlier = try await cycle.run(project: project, at: at("2027-01-04 09:00"), deliver: false)
        let sentEarlier = Set(try await store.allRows().map(\.key)).subtracting(sentLater)
        // Nothing about an occurrence that already got a later stage.
        let laterOccurrences = Set(sentLater.map(\.occurrence))
        #expect(sentEarlier.filter { laterOccurrences.contains($0.occurrence) }.isEmpty, "\(sentEarlier.map(\.description).sorted())")
        #expect(earlier.stale > 0)
        #expect(journal.entries.contains { $0["MESSAGE_ID"] == MessageID.staleStage.rawValue && $0["PLANWATCH_LATEST_STAGE"] != nil })
        #expect(journal.entries.contains { $0["MESSAGE_ID"] == MessageID.staleStage.rawValue && $0["MESSAGE"]?.contains("the clock was set back") == true })
        // Forward again: what is due then is sent as usual.
        let again = try await cycle.run(project: project, at: at("2027-02-02 09:00"), deliver: false)
        #expect(again.notifications > 0)
    }

    @Test func aFileThatDisappearedSinceTheLastCycleIsJournaled() async throws {
        let (configuration, project) = try project()
        let store = MemoryStateStore(), spool = MemorySpool(), journal = MemoryJournal()
        let cycle = Cycle(configuration: configuration, state: store, spool: spool, journal: journal, logger: Logger(label: "t"))
        _ = try await cycle.run(project: project, at: at("2027-01-04 09:00"), deliver: false)
        var fewer = project
        let gone = try #require(fewer.files.first { $0.hasSuffix("items.yaml") })
        fewer.files.removeAll { $0 == gone }
        _ = try await cycle.run(project: fewer, at: at("2027-01-04 10:00"), deliver: false)
        let entry = journal.entries.first { $0["MESSAGE_ID"] == MessageID.inputDisappeared.rawValue }
        #expect(entry?["PLANWATCH_FILE"] == gone && entry?["PRIORITY"] == "4")
        _ = try await cycle.run(project: fewer, at: at("2027-01-04 11:00"), deliver: false)
        #expect(journal.entries.filter { $0["MESSAGE_ID"] == MessageID.inputDisappeared.rawValue }.count == 1)
    }
}
