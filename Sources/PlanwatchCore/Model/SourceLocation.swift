/// Where something was written: a file and a 1-based line and column (0 when unknown).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The file's path as given to the loader.
    public var file: String
    /// The line, from 1; 0 when the position is not known.
    public var line: Int
    /// The column, from 1; 0 when the position is not known.
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col` (or just `file` when the position is unknown).
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
