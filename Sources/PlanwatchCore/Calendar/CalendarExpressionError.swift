/// Why a calendar expression was rejected, and where.
///
/// `description` reads `'*-13-01': month 13 is out of range 1..12`; `column` (1-based) points at
/// the offending part of the expression.
public struct CalendarExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The expression as given.
    public let expression: String
    /// The 1-based column of the offending part within `expression`.
    public let column: Int
    /// What is wrong, in a sentence fragment without the expression.
    public let message: String

    init(_ expression: String, column: Int, _ message: String) {
        self.expression = expression
        self.column = column
        self.message = message
    }

    public var description: String { "'\(expression)': \(message)" }
}
