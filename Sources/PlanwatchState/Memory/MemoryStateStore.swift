public import PlanwatchCore

/// The state in memory: the same contract as ``SQLiteStateStore``, for tests and dry runs.
public actor MemoryStateStore: NotificationLedger, AlertStateStore, SilenceStore, RunLog {
    private var ledger: [NotificationKey: LedgerRow] = [:]
    private var alerts: [SeriesKey: StoredAlertState] = [:]
    private var silenceList: [Silence] = []
    private var runs: [RunRecord] = []
    private var inputs: [String] = []
    var completionList: [RecordedCompletion] = []
    var tokens: [String: ReplyTokenRecord] = [:]
    var inbox: [String: InboxEntry] = [:]

    public init() {}

    // MARK: NotificationLedger

    public func recordedKeys(among keys: [NotificationKey]) throws(StateError) -> Set<NotificationKey> {
        Set(keys.filter { ledger[$0] != nil })
    }

    public func recordedStages(of occurrences: Set<OccurrenceKey>) throws(StateError) -> [OccurrenceKey: Set<Stage>] {
        var result: [OccurrenceKey: Set<Stage>] = [:]
        for key in ledger.keys where occurrences.contains(key.occurrence) { result[key.occurrence, default: []].insert(key.stage) }
        return result
    }

    @discardableResult
    public func record(_ rows: [LedgerRow]) throws(StateError) -> Int {
        var inserted = 0
        for row in rows where ledger[row.key] == nil {
            ledger[row.key] = row
            inserted += 1
        }
        return inserted
    }

    public func recordedFiles() throws(StateError) -> Set<String> { Set(ledger.values.compactMap(\.file)) }

    public func rows(file: String) throws(StateError) -> [LedgerRow] {
        ledger.values.filter { $0.file == file }.sorted { $0.key < $1.key }
    }

    public func recentRows(limit: Int) throws(StateError) -> [LedgerRow] {
        Array(ledger.values.sorted { ($0.recordedAt, $1.key) > ($1.recordedAt, $0.key) }.prefix(limit))
    }

    public func allRows() throws(StateError) -> [LedgerRow] { ledger.values.sorted { $0.key < $1.key } }

    public func ledgerCounts() throws(StateError) -> [LedgerRow.Status: Int] {
        ledger.values.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    public func recordedRecipients(of occurrences: Set<OccurrenceKey>) throws(StateError) -> [OccurrenceKey: Set<String>] {
        var result: [OccurrenceKey: Set<String>] = [:]
        for row in ledger.values where row.status == .spooled && occurrences.contains(row.key.occurrence) {
            result[row.key.occurrence, default: []].insert(row.key.recipient)
        }
        return result
    }

    // MARK: AlertStateStore

    public func alertStates() throws(StateError) -> [SeriesKey: StoredAlertState] { alerts }

    public func save(_ states: [StoredAlertState], at instant: Instant) throws(StateError) {
        for state in states { alerts[state.series] = state }
    }

    // MARK: SilenceStore

    public func add(_ silence: Silence) throws(StateError) -> Int64 {
        var stored = silence
        stored.id = Int64(silenceList.count + 1)
        silenceList.append(stored)
        return stored.id
    }

    public func silences() throws(StateError) -> [Silence] { silenceList.reversed() }

    public func expireSilence(id: Int64, at instant: Instant) throws(StateError) -> Bool {
        guard let index = silenceList.firstIndex(where: { $0.id == id }), silenceList[index].expiredAt == nil,
              silenceList[index].expiresAt > instant else { return false }
        silenceList[index].expiredAt = instant
        return true
    }

    // MARK: RunLog

    public func startRun(startedAt: Instant, evaluatedAt: Instant) throws(StateError) -> Int64 {
        for index in runs.indices where runs[index].outcome == .running {
            runs[index].outcome = .interrupted
            runs[index].message = "the process ended before the run did"
        }
        let id = Int64(runs.count + 1)
        runs.append(RunRecord(id: id, startedAt: startedAt, finishedAt: nil, evaluatedAt: evaluatedAt, findings: 0, mails: 0,
                              notifications: 0, muted: 0, recovered: 0, outcome: .running, message: nil))
        return id
    }

    public func finishRun(_ record: RunRecord) throws(StateError) {
        guard let index = runs.firstIndex(where: { $0.id == record.id }) else { return }
        runs[index] = record
    }

    public func recentRuns(limit: Int) throws(StateError) -> [RunRecord] { Array(runs.reversed().prefix(limit)) }

    public func replaceInputs(_ files: [String]) throws(StateError) -> [String] {
        defer { inputs = Array(Set(files)).sorted() }
        return inputs
    }
}
