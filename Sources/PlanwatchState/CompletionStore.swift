public import PlanwatchCore

/// Completions recorded by a reply or by `planwatch complete`: kept with who, when and how; undone
/// by a revocation, never deleted.
public protocol CompletionStore: Sendable {
    /// Records a completion and returns it with its id. One with the same reply `messageID` is
    /// recorded once: the second time, the first is returned.
    func record(_ completion: RecordedCompletion) async throws(StateError) -> RecordedCompletion
    /// Every recorded completion, revoked ones included, oldest first.
    func recordedCompletions() async throws(StateError) -> [RecordedCompletion]
    /// Undoes a completion; the revoked record, or `nil` when there is none of that id or it is
    /// revoked already.
    func revokeCompletion(id: Int64, at instant: Instant, by author: RecordedCompletion.Author) async throws(StateError) -> RecordedCompletion?
}
