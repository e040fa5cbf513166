/// Normalisation and validation of a parsed expression, as systemd's `calendar_spec_normalize`
/// and `calendar_spec_valid` (systemd 252) do them.
enum CalendarExpressionValidator {
    static func normalize(_ expression: inout CalendarExpression) {
        if expression.weekdays <= 0 || expression.weekdays >= 127 { expression.weekdays = -1 }
        if expression.endOfMonth && expression.day.isEmpty { expression.endOfMonth = false }
        expression.year = expression.year.map(fixYear)
        for keyPath in [\CalendarExpression.year, \.month, \.day, \.hour, \.minute, \.second] {
            expression[keyPath: keyPath] = normalizeChain(expression[keyPath: keyPath])
        }
    }

    /// Two-digit years: `12` → 2012, `89` → 1989.
    private static func fixYear(_ component: CalendarComponent) -> CalendarComponent {
        var component = component
        func fix(_ value: Int) -> Int {
            if value >= 0 && value < 70 { return value + 2000 }
            if value >= 70 && value < 100 { return value + 1900 }
            return value
        }
        component.start = fix(component.start)
        if component.stop >= 0 { component.stop = fix(component.stop) }
        return component
    }

    /// Trims each range to a multiple of its step, drops steps that never fire, sorts, and removes duplicates.
    private static func normalizeChain(_ chain: [CalendarComponent]) -> [CalendarComponent] {
        var result = chain.map { component -> CalendarComponent in
            var component = component
            if component.stop > component.start && component.repeat > 0 {
                component.stop -= (component.stop - component.start) % component.repeat
            }
            if (component.stop > component.start && component.start + component.repeat > component.stop)
                || component.start == component.stop {
                component.repeat = 0
                component.stop = -1
            }
            return component
        }
        result.sort()
        var unique: [CalendarComponent] = []
        for component in result where unique.last != component { unique.append(component) }
        return unique
    }

    static func validate(_ expression: CalendarExpression) throws(CalendarExpressionError) {
        try validate(expression.year, .year, expression.source)
        try validate(expression.month, .month, expression.source)
        try validate(expression.day, expression.endOfMonth ? .lastDay : .day, expression.source)
        try validate(expression.hour, .hour, expression.source)
        try validate(expression.minute, .minute, expression.source)
        try validate(expression.second, .second, expression.source)
    }

    private static func validate(_ chain: [CalendarComponent], _ field: CalendarField, _ source: String) throws(CalendarExpressionError) {
        let from = field.range.lowerBound
        var to = field.range.upperBound
        for component in chain {
            // systemd 252 lowers the bound of `~N` offsets by 3 (to 28) once per element of the
            // chain, not once per field: `~20,23..27/4` is rejected there, so it is here.
            if field == .lastDay && component != chain.first { to -= 3 }
            let range = from...max(from, to)
            func fail(_ message: String) -> CalendarExpressionError {
                CalendarExpressionError(source, column: max(component.column, 1), message)
            }
            let shown = field.show(component.start)
            guard range.contains(component.start) else {
                throw fail("\(field.name) \(shown) is out of range \(field.show(from))..\(field.show(to))")
            }
            guard component.repeat <= to - from else {
                throw fail("\(field.name) repetition /\(field.show(component.repeat).trimmingTilde) is larger than the range \(field.show(from))..\(field.show(to))")
            }
            if component.stop >= 0 {
                guard range.contains(component.stop) else {
                    throw fail("\(field.name) \(field.show(component.stop)) is out of range \(field.show(from))..\(field.show(to))")
                }
                guard component.start + component.repeat <= component.stop else {
                    throw fail("\(field.name) range \(shown)..\(field.show(component.stop).trimmingTilde) is empty (a range runs from the smaller to the larger value)")
                }
            } else if field == .lastDay {
                guard component.start - component.repeat >= from else {
                    throw fail("\(field.name) \(shown)/\(component.repeat) never repeats within ~\(from)..~\(to)")
                }
            } else {
                guard component.start + component.repeat <= to else {
                    throw fail("\(field.name) \(shown)/\(field.show(component.repeat)) never repeats within \(field.show(from))..\(field.show(to))")
                }
            }
        }
    }
}

private extension String {
    var trimmingTilde: String { hasPrefix("~") ? String(dropFirst()) : self }
}
