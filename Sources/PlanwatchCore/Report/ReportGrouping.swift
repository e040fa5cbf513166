/// How a report's deadline occurrences are grouped for their on-time rates: by rule, by unit, or by
/// the value of one label of the items (`focus_area`, the default).
public enum ReportGrouping: Hashable, Sendable, CustomStringConvertible {
    case rule
    case unit
    /// The items' value of this label; items without it form a group of their own (key `nil`).
    case label(String)

    /// The default: the action plan's focus areas.
    public static let focusArea = ReportGrouping.label("focus_area")

    /// Parses `rule`, `unit` or a label's name (`focus_area`).
    public init(_ text: String) {
        switch text {
        case "rule": self = .rule
        case "unit": self = .unit
        default: self = .label(text)
        }
    }

    /// `rule`, `unit`, or the label's name.
    public var description: String {
        switch self {
        case .rule: "rule"
        case .unit: "unit"
        case .label(let name): name
        }
    }

    /// The group of an occurrence: its rule's id, its unit's id, or its label's value (`nil` when
    /// it has none).
    public func key(of occurrence: ReportOccurrence) -> String? {
        switch self {
        case .rule: occurrence.rule
        case .unit: occurrence.unit
        case .label(let name): occurrence.labels[name]
        }
    }
}
