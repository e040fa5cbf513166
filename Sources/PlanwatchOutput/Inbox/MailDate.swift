public import PlanwatchCore

/// RFC 5322 dates (`Tue, 1 Dec 2026 08:00:00 +0100`) read as instants, with the obsolete and
/// common non-standard forms mail still carries.
public enum MailDate {
    /// The instant a `Date:` value names, or `nil` when it names none.
    ///
    /// Accepts: the day of the week or not; one- or two-digit days; month names in any case, full
    /// or abbreviated (English); two-digit years (`< 50` → 20xx, else 19xx) and three-digit ones
    /// (+ 1900); missing seconds; `+hhmm`, `+hh:mm`, `+hh`; the RFC 5322 zone names (`UT`, `GMT`,
    /// `EST` … `PDT`), `UTC`, `Z`, the European ones (`CET`, `CEST`, `MET`, `MEST`, `WET`, `WEST`, `EET`,
    /// `EEST`, `BST`); comments (`(CET)`); the asctime order (`Tue Dec  1 08:00:00 2026`).
    /// Military letters and unknown zone names count as UTC (RFC 5322 § 4.3), and so does a missing zone.
    /// Rejects dates and times that do not exist (`31 Feb`, `25:00`).
    public static func parse(_ text: String) -> Instant? {
        guard text.utf8.count <= 200 else { return nil }  // no date is longer; nothing pathological reaches the loops
        var cleaned = ""
        var commentDepth = 0
        for character in text {
            if character == "(" { commentDepth += 1; cleaned.append(" "); continue }
            if character == ")", commentDepth > 0 { commentDepth -= 1; continue }
            guard commentDepth == 0 else { continue }
            cleaned.append(character == "," ? " " : character)
        }
        // Obsolete syntax allows spaces around the colons of the time.
        cleaned = cleaned.split(whereSeparator: \.isWhitespace).joined(separator: " ").replacing(" :", with: ":").replacing(": ", with: ":")
        var numbers: [Int] = []
        var month: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offset: Int?
        for token in cleaned.split(whereSeparator: \.isWhitespace).map(String.init) {
            if let first = token.first, first == "+" || first == "-" {
                guard time != nil, offset == nil, let parsed = parseOffset(token.dropFirst(), negative: first == "-") else { return nil }
                offset = parsed
            } else if token.contains(":") {
                guard time == nil, let parsed = parseTime(token) else { return nil }
                time = parsed
            } else if token.allSatisfy(\.isASCIIDigit) {
                guard token.count <= 4, let value = Int(token) else { return nil }
                numbers.append(value)
            } else if token.allSatisfy(\.isLetter) {
                let lower = token.lowercased()
                if month == nil, lower.count >= 3, let index = monthNames.firstIndex(where: { $0.hasPrefix(lower) }) {
                    month = index + 1
                } else if lower.count >= 3, weekdayNames.contains(where: { $0.hasPrefix(lower) }) {
                    continue
                } else if time != nil {
                    // A zone name: known, or UTC; after a numeric offset, a remark (`+0100 CET`).
                    if offset == nil { offset = zoneNames[lower.uppercased()] ?? 0 }
                } else {
                    return nil
                }
            } else if time != nil, offset == nil, let zone = zoneWithOffset(token) {
                offset = zone
            } else {
                return nil
            }
        }
        guard let month, let time, numbers.count == 2 else { return nil }
        let day = numbers[0]
        var year = numbers[1]
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard let date = LocalDate(year: year, month: month, day: day) else { return nil }
        let seconds = Int64(date.dayNumber) * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second) - Int64(offset ?? 0)
        return Instant(seconds: seconds)
    }

    /// `hh:mm` or `hh:mm:ss` (a fraction of a second is ignored).
    private static func parseTime(_ token: String) -> (hour: Int, minute: Int, second: Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var values: [Int] = []
        for (index, part) in parts.enumerated() {
            let digits = index == 2 ? part.prefix { $0 != "." } : part
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
            values.append(value)
        }
        let second = values.count == 3 ? values[2] : 0
        guard values[0] < 24, values[1] < 60, second <= 60 else { return nil }
        return (values[0], values[1], second)
    }

    /// Seconds east of UTC for `hhmm`, `hh:mm` or `hh` after the sign.
    private static func parseOffset(_ digits: Substring, negative: Bool) -> Int? {
        let plain = digits.filter { $0 != ":" }
        guard plain.allSatisfy(\.isASCIIDigit), plain.count == 4 || plain.count == 2, let value = Int(plain) else { return nil }
        let hours = plain.count == 4 ? value / 100 : value
        let minutes = plain.count == 4 ? value % 100 : 0
        guard hours < 24, minutes < 60 else { return nil }
        return (hours * 3600 + minutes * 60) * (negative ? -1 : 1)
    }

    /// `GMT+0100`, `UTC+01:00`.
    private static func zoneWithOffset(_ token: String) -> Int? {
        guard let sign = token.firstIndex(where: { $0 == "+" || $0 == "-" }),
              zoneNames[token[..<sign].uppercased()] == 0 else { return nil }
        return parseOffset(token[token.index(after: sign)...], negative: token[sign] == "-")
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"]
    private static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    private static let zoneNames: [String: Int] = [
        "UT": 0, "GMT": 0, "UTC": 0, "Z": 0, "WET": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
        "CET": 3600, "MET": 3600, "WEST": 3600, "BST": 3600,
        "CEST": 7200, "MEST": 7200, "MESZ": 7200, "EET": 7200, "EEST": 3 * 3600,
    ]
}
