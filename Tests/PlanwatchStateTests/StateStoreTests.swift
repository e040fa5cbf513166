import Foundation
import PlanwatchCore
import PlanwatchState
import Testing

@Suite struct StateStoreTests {
    func store() throws -> StateStore {
        try StateStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-\(UUID().uuidString).sqlite").path)
    }

    let key = NotificationKey(rule: "r", subject: "s", occurrence: "2027-02-01", stage: "due", recipient: "p")

    @Test func aKeyIsRecordedOnceEver() throws {
        let store = try store()
        let row = LedgerRow(key: key, status: .spooled, file: "f1", messageID: "<f1@x>", severity: .warning,
                            slot: Instant(seconds: 1), recordedAt: Instant(seconds: 2))
        #expect(try store.record([row]) == 1)
        var again = row
        again.file = "f2"
        #expect(try store.record([again]) == 0)
        #expect(try store.allRows().map(\.file) == ["f1"])
        #expect(try store.recordedKeys(among: [key, NotificationKey(rule: "x", subject: "y", occurrence: "z", stage: "due", recipient: "p")]) == [key])
        #expect(try store.recordedFiles() == ["f1"])
        #expect(try store.recordedStages(occurrences: ["r/s/2027-02-01"]) == ["r/s/2027-02-01": ["due"]])
    }

    @Test func theDatabaseIsInWALModeAndReopens() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-\(UUID().uuidString).sqlite").path
        do {
            let store = try StateStore(path: path)
            try store.record([LedgerRow(key: key, status: .muted, file: nil, messageID: nil, severity: .info, slot: Instant(seconds: 1),
                                        recordedAt: Instant(seconds: 1), silence: 3)])
        }
        let reopened = try StateStore(path: path)
        #expect(try reopened.journalMode() == "wal")
        #expect(try reopened.allRows().first?.silence == 3)
        #expect(try reopened.ledgerCounts() == ["muted": 1])
    }

    @Test func silencesCanBeAddedListedAndExpired() throws {
        let store = try store()
        let id = try store.add(Silence(rule: "r", author: "ops", comment: "planned", createdAt: Instant(seconds: 100), expiresAt: Instant(seconds: 1000)))
        #expect(try store.silences().first?.isActive(at: Instant(seconds: 500)) == true)
        #expect(try store.expireSilence(id: id, at: Instant(seconds: 600)))
        #expect(try !store.expireSilence(id: id, at: Instant(seconds: 700)))
        #expect(try store.silences().first?.isActive(at: Instant(seconds: 650)) == false)
    }

    @Test func runsAndAlertStatesAreKept() throws {
        let store = try store()
        let id = try store.startRun(startedAt: Instant(seconds: 5), evaluatedAt: Instant(seconds: 5))
        try store.finishRun(RunRecord(id: id, startedAt: Instant(seconds: 5), finishedAt: Instant(seconds: 6), evaluatedAt: Instant(seconds: 5),
                                      findings: 3, mails: 2, notifications: 2, muted: 1, recovered: 0, outcome: "ok", message: nil))
        #expect(try store.recentRuns(limit: 1).first?.mails == 2)
        try store.save([StoredAlertState(rule: "r", unit: "u", state: "critical", since: "2026-11", lastPeriod: "2026-11", lastValue: 22)],
                       at: Instant(seconds: 7))
        #expect(try store.alertStates()["r/u"]?.state == "critical")
    }
}
