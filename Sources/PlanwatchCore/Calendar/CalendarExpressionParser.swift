/// The parser behind ``CalendarExpression/init(_:)``: a port of systemd's `calendar_spec_from_string`
/// (src/shared/calendarspec.c) that accepts and rejects the same texts, but says what is wrong.
struct CalendarExpressionParser {
    private let text: String
    private var bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parse() throws(CalendarExpressionError) -> CalendarExpression {
        let zone = try stripZone()
        var expression = CalendarExpression(source: text, zone: zone)
        let body = String(decoding: bytes, as: UTF8.self)
        guard !body.isEmpty else { throw fail(0, "empty calendar expression") }

        if let shorthand = Self.shorthand(body.lowercased()) {
            shorthand(&expression)
        } else {
            do throws(CalendarExpressionError) {
                try parseWeekdays(into: &expression)
                if try !parseDate(into: &expression) {
                    try parseTime(into: &expression)
                }
                if position < bytes.count {
                    throw fail(position, "unexpected \(found(position)) after the timestamp")
                }
            } catch {
                if let zoneError = unknownZoneError() { throw zoneError }
                throw error
            }
        }
        CalendarExpressionValidator.normalize(&expression)
        try CalendarExpressionValidator.validate(expression)
        return expression
    }

    // MARK: Zone

    /// Strips a trailing ` UTC` or ` <IANA zone>` (systemd checks ` UTC` case-insensitively first).
    private mutating func stripZone() throws(CalendarExpressionError) -> CalendarExpression.ExpressionZone {
        if bytes.count >= 4, String(decoding: bytes.suffix(4), as: UTF8.self).uppercased() == " UTC" {
            bytes.removeLast(4)
            return .utc
        }
        guard let space = bytes.lastIndex(of: UInt8(ascii: " ")) else { return .local }
        let name = String(decoding: bytes[(space + 1)...], as: UTF8.self)
        guard let zone = Zone(identifier: name) else { return .local }
        bytes.removeSubrange(space...)
        return zone == .utc ? .utc : .named(zone)
    }

    /// After a failed parse: a last word that looks like a zone name is the likelier culprit.
    private func unknownZoneError() -> CalendarExpressionError? {
        guard let space = bytes.lastIndex(of: UInt8(ascii: " ")) else { return nil }
        let word = String(decoding: bytes[(space + 1)...], as: UTF8.self)
        let looksLikeZone = word.contains("/") || (word.count >= 3 && word.allSatisfy(\.isLetter)
            && Self.weekdayNumber(word.lowercased()) == nil && Self.shorthand(word.lowercased()) == nil)
        guard looksLikeZone else { return nil }
        return fail(space + 1, "unknown time zone '\(word)' (expected an IANA name such as Europe/Stockholm, or UTC)")
    }

    // MARK: Shorthands

    private static func shorthand(_ name: String) -> ((inout CalendarExpression) -> Void)? {
        func constant(_ value: Int) -> [CalendarComponent] { [CalendarComponent(start: value)] }
        switch name {
        case "minutely":
            return { $0.second = constant(0) }
        case "hourly":
            return { $0.minute = constant(0); $0.second = constant(0) }
        case "daily":
            return { $0.hour = constant(0); $0.minute = constant(0); $0.second = constant(0) }
        case "monthly":
            return { $0.day = constant(1); $0.hour = constant(0); $0.minute = constant(0); $0.second = constant(0) }
        case "annually", "yearly", "anually":
            return {
                $0.month = constant(1); $0.day = constant(1)
                $0.hour = constant(0); $0.minute = constant(0); $0.second = constant(0)
            }
        case "weekly":
            return { $0.weekdays = 1; $0.hour = constant(0); $0.minute = constant(0); $0.second = constant(0) }
        case "quarterly":
            return {
                $0.month = [1, 4, 7, 10].map { CalendarComponent(start: $0) }; $0.day = constant(1)
                $0.hour = constant(0); $0.minute = constant(0); $0.second = constant(0)
            }
        case "biannually", "bi-annually", "semiannually", "semi-annually":
            return {
                $0.month = [1, 7].map { CalendarComponent(start: $0) }; $0.day = constant(1)
                $0.hour = constant(0); $0.minute = constant(0); $0.second = constant(0)
            }
        default:
            return nil
        }
    }

