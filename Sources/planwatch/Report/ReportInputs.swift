import PlanwatchCore

/// What `planwatch report` reads besides the rules and the plan: the completions recorded in the
/// state (replies, `planwatch complete`) and the silences. A seam: the report command asks
/// ``ReportInputs/forConfiguration(_:)`` and nothing else.
struct ReportInputs: Sendable {
    /// Every recorded completion, revoked ones included (the report leaves those out itself).
    var recordedCompletions: @Sendable () async throws -> [RecordedCompletion]
    /// Every silence, expired ones included (what matters is when each was in force).
    var silences: @Sendable () async throws -> [Silence]

    /// No recorded completions and no silences: the plan data's completions only.
    static let none = ReportInputs(recordedCompletions: { [] }, silences: { [] })

    /// The inputs of an installation. For now ``none``: the state store does not hand out recorded
    /// completions yet. To connect it, return closures that read `runtime.state` here.
    static func forConfiguration(_ configuration: Configuration) -> ReportInputs { .none }
}
