public import PlanwatchCore

// In tests, stages and occurrences may be written as the texts they are (`"remind-28d"`,
// `"2027-02-01"`); a text that is not one stops the test at once.
extension Stage: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = Stage(text)! }
}

extension Occurrence: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = Occurrence(text)! }
}

extension Finding: Equatable {
    /// Two findings say the same: the same fields, recipients and texts.
    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.key == rhs.key && lhs.stage == rhs.stage && lhs.severity == rhs.severity && lhs.since == rhs.since && lhs.due == rhs.due
            && lhs.value == rhs.value && lhs.threshold == rhs.threshold && lhs.recipients == rhs.recipients
            && lhs.message.titles == rhs.message.titles && lhs.message.texts == rhs.message.texts
    }
}