    // MARK: Weekdays

    private static let weekdayNames: [(String, Int)] = [
        ("monday", 0), ("mon", 0), ("tuesday", 1), ("tue", 1), ("wednesday", 2), ("wed", 2),
        ("thursday", 3), ("thu", 3), ("friday", 4), ("fri", 4), ("saturday", 5), ("sat", 5),
        ("sunday", 6), ("sun", 6),
    ]

    private static func weekdayNumber(_ word: String) -> Int? {
        weekdayNames.first { $0.0 == word }?.1
    }

    private mutating func parseWeekdays(into expression: inout CalendarExpression) throws(CalendarExpressionError) {
        var rangeStart = -1
        var first = true
        var bits = 0
        defer { if bits != 0 { expression.weekdays = bits } }
        while true {
            let start = position
            guard let (name, number) = Self.weekdayNames.first(where: { hasPrefix($0.0) }) else {
                if first { return }
                throw fail(start, "expected a weekday name, found \(found(start))")
            }
            let after = byte(at: position + name.utf8.count)
            guard [0, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: " ")].contains(after) else {
                throw fail(position + name.utf8.count, "unexpected \(found(position + name.utf8.count)) after a weekday name")
            }
            bits |= 1 << number
            if rangeStart >= 0 {
                if rangeStart > number {
                    throw fail(start, "weekday range runs backwards (ranges go Mon..Sun)")
                }
                for between in (rangeStart + 1)..<max(rangeStart + 1, number) { bits |= 1 << between }
            }
            position += name.utf8.count
            switch byte(at: position) {
            case 0:
                return
            case UInt8(ascii: " "):
                skipSpaces()
                return
            case UInt8(ascii: "."):
                if rangeStart >= 0 { throw fail(position, "a weekday range cannot continue another range") }
                guard byte(at: position + 1) == UInt8(ascii: ".") else {
                    throw fail(position, "expected '..' between two weekdays")
                }
                rangeStart = number
                position += 2
            case UInt8(ascii: "-"):
                if rangeStart >= 0 { throw fail(position, "a weekday range cannot continue another range") }
                rangeStart = number
                position += 1
            default:  // ","
                rangeStart = -1
                position += 1
            }
            if byte(at: position) == 0 || byte(at: position) == UInt8(ascii: " ") {
                if rangeStart >= 0 { throw fail(position, "weekday range has no end") }
                skipSpaces()
                return
            }
            first = false
        }
    }

    // MARK: Date and time

    /// Parses `[[YEAR-]MONTH-]DAY` (or `@EPOCH`); returns true when the time must not follow.
    private mutating func parseDate(into expression: inout CalendarExpression) throws(CalendarExpressionError) -> Bool {
        if position >= bytes.count { return false }
        if byte(at: position) == UInt8(ascii: "@") {
            try parseTimestamp(into: &expression)
            return true
        }
        let saved = position
        let first = try parseChain(seconds: false)
        if position >= bytes.count || byte(at: position) == UInt8(ascii: ":") {
            position = saved  // it was a time, not a date
            return false
        }
        try expectDateSeparator(&expression, after: "first date part")
        let second = try parseChain(seconds: false)
        if position >= bytes.count || byte(at: position) == UInt8(ascii: " ") {
            skipSpaces()
            expression.month = first
            expression.day = second
            return false
        }
        if expression.endOfMonth {
            throw fail(position, "unexpected \(found(position)) after the day: '~' may only stand before the day")
        }
        try expectDateSeparator(&expression, after: "month")
        let third = try parseChain(seconds: false)
        guard position >= bytes.count || byte(at: position) == UInt8(ascii: " ") else {
            throw fail(position, "unexpected \(found(position)) after the date")
        }
        skipSpaces()
        expression.year = first
        expression.month = second
        expression.day = third
        return false
    }

    private mutating func expectDateSeparator(_ expression: inout CalendarExpression, after part: String) throws(CalendarExpressionError) {
        switch byte(at: position) {
        case UInt8(ascii: "~"): expression.endOfMonth = true
        case UInt8(ascii: "-"): break
        default:
            throw fail(position, "unexpected \(found(position)) after the \(part): expected '-' or '~' in a date, ':' in a time")
        }
        position += 1
    }

    private mutating func parseTimestamp(into expression: inout CalendarExpression) throws(CalendarExpressionError) {
        position += 1
        let start = position
        guard let value = try parseNumber() else { throw fail(start, "expected seconds since the epoch after '@'") }
        guard value <= 253_402_300_799 else { throw fail(start, "timestamp @\(value) is too large") }
        let seconds = Int64(value)
        let local = LocalDateTime(naiveSeconds: seconds)
        let (year, month, day) = local.date.parts
        func constant(_ value: Int) -> [CalendarComponent] { [CalendarComponent(start: value, column: start + 1)] }
        expression.year = constant(year)
        expression.month = constant(month)
        expression.day = constant(day)
        expression.hour = constant(local.hour)
        expression.minute = constant(local.minute)
        expression.second = constant(local.second * 1_000_000)
        expression.forceUTC()
    }

    private mutating func parseTime(into expression: inout CalendarExpression) throws(CalendarExpressionError) {
        let zero = [CalendarComponent(start: 0)]
        if position >= bytes.count {
            expression.hour = zero
            expression.minute = zero
            expression.second = zero
            return
        }
        let hour = try parseChain(seconds: false)
        guard byte(at: position) == UInt8(ascii: ":") else {
            throw fail(position, "unexpected \(found(position)) after the hour: expected ':'")
        }
        position += 1
        let minute = try parseChain(seconds: false)
        var second = zero
        if position < bytes.count {
            guard byte(at: position) == UInt8(ascii: ":") else {
                throw fail(position, "unexpected \(found(position)) after the minute")
            }
            position += 1
            second = try parseChain(seconds: true)
            if position < bytes.count {
                throw fail(position, "unexpected \(found(position)) after the seconds")
            }
        }
        expression.hour = hour
        expression.minute = minute
        expression.second = second
    }

    // MARK: Components

    /// `*`, or a comma-separated list of values, ranges and repetitions. An empty array means any value.
    private mutating func parseChain(seconds: Bool) throws(CalendarExpressionError) -> [CalendarComponent] {
        if byte(at: position) == UInt8(ascii: "*") {
            position += 1
            if byte(at: position) == UInt8(ascii: "/") {
                throw fail(position, "'*' cannot repeat; write the first value instead, e.g. '0/2'")
            }
            return seconds ? [CalendarComponent(start: 0, repeat: 1_000_000, column: position)] : []
        }
        var chain: [CalendarComponent] = []
        while true {
            if chain.count > 240 { throw fail(position, "too many values in one field (at most 240)") }
            let column = position + 1
            let start = try parseDecimal(seconds: seconds)
            var stop = -1
            var step = 0
            if byte(at: position) == UInt8(ascii: "."), byte(at: position + 1) == UInt8(ascii: ".") {
                position += 2
                stop = try parseDecimal(seconds: seconds)
                step = seconds ? 1_000_000 : 1
            }
            if byte(at: position) == UInt8(ascii: "/") {
                position += 1
                let stepColumn = position
                step = try parseDecimal(seconds: seconds)
                if step == 0 { throw fail(stepColumn, "repetition '/0' never advances") }
            } else if seconds && stop >= 0 && start + step > stop {
                throw fail(column - 1, "seconds range must span at least one second (or give a repetition)")
            }
            let next = byte(at: position)
            if next == UInt8(ascii: "."), !seconds {
                throw fail(position, "fractions are allowed only in the seconds")
            }
            guard [0, UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "~"), UInt8(ascii: ":")].contains(next) else {
                throw fail(position, "unexpected \(found(position))")
            }
            chain.append(CalendarComponent(start: start, stop: stop, repeat: step, column: column))
            guard next == UInt8(ascii: ",") else { return chain }
            position += 1
        }
    }

    /// A decimal number; for seconds also a fraction (rounded to microseconds), returned in microseconds.
    private mutating func parseDecimal(seconds: Bool) throws(CalendarExpressionError) -> Int {
        let start = position
        guard let whole = try parseNumber() else {
            let here = byte(at: start)
            if here == UInt8(ascii: "~"), start > 0, bytes[start - 1] == UInt8(ascii: "-") {
                throw fail(start, "'~' takes the place of the '-' before the day: write '~01', not '-~01'")
            }
            if (here | 0x20) >= UInt8(ascii: "a"), (here | 0x20) <= UInt8(ascii: "z") {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: ",") { end += 1 }
                let word = String(decoding: bytes[start..<end], as: UTF8.self)
                throw fail(start, "unknown word '\(word)' (weekdays are Mon..Sun or Monday..Sunday and come first)")
            }
            throw fail(start, "expected a number or '*', found \(found(start))")
        }
        let tooLarge = fail(start, "number \(String(decoding: bytes[start..<position], as: UTF8.self)) is too large")
        guard whole <= Int(Int32.max) else { throw tooLarge }
        var value = whole
        if seconds {
            value = whole * 1_000_000
            if byte(at: position) == UInt8(ascii: "."), byte(at: position + 1) != UInt8(ascii: ".") {
                position += 1
                value += try parseFraction()
            }
        }
        guard value <= Int(Int32.max) else { throw tooLarge }
        return value
    }

    /// Six decimal places, rounded on the seventh (systemd's `parse_fractional_part_u`).
    private mutating func parseFraction() throws(CalendarExpressionError) -> Int {
        var value = 0
        for index in 0..<6 {
            guard isDigit(byte(at: position)) else {
                if index == 0 { throw fail(position, "expected digits after the decimal point") }
                for _ in index..<6 { value *= 10 }
                break
            }
            value = value * 10 + Int(byte(at: position) - UInt8(ascii: "0"))
            position += 1
        }
        if byte(at: position) >= UInt8(ascii: "5"), byte(at: position) <= UInt8(ascii: "9") { value += 1 }
        while isDigit(byte(at: position)) { position += 1 }
        return value
    }

    /// Digits at the cursor as a number; `nil` when there is no digit. Large values are capped.
    private mutating func parseNumber() throws(CalendarExpressionError) -> Int? {
        guard isDigit(byte(at: position)) else { return nil }
        var value = 0
        while isDigit(byte(at: position)) {
            value = min(value * 10 + Int(byte(at: position) - UInt8(ascii: "0")), Int(Int64.max / 100))
            position += 1
        }
        return value
    }

    // MARK: Cursor helpers

    private func byte(at index: Int) -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func hasPrefix(_ lowercased: String) -> Bool {
        let name = Array(lowercased.utf8)
        guard position + name.count <= bytes.count else { return false }
        for (offset, character) in name.enumerated() {
            var byte = bytes[position + offset]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != character { return false }
        }
        return true
    }

    private mutating func skipSpaces() {
        while byte(at: position) == UInt8(ascii: " ") { position += 1 }
    }

    /// The character at an index, quoted, or "the end of the expression".
    private func found(_ index: Int) -> String {
        guard index < bytes.count else { return "end of expression" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[index..<end], as: UTF8.self) + "'"
    }

    private func fail(_ index: Int, _ message: String) -> CalendarExpressionError {
        CalendarExpressionError(text, column: index + 1, message)
    }
}
