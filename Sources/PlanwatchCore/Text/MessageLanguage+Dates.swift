// Dates, reporting periods and days relative to today, as written in running text.

extension MessageLanguage {
    /// A date in running text, with its weekday: `måndag 1 februari 2027` in Swedish (weekday and
    /// month in lower case), `Monday 1 February 2027` in English (British order, no comma).
    public func date(_ date: LocalDate) -> String {
        // Written as bytes into one string of the right size: a listing writes a date in every
        // finding's text, and appending to a String (which looks for grapheme boundaries at each
        // join) cost more than the rest of the text.
        let parts = date.parts
        var weekday = weekdayName(date.weekday), month = monthName(parts.month)
        return weekday.withUTF8 { weekday in
            month.withUTF8 { month in
                String(unsafeUninitializedCapacity: weekday.count + month.count + 3 + Self.digitsOfAnInt * 2) { buffer in
                    var end = 0
                    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                        UnsafeMutableBufferPointer(rebasing: buffer[end...]).baseAddress!.update(from: bytes.baseAddress!, count: bytes.count)
                        end += bytes.count
                    }
                    put(weekday)
                    buffer[end] = 0x20
                    end += 1
                    end += Self.writeDecimal(parts.day, to: buffer.baseAddress! + end)
                    buffer[end] = 0x20
                    end += 1
                    put(month)
                    buffer[end] = 0x20
                    end += 1
                    end += Self.writeDecimal(parts.year, to: buffer.baseAddress! + end)
                    return end
                }
            }
        }
    }

    /// The most bytes an `Int` takes in decimal, with its sign.
    static let digitsOfAnInt = 20

    /// Writes `value` in decimal at `start` (at most ``digitsOfAnInt`` bytes) and returns how many.
    static func writeDecimal(_ value: Int, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, written backwards
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var first = scratch.count
            repeat {
                first -= 1
                scratch[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            var count = 0
            if value < 0 {
                start[0] = UInt8(ascii: "-")
                count = 1
            }
            for index in first..<scratch.count {
                start[count] = scratch[index]
                count += 1
            }
            return count
        }
    }

    /// The day and month of a date, without the year: `1 februari`, `1 February`.
    public func dayAndMonth(_ date: LocalDate) -> String {
        let (_, month, day) = date.parts
        return String(day) + " " + monthName(month)
    }

    /// The day and the short month, for digest subjects and listings: `4 jan`, `4 Jan`.
    public func shortDate(_ date: LocalDate) -> String {
        let (_, month, day) = date.parts
        return String(day) + " " + monthAbbreviation(month)
    }

    /// A reporting period in running text:
    /// - a month: `juni 2026`, `June 2026`;
    /// - a tertial, with its months (joined by an en dash, U+2013), as tertials are less known than
    ///   quarters: `första tertialet 2026 (jan–apr)`, `the first tertial of 2026 (Jan–Apr)`;
    /// - a quarter: `tredje kvartalet 2026`, `the third quarter of 2026`;
    /// - a year: `2026`.
    ///
    /// The forms start in lower case, for the middle of a sentence. A period whose number does not
    /// exist for its kind (a fifth quarter) is written in its short form, `2026-Q5`.
    public func period(_ period: Period) -> String {
        let year = String(period.year)
        switch period.kind {
        case .year:
            return year
        case .month:
            guard (1...12).contains(period.index) else { return period.description }
            return monthName(period.index) + " " + year
        case .quarter:
            guard let ordinal = ordinal(period.index, of: 4) else { return period.description }
            return isSwedish ? ordinal + " kvartalet " + year : "the " + ordinal + " quarter of " + year
        case .tertial:
            guard let ordinal = ordinal(period.index, of: 3) else { return period.description }
            let firstMonth = (period.index - 1) * 4 + 1
            let months = monthAbbreviation(firstMonth) + "\u{2013}" + monthAbbreviation(firstMonth + 3)
            return isSwedish ? ordinal + " tertialet " + year + " (" + months + ")"
                             : "the " + ordinal + " tertial of " + year + " (" + months + ")"
        }
    }

    /// A date said from today:
    /// - `i dag`, `i morgon`, `i går` in Swedish (two words each); `today`, `tomorrow`, `yesterday`;
    /// - otherwise the number of days: `om 3 dagar`, `för 3 dagar sedan`; `in 3 days`, `3 days ago`.
    ///
    /// Two days away is also said in numbers (`om 2 dagar`, not `i övermorgon`; `för 2 dagar sedan`,
    /// not `i förrgår`): a reminder's lead reads most plainly as a count, and both languages then
    /// say the same thing the same way.
    public func relativeDay(_ date: LocalDate, from today: LocalDate) -> String {
        let offset = today.days(until: date)
        switch offset {
        case 0: return isSwedish ? "i dag" : "today"
        case 1: return isSwedish ? "i morgon" : "tomorrow"
        case -1: return isSwedish ? "i går" : "yesterday"
        case 2...: return isSwedish ? "om " + days(offset) : "in " + days(offset)
        default: return isSwedish ? "för " + days(-offset) + " sedan" : days(-offset) + " ago"
        }
    }

    /// `första`…`fjärde`, `first`…`fourth` for 1…`last`; `nil` for other numbers.
    private func ordinal(_ number: Int, of last: Int) -> String? {
        guard (1...last).contains(number) else { return nil }
        return (isSwedish ? Self.swedishOrdinals : Self.englishOrdinals)[number - 1]
    }

    private static let swedishOrdinals = ["första", "andra", "tredje", "fjärde"]
    private static let englishOrdinals = ["first", "second", "third", "fourth"]
}
