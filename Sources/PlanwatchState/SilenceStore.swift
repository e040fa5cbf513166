public import PlanwatchCore

/// Silences: who muted what, why, and until when. A silence is ended, never deleted.
public protocol SilenceStore: Sendable {
    /// Adds a silence and returns its id.
    func add(_ silence: Silence) async throws(StateError) -> Int64
    /// Every silence, newest first.
    func silences() async throws(StateError) -> [Silence]
    /// Ends a silence now. Returns false when there is no such silence or it has already ended.
    func expireSilence(id: Int64, at instant: Instant) async throws(StateError) -> Bool
}
