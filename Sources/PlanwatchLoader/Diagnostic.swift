public import PlanwatchCore

/// A problem found while loading, reported like a compiler: `file:line:col: error: message`,
/// with a hint where one helps.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Severity: String, Hashable, Sendable {
        case error, warning
        /// Something worth knowing that is not wrong (an empty plan folder of a fresh install).
        case note
    }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A suggestion (`did you mean 'remind'?`).
    public var hint: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: message`, and `  hint: …` on a second line when there is a hint.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.message) < (rhs.location, rhs.message)
    }
}

/// Collects diagnostics while a load goes on (one loader, one thread).
final class DiagnosticCollector {
    private(set) var all: [Diagnostic] = []
    /// How many of them are errors.
    private(set) var errorCount = 0

    func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.error, at: location, message, hint: hint))
        errorCount += 1
    }

    func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.warning, at: location, message, hint: hint))
    }

    func note(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.note, at: location, message, hint: hint))
    }

    var hasErrors: Bool { errorCount > 0 }

    func merge(_ other: DiagnosticCollector) {
        all += other.all
        errorCount += other.errorCount
    }

    /// Adds another collector's diagnostics, `lines` lines further down (a part read on its own).
    func merge(_ other: DiagnosticCollector, movingLinesBy lines: Int) {
        all += other.all.map { diagnostic in
            var moved = diagnostic
            moved.location.line += lines
            return moved
        }
        errorCount += other.errorCount
    }
}
