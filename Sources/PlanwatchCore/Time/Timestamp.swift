/// Parses the points in time users give on the command line (`--at`, `--base-time`).
///
/// Accepted: `@EPOCH` (seconds since 1970, UTC), `YYYY-MM-DD` (midnight), and
/// `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (a `T` may stand for the space), optionally followed by `Z`,
/// an offset (`+02:00`), ` UTC` or an IANA zone name (` Europe/Stockholm`). Without any of these
/// the time is read in the zone given to ``parse(_:in:)``; a wall-clock time that zone skips is an
/// error, one it repeats is read as the earlier.
///
/// Only times in ``supportedRange`` are accepted — from 1970-01-01 00:00:00 to 2199-12-31 23:59:59
/// UTC, the years systemd's calendar and the Swedish working-day calendar cover. Anything outside
/// is refused with a ``TimestampError`` (never an arithmetic overflow, never an evaluation that runs
/// without end).
public enum Timestamp {
    /// The instants planwatch computes with: @0 to @7258118399.
    public static let supportedRange = Instant(seconds: 0)...Instant(seconds: 7_258_118_399)

    /// The years of ``supportedRange``.
    public static let supportedYears = 1970...2199

    /// The error for a time outside ``supportedRange``.
    private static func outOfRange(_ text: String) -> TimestampError {
        TimestampError(text: text, reason: "outside the supported range 1970-01-01 00:00:00 to 2199-12-31 23:59:59 UTC (@0 to @7258118399)")
    }

    /// The instant of `text`, reading zone-less times in `zone`.
    public static func parse(_ text: String, in zone: Zone) throws(TimestampError) -> Instant {
        let trimmed = text.trimmingSpaces
        func fail(_ reason: String) -> TimestampError { TimestampError(text: text, reason: reason) }
        guard !trimmed.isEmpty else { throw fail("empty") }

        if trimmed.hasPrefix("@") {
            let number = trimmed.dropFirst()
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts[0].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw fail("expected seconds since the epoch after '@'")
            }
            // Compared as digits first: `@99999999999999999999` does not fit an Int64, and a count of
            // microseconds overflows long before that.
            let digits = parts[0].drop { $0 == "0" }
            guard digits.count <= 10, let seconds = Int64(digits.isEmpty ? "0" : String(digits)),
                  seconds <= supportedRange.upperBound.seconds else { throw outOfRange(text) }
            var micro: Int64 = 0
            if parts.count == 2 {
                guard let fraction = microseconds(parts[1]) else { throw fail("bad fraction") }
                micro = Int64(fraction)
            }
            return Instant(microseconds: seconds * 1_000_000 + micro)
        }

        // Split off a zone: " UTC", " Europe/Stockholm", "Z", "+02:00".
        var body = trimmed
        var readZone = zone
        var fixedOffset: Int?
        if let space = body.lastIndex(of: " "), body[..<space].contains(":") || !body[..<space].contains(" ") {
            let word = String(body[body.index(after: space)...])
            if word.first?.isLetter == true {
                guard let named = Zone(identifier: word) else { throw fail("unknown time zone '\(word)'") }
                readZone = named
                body = String(body[..<space]).trimmingSpaces
            }
        }
        if body.hasSuffix("Z") || body.hasSuffix("z") {
            fixedOffset = 0
            body.removeLast()
        } else if body.count > 10, let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }),
                  body.distance(from: body.startIndex, to: sign) > 10 {
            let offsetText = body[body.index(after: sign)...].filter { $0 != ":" }
            guard offsetText.count == 4, let value = Int(offsetText) else { throw fail("bad UTC offset") }
            let minutes = value / 100 * 60 + value % 100
            fixedOffset = (body[sign] == "-" ? -1 : 1) * minutes * 60
            body = String(body[..<sign])
        }

        guard let date = LocalDate(iso: body.prefix(10)) else {
            throw fail(body.count >= 10 && body.prefix(10).filter({ $0 == "-" }).count == 2
                ? "\(body.prefix(10)) is not a date that exists" : "expected YYYY-MM-DD[ HH:MM[:SS]] or @EPOCH")
        }
        guard supportedYears.contains(date.year) else { throw outOfRange(text) }
        var rest = body.dropFirst(10)
        var hour = 0, minute = 0, second = 0, micro = 0
        if let separator = rest.first {
            guard separator == " " || separator == "T" || separator == "t" else { throw fail("expected a space or 'T' after the date") }
            rest = rest.dropFirst()
            let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 2 || fields.count == 3 else { throw fail("expected HH:MM or HH:MM:SS after the date") }
            let secondParts = fields.count == 3 ? fields[2].split(separator: ".", omittingEmptySubsequences: false) : ["0"]
            guard fields[0].count == 2 || fields[0].count == 1, let h = Int(fields[0]), (0...23).contains(h),
                  fields[1].count == 2, let m = Int(fields[1]), (0...59).contains(m),
                  secondParts[0].count <= 2, let s = Int(secondParts[0]), (0...59).contains(s)
            else { throw fail("time out of range or malformed (HH 0-23, MM 0-59, SS 0-59)") }
            (hour, minute, second) = (h, m, s)
            if secondParts.count == 2 {
                guard let fraction = microseconds(secondParts[1]) else { throw fail("bad fraction of a second") }
                micro = fraction
            } else if secondParts.count > 2 {
                throw fail("bad fraction of a second")
            }
        }
        let local = LocalDateTime(date: date, hour: hour, minute: minute, second: second, microsecond: micro)
        let instant: Instant
        if let fixedOffset {
            instant = Instant(microseconds: (local.naiveSeconds - Int64(fixedOffset)) * 1_000_000 + Int64(micro))
        } else {
            switch readZone.resolve(local) {
            case .unique(let unique), .repeated(let unique, _): instant = unique
            case .skipped: throw fail("\(local) does not exist in \(readZone.identifier) (the clocks skip it)")
            }
        }
        // 1970-01-01 00:30 in Stockholm is still 1969 in UTC.
        guard supportedRange.contains(instant) else { throw outOfRange(text) }
        return instant
    }
}

/// The microseconds of a fraction of a second written with 1 to 6 digits (`5` → 500 000).
private func microseconds(_ digits: some StringProtocol) -> Int? {
    guard (1...6).contains(digits.count), digits.allSatisfy(\.isNumber), let value = Int(digits) else { return nil }
    return value * [1, 100_000, 10_000, 1_000, 100, 10, 1][digits.count]
}

/// Why a timestamp was rejected.
public struct TimestampError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// What is wrong.
    public let reason: String

    public var description: String { "invalid time '\(text)': \(reason)" }
}
