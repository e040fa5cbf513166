/// Computes a derived metric's values for one unit from the reported measurements, period by period
/// (see ``DerivedMetric``). Pure: the same measurements give the same values.
struct DerivedSeries {
    let metric: DerivedMetric
    let measurements: MeasurementIndex
    /// The direct child units of each unit, by id (for sums over children).
    let children: [String: [String]]

    /// The child units of every unit in `plan`, by parent id, in plan order.
    static func children(in plan: PlanSnapshot) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for unit in plan.units {
            if let parent = unit.parent { result[parent, default: []].append(unit.id) }
        }
        return result
    }

    /// The unit's values, in period order. A period has a value only when every input has one.
    func values(unit: String) -> [DerivedValue] {
        switch metric.formula {
        case .change(let input, _, let measure):
            let reported = byPeriod(measurements.values(metric: input, unit: unit))
            return reported.keys.sorted().compactMap { period in
                guard let base = metric.basePeriod(of: period), let from = reported[base], let to = reported[period] else { return nil }
                let value: Double
                switch measure {
                case .percent:
                    guard from != 0 else { return nil }
                    value = (to - from) / abs(from) * 100
                case .absolute:
                    value = to - from
                }
                return DerivedValue(period: period, value: value, inputs: .change(from: from, basePeriod: base, to: to, measure: measure))
            }
        case .ratio(let numeratorMetric, let denominatorMetric, let percent):
            let numerators = byPeriod(measurements.values(metric: numeratorMetric, unit: unit))
            let denominators = byPeriod(measurements.values(metric: denominatorMetric, unit: unit))
            return numerators.keys.sorted().compactMap { period in
                guard let numerator = numerators[period], let denominator = denominators[period], denominator != 0 else { return nil }
                return DerivedValue(period: period, value: numerator / denominator * (percent ? 100 : 1),
                                    inputs: .ratio(numerator: numerator, denominator: denominator, percent: percent))
            }
        case .sumOverChildren(let input):
            // Only the children that report the metric at all count; a period is summed when each of them has it.
            let series = (children[unit] ?? []).map { byPeriod(measurements.values(metric: input, unit: $0)) }.filter { !$0.isEmpty }
            guard let kind = series.first?.keys.first?.kind else { return [] }
            let periods = Set(series.flatMap(\.keys)).filter { $0.kind == kind }.sorted()
            return periods.compactMap { period in
                let parts = series.compactMap { $0[period] }
                guard parts.count == series.count else { return nil }
                let total = parts.reduce(0, +)
                return DerivedValue(period: period, value: total, inputs: .sum(total: total, parts: parts.count))
            }
        }
    }

    /// The first period that can have a value, from the first periods the inputs are reported for
    /// (by any unit): for a change, the period after the first (or a year after it); for a ratio, the
    /// later of the two; for a sum, the input's first. `nil` when an input is never reported.
    var firstPossiblePeriod: Period? {
        let firsts = metric.inputs.map { measurements.firstPeriod[$0] }
        guard !firsts.contains(where: { $0 == nil }) else { return nil }
        let known = firsts.compactMap { $0 }
        switch metric.formula {
        case .change(_, let against, _):
            guard let first = known.first else { return nil }
            return against == .previous ? first.next : Period(kind: first.kind, year: first.year + 1, index: first.index)
        case .ratio, .sumOverChildren:
            return known.max()
        }
    }

    private func byPeriod(_ values: [Measurement]) -> [Period: Double] {
        var result: [Period: Double] = [:]
        for measurement in values { result[measurement.period] = measurement.value }
        return result
    }
}
