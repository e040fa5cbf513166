import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchState

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

    /// The inputs of an installation: its state, opened read-only the way `evaluate` reads it
    /// (never created). No state yet (the daemon has not run) means none of either.
    /// - Parameter planOnly: the plan data's completions only (`--plan-only`); silences still count.
    static func forConfiguration(_ configuration: Configuration, planOnly: Bool = false) -> ReportInputs {
        let path = configuration.statePath
        let environment = Environment(configuration: configuration)
        @Sendable func open() throws -> Runtime? {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try environment.runtime(.existing)
        }
        return ReportInputs(
            recordedCompletions: {
                guard !planOnly, let runtime = try open() else { return [] }
                return try await runtime.state.recordedCompletions()
            },
            silences: {
                guard let runtime = try open() else { return [] }
                return try await runtime.state.silences()
            })
    }
}
