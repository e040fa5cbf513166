/// Why a calendar expression was rejected, and where.
///
/// `description` reads `'*-13-01': month 13 is out of range 1..12`; `column` (1-based) points at
/// the offending part of the expression.
public struct CalendarExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The expression as given.
    public let expression: String
    /// The 1-based column of the offending part within `expression`, in characters (as the
    /// loader counts the columns of a file).
    public let column: Int
    /// What is wrong, in a sentence fragment without the expression.
    public let message: String

    /// - Parameter byteColumn: the 1-based column in the expression's UTF-8 bytes, where the parser works.
    init(_ expression: String, column byteColumn: Int, _ message: String) {
        self.expression = expression
        self.column = String(decoding: expression.utf8.prefix(max(byteColumn - 1, 0)), as: UTF8.self).count + 1
        self.message = message
    }

    public var description: String { "'\(expression)': \(message)" }
}
