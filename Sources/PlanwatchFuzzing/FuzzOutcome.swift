/// What one input did to a target.
public struct FuzzOutcome: Sendable, Hashable {
    /// Whether the target accepted the input (no error diagnostics).
    public var accepted: Bool
    /// The diagnostics printed for it, as `planwatch check` prints them (`rules.yaml:3:7: error: …`).
    public var diagnostics: [String]
    /// Broken invariants: each is a bug, whatever the input.
    public var violations: [String]

    public init(accepted: Bool, diagnostics: [String] = [], violations: [String] = []) {
        self.accepted = accepted
        self.diagnostics = diagnostics
        self.violations = violations
    }
}
