/// A metric a threshold rule computes from reported ones, rather than reads from the measurements:
/// the change of a metric against an earlier period, the ratio of two metrics, or a metric summed
/// over a unit's child units.
///
/// In a rule file it is the mapping form of `metric:`:
///
/// ```yaml
/// metric: { change: konsultkostnad_msek, against: previous, as: percent, unit: { sv: Mkr, en: MSEK } }
/// metric: { ratio: avslutssamtal_erbjudna, per: slutat_antal, as: percent }
/// metric: { sum: arenden_antal, over: children }
/// ```
///
/// The value of a period exists only when every input of that period does (and a change or ratio
/// whose base is zero has none): a derived series has gaps where its inputs have them, and a
/// `missing` check sees them.
public struct DerivedMetric: Hashable, Sendable, CustomStringConvertible {
    /// What the value is computed from.
    public enum Formula: Hashable, Sendable {
        /// The change of `metric` from the base period to the period.
        case change(metric: String, against: ChangeBase, as: ChangeMeasure)
        /// `numerator / denominator` of the same period, times 100 with `percent`.
        case ratio(numerator: String, denominator: String, percent: Bool)
        /// `metric` summed over the unit's direct child units.
        case sumOverChildren(metric: String)
    }

    /// The period a change is measured against.
    public enum ChangeBase: String, Hashable, Sendable, CaseIterable {
        /// The period before (the month before, the tertial before, the year before for yearly figures).
        case previous
        /// The same period a year earlier (`2026-T2` against `2025-T2`).
        case yearEarlier = "year-earlier"
    }

    /// How a change is expressed.
    public enum ChangeMeasure: String, Hashable, Sendable, CaseIterable {
        /// In per cent of the earlier value: 5.8 → 8.3 is +43.1.
        case percent
        /// As the difference, in the metric's own unit: 5.8 → 8.3 is +2.5.
        case absolute
    }

    public var formula: Formula
    /// The unit of the reported figures as messages show it, per language (`Mkr`, `MSEK`); empty: none.
    public var unitLabel: [String: String]

    public init(_ formula: Formula, unitLabel: [String: String] = [:]) {
        self.formula = formula
        self.unitLabel = unitLabel
    }

    /// The reported metrics the value is computed from, in the order the formula names them.
    public var inputs: [String] {
        switch formula {
        case .change(let metric, _, _), .sumOverChildren(let metric): [metric]
        case .ratio(let numerator, let denominator, _): [numerator, denominator]
        }
    }

    /// Whether the formula sums over child units.
    public var sumsOverChildren: Bool {
        if case .sumOverChildren = formula { true } else { false }
    }

    /// The period whose value a change compares `period` with; `nil` for other formulas.
    public func basePeriod(of period: Period) -> Period? {
        guard case .change(_, let against, _) = formula else { return nil }
        return switch against {
        case .previous: period.previous
        case .yearEarlier: period.yearEarlier
        }
    }

    /// The name the rule's `{{metric}}` shows: `konsultkostnad_msek.change-percent`,
    /// `avslutssamtal_erbjudna.per.slutat_antal`, `arenden_antal.sum`.
    public var description: String {
        switch formula {
        case .change(let metric, let against, let measure):
            "\(metric).change-\(against == .previous ? "" : "year-earlier-")\(measure.rawValue)"
        case .ratio(let numerator, let denominator, let percent):
            "\(numerator).per.\(denominator)\(percent ? "-percent" : "")"
        case .sumOverChildren(let metric): "\(metric).sum"
        }
    }
}
