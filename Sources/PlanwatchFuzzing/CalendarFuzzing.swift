import PlanwatchCore

/// The calendar target: an expression is parsed; when accepted, its normal form must parse to the
/// same expression, and its next elapses must come later and later, as systemd's do.
enum CalendarFuzzing {
    /// Around the spring-forward night of 2027 in Stockholm, and near the end of the calendar's range.
    static let bases = [Instant(seconds: 1_806_190_200), Instant(seconds: 7_258_032_000)]
    static let zones = [Zone.utc, Zone(identifier: "Europe/Stockholm") ?? .utc]

    static func run(_ input: [UInt8]) -> FuzzOutcome {
        let text = String(decoding: input, as: UTF8.self)
        let expression: CalendarExpression
        do {
            expression = try CalendarExpression(text)
        } catch {
            var violations: [String] = []
            if error.column < 1 || error.column > text.count + 1 {
                violations.append("error column \(error.column) outside the expression of \(text.count) characters: \(error)")
            }
            return FuzzOutcome(accepted: false, diagnostics: ["\(error)"], violations: violations)
        }
        var violations: [String] = []
        let normalized = expression.normalized
        do {
            let again = try CalendarExpression(normalized)
            if again.normalized != normalized {
                violations.append("'\(text)' normalises to '\(normalized)', which normalises to '\(again.normalized)'")
            }
        } catch {
            violations.append("'\(text)' normalises to '\(normalized)', which is rejected: \(error)")
        }
        for zone in zones {
            for base in bases {
                var previous = base
                for next in expression.nextElapses(after: base, in: zone, count: 3) {
                    if next <= previous {
                        violations.append("'\(text)' in \(zone): \(next) does not come after \(previous)")
                    }
                    previous = next
                }
            }
        }
        return FuzzOutcome(accepted: true, diagnostics: [], violations: violations)
    }
}
