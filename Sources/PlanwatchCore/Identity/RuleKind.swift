/// The kinds of rule, as rule files name them (`kind: deadline`).
public enum RuleKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Yearly (or other) follow-up deadlines of plan items: reminders, due, overdue, escalation.
    case deadline
    /// Workload thresholds on measurements, per unit.
    case threshold
    /// A scheduled report mailed to named roles.
    case report

    public var description: String { rawValue }
}

/// The stored state of a threshold series after its latest period.
public enum AlertState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case ok, pending, warning, critical

    /// Whether the alert is firing (warning or critical).
    public var isFiring: Bool { self == .warning || self == .critical }

    public var description: String { rawValue }
}
