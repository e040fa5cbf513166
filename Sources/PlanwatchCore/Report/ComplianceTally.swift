/// Counts of deadline occurrences by outcome, and the on-time rate they give.
public struct ComplianceTally: Hashable, Sendable {
    public var onTime = 0
    public var late = 0
    public var missed = 0
    public var open = 0
    /// Occurrences (of any outcome) that a silence covered.
    public var silenced = 0
    /// The days late of the late ones, added up (for the mean).
    public var daysLate = 0

    public init() {}

    /// Every occurrence counted.
    public var total: Int { onTime + late + missed + open }

    /// The occurrences whose outcome is settled: done (on time or late) or missed — "due and past",
    /// and those done before they fell due.
    public var decided: Int { onTime + late + missed }

    /// On time ÷ decided, from 0 to 1; `nil` when nothing is decided yet.
    public var onTimeRate: Double? { decided == 0 ? nil : Double(onTime) / Double(decided) }

    /// The mean days late of the late ones; `nil` when none was late.
    public var meanDaysLate: Double? { late == 0 ? nil : Double(daysLate) / Double(late) }

    /// Counts one occurrence.
    public mutating func add(_ occurrence: ReportOccurrence) {
        switch occurrence.status {
        case .onTime: onTime += 1
        case .late(_, let days):
            late += 1
            daysLate += days
        case .missed: missed += 1
        case .open: open += 1
        }
        if occurrence.isSilenced { silenced += 1 }
    }
}

/// The occurrences of one group (a rule, a unit, a label's value), counted.
public struct ComplianceGroup: Hashable, Sendable {
    /// The rule's id, the unit's id or the label's value; `nil`: items without the label (or without a unit).
    public var key: String?
    public var tally: ComplianceTally

    public init(key: String?, tally: ComplianceTally) {
        self.key = key
        self.tally = tally
    }
}

extension Array where Element == ReportOccurrence {
    /// The occurrences counted per group of `grouping`, in the order of `order` (keys not in it
    /// after, by key; the group without a key last).
    public func groups(by grouping: ReportGrouping, order: [String] = []) -> [ComplianceGroup] {
        var tallies: [String?: ComplianceTally] = [:]
        for occurrence in self { tallies[grouping.key(of: occurrence), default: ComplianceTally()].add(occurrence) }
        let rank = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return tallies.map { ComplianceGroup(key: $0.key, tally: $0.value) }.sorted { a, b in
            switch (a.key, b.key) {
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                let (rx, ry) = (rank[x] ?? Int.max, rank[y] ?? Int.max)
                return rx != ry ? rx < ry : x < y
            }
        }
    }

    /// Every occurrence counted.
    public var tally: ComplianceTally {
        var tally = ComplianceTally()
        for occurrence in self { tally.add(occurrence) }
        return tally
    }
}
