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
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1900 else { return nil }
        if parts.count == 1 {
            self.init(kind: .year, year: year, index: 1)
            return
        }
        guard parts.count == 2 else { return nil }
        let rest = parts[1]
        if let prefix = rest.first, prefix == "Q" || prefix == "T" {
            let kind: Kind = prefix == "Q" ? .quarter : .tertial
            guard rest.count == 2, let index = Int(rest.dropFirst()), (1...(12 / kind.months)).contains(index) else { return nil }
            self.init(kind: kind, year: year, index: index)
        } else {
            guard rest.count == 2, rest.allSatisfy(\.isNumber), let month = Int(rest), (1...12).contains(month) else { return nil }
            self.init(kind: .month, year: year, index: month)
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
