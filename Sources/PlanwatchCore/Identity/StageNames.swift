/// Each stage's textual form (``Stage/description``), made once per stage rather than once per
/// finding: a listing names the stage of every finding and occurrence, thousands of them.
public struct StageNames: Sendable {
    /// The stages met so far and their names: a rule has a few stages, found by comparing (cheaper
    /// than hashing a stage each time).
    private var names: [(stage: Stage, name: String)] = []
    /// The stages past the first few (many overdue notices or repeats), by hash.
    private var more: [Stage: String] = [:]
    /// How many stages are found by comparing before the rest go to `more`.
    public static let compared = 12

    public init() {}

    /// The name of `stage`.
    public mutating func callAsFunction(_ stage: Stage) -> String {
        for known in names where known.stage == stage { return known.name }
        if let name = more[stage] { return name }
        let name = stage.description
        if names.count < Self.compared { names.append((stage, name)) } else { more[stage] = name }
        return name
    }
}
