/// The identity of one occurrence: a rule, its subject (an item or a unit) and which occurrence.
/// Every notification about the occurrence shares it; its textual form is `rule/subject/occurrence`.
public struct OccurrenceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The rule's id.
    public var rule: String
    /// The item (deadline and report rules) or unit (threshold rules).
    public var subject: String
    public var occurrence: Occurrence

    public init(rule: String, subject: String, occurrence: Occurrence) {
        self.rule = rule
        self.subject = subject
        self.occurrence = occurrence
    }

    /// Parses `rule/subject/occurrence`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, let occurrence = Occurrence(parts[2]) else { return nil }
        self.init(rule: String(parts[0]), subject: String(parts[1]), occurrence: occurrence)
    }

    public var description: String { "\(rule)/\(subject)/\(occurrence)" }

    public static func < (lhs: OccurrenceKey, rhs: OccurrenceKey) -> Bool {
        (lhs.rule, lhs.subject, lhs.occurrence) < (rhs.rule, rhs.subject, rhs.occurrence)
    }
}

/// The identity of one threshold series: a rule and a unit (`rule/unit`).
public struct SeriesKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rule: String
    public var unit: String

    public init(rule: String, unit: String) {
        self.rule = rule
        self.unit = unit
    }

    public var description: String { "\(rule)/\(unit)" }

    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool { (lhs.rule, lhs.unit) < (rhs.rule, rhs.unit) }
}
