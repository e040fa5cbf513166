public import PlanwatchCore

/// The state of each threshold series as the last cycle left it (to journal what changed).
public protocol AlertStateStore: Sendable {
    /// Every stored series state.
    func alertStates() async throws(StateError) -> [SeriesKey: StoredAlertState]
    /// Replaces the stored states of the given series.
    func save(_ states: [StoredAlertState], at instant: Instant) async throws(StateError)
}

/// The stored state of one threshold series.
public struct StoredAlertState: Hashable, Sendable {
    public var series: SeriesKey
    public var state: AlertState
    /// The period the firing episode began.
    public var since: String?
    public var lastPeriod: String?
    public var lastValue: Double?

    public init(series: SeriesKey, state: AlertState, since: String?, lastPeriod: String?, lastValue: Double?) {
        self.series = series
        self.state = state
        self.since = since
        self.lastPeriod = lastPeriod
        self.lastValue = lastValue
    }
}
