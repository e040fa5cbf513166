/// One period's value of a derived metric (``DerivedMetric``), with the inputs it was computed from.
public struct DerivedValue: Hashable, Sendable {
    public var period: Period
    public var value: Double
    public var inputs: DerivedInputs

    public init(period: Period, value: Double, inputs: DerivedInputs) {
        self.period = period
        self.value = value
        self.inputs = inputs
    }
}

/// The reported figures behind a derived value, for the messages (`{{inputs}}`: "5,8 → 8,3 Mkr, +43 %").
public enum DerivedInputs: Hashable, Sendable {
    /// A change: the earlier value (of `basePeriod`) and the period's own.
    case change(from: Double, basePeriod: Period, to: Double, measure: DerivedMetric.ChangeMeasure)
    /// A ratio of the period's two figures.
    case ratio(numerator: Double, denominator: Double, percent: Bool)
    /// A sum over `parts` child units.
    case sum(total: Double, parts: Int)

    /// The earlier value of a change; `nil` for other formulas.
    public var baseValue: Double? {
        if case .change(let from, _, _, _) = self { from } else { nil }
    }

    /// The period a change is measured against; `nil` for other formulas.
    public var basePeriod: Period? {
        if case .change(_, let period, _, _) = self { period } else { nil }
    }

    /// The figures as a message shows them, in `language`, with the unit of the reported figures
    /// (`unit`, may be empty) after the last amount of a change and after a sum:
    /// - change in per cent: `5,8 → 8,3 Mkr, +43 %` (`5.8 → 8.3 MSEK, +43%`), the change to whole per cent;
    /// - change in the metric's unit: `5,8 → 8,3 Mkr, +2,5 Mkr`;
    /// - ratio: `12 av 40 (30 %)` in per cent (`12 of 40 (30%)`), else `412 / 31 = 13,29`;
    /// - sum: `summa av 3 enheter: 1 020` (`sum of 3 units: 1,020`).
    public func text(in language: MessageLanguage, unit: String = "") -> String {
        let swedish = language == .swedish
        func amount(_ value: Double) -> String { language.number(value) + (unit.isEmpty ? "" : "\u{00A0}" + unit) }
        func signed(_ text: String, _ value: Double) -> String { value > 0 && !text.hasPrefix("0") ? "+" + text : text }
        switch self {
        case .change(let from, _, let to, let measure):
            let change: String
            switch measure {
            case .percent:
                let percent = (to - from) / abs(from) * 100
                change = signed(language.percent(percent, maximumFractionDigits: 0), percent)
            case .absolute:
                change = signed(amount(to - from), to - from)
            }
            return "\(language.number(from)) → \(amount(to)), \(change)"
        case .ratio(let numerator, let denominator, let percent):
            if percent {
                let share = language.percent(numerator / denominator * 100, maximumFractionDigits: 0)
                return "\(language.number(numerator)) \(swedish ? "av" : "of") \(language.number(denominator)) (\(share))"
            }
            return "\(language.number(numerator)) / \(language.number(denominator)) = \(language.number(numerator / denominator))"
        case .sum(let total, let parts):
            let units = language.count(parts, singular: swedish ? "enhet" : "unit", plural: swedish ? "enheter" : "units")
            return "\(swedish ? "summa av" : "sum of") \(units): \(amount(total))"
        }
    }
}
