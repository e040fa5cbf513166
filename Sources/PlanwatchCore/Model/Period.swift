/// A reporting period of a measurement: a month `2026-10`, a quarter `2026-Q3`, a tertial
/// `2026-T2` (four months: T1 January–April, T2 May–August, T3 September–December) or a year `2026`.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The length of a period.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case month, quarter, tertial, year

        /// Months per period.
        var months: Int {
            switch self {
            case .month: 1
            case .quarter: 3
            case .tertial: 4
            case .year: 12
            }
        }
    }

    /// The kind of period.
    public let kind: Kind
    /// The year.
    public let year: Int
    /// The number within the year, from 1 (the month, quarter or tertial; 1 for a year).
    public let index: Int

    /// A period; `index` must be valid for `kind`.
    public init(kind: Kind, year: Int, index: Int) {
        self.kind = kind
        self.year = year
        self.index = index
    }

    /// Parses `2026-10`, `2026-Q3`, `2026-T2` or `2026`; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        // Bytes, not characters: this runs for every measurement.
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 7 else { return nil }
        func digit(_ at: Int) -> Int? {
            bytes[at] >= UInt8(ascii: "0") && bytes[at] <= UInt8(ascii: "9") ? Int(bytes[at] - UInt8(ascii: "0")) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        guard year >= 1900 else { return nil }
        if bytes.count == 4 {
            self.init(kind: .year, year: year, index: 1)
            return
        }
        guard bytes[4] == UInt8(ascii: "-"), let last = digit(6) else { return nil }
        if bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "T") {
            let kind: Kind = bytes[5] == UInt8(ascii: "Q") ? .quarter : .tertial
            guard (1...(12 / kind.months)).contains(last) else { return nil }
            self.init(kind: kind, year: year, index: last)
        } else {
            guard let first = digit(5), (1...12).contains(first * 10 + last) else { return nil }
            self.init(kind: .month, year: year, index: first * 10 + last)
        }
    }

    /// The first day of the period.
    public var start: LocalDate {
        LocalDate(year: year, month: (index - 1) * kind.months + 1, day: 1)!
    }

    /// The last day of the period.
    public var end: LocalDate { next.start.adding(days: -1) }

    /// The period after this one.
    public var next: Period {
        index == 12 / kind.months ? Period(kind: kind, year: year + 1, index: 1) : Period(kind: kind, year: year, index: index + 1)
    }

    /// The period before this one.
    public var previous: Period {
        index == 1 ? Period(kind: kind, year: year - 1, index: 12 / kind.months) : Period(kind: kind, year: year, index: index - 1)
    }

    /// The same period a year earlier (`2026-T2` → `2025-T2`; for a year, the year before).
    public var yearEarlier: Period { Period(kind: kind, year: year - 1, index: index) }

    /// The period that contains `date`, of the given kind.
    public static func containing(_ date: LocalDate, kind: Kind) -> Period {
        Period(kind: kind, year: date.year, index: (date.month - 1) / kind.months + 1)
    }

    public var description: String {
        switch kind {
        case .month: "\(year)-" + LocalDate.pad(index, 2)
        case .quarter: "\(year)-Q\(index)"
        case .tertial: "\(year)-T\(index)"
        case .year: "\(year)"
        }
    }

    public static func < (lhs: Period, rhs: Period) -> Bool { lhs.start < rhs.start }
}
