/// Evaluates rules against plan data at a given moment: pure and deterministic — the same rules,
/// plan and `now` give the same findings. Time comes in as an argument; nothing here reads a clock.
public struct Evaluator: Sendable {
    /// The settings evaluation depends on (from the configuration).
    public struct Settings: Sendable {
        public var zone: Zone
        public var workdays: any WorkdayCalendar
        /// The default message language.
        public var language: String
        /// Named roles from the configuration: role → person ids.
        public var roles: [String: [String]]

        public init(zone: Zone, workdays: any WorkdayCalendar, language: String = "sv", roles: [String: [String]] = [:]) {
            self.zone = zone
            self.workdays = workdays
            self.language = language
            self.roles = roles
        }

        /// The settings of a configuration.
        public init(_ configuration: Configuration) {
            self.init(zone: configuration.timezone, workdays: configuration.workdays,
                      language: configuration.language, roles: configuration.roles)
        }
    }

    public let rules: RuleSet
    public let plan: PlanSnapshot
    public let settings: Settings

    public init(rules: RuleSet, plan: PlanSnapshot, settings: Settings) {
        self.rules = rules
        self.plan = plan
        self.settings = settings
    }

    /// What is active at `now`, and what begins within `horizonDays` days after it.
    /// - Parameter parts: how many parts at once the items of a large plan are evaluated in, one per
    ///   core by default; the evaluation is the same for any number.
    public func evaluate(at now: Instant, horizonDays: Int = 0, parts: Int = Parallelism.parts) -> Evaluation {
        let today = settings.zone.date(at: now)
        let recipients = RecipientResolver(plan: plan, roles: settings.roles, defaultLanguage: settings.language)
        var evaluation = Evaluation(findings: [], upcoming: [], occurrences: [], series: [])
        let measurements = MeasurementIndex(plan.measurements)
        for rule in rules.rules {
            switch rule.settings {
            case .deadline(let deadline):
                let evaluator = DeadlineEvaluator(
                    rule: rule, deadline: deadline, settings: settings, recipients: recipients, plan: plan)
                evaluator.evaluate(today: today, horizonDays: horizonDays, parts: parts, into: &evaluation)
            case .threshold(let threshold):
                let evaluator = ThresholdEvaluator(
                    rule: rule, threshold: threshold, settings: settings, recipients: recipients, plan: plan)
                evaluator.evaluate(today: today, measurements: measurements, into: &evaluation)
            case .report:
                // Mailed by the cycle (``ReportSchedule``), not a finding about the plan.
                continue
            }
        }
        Self.sort(&evaluation.findings)
        Self.sort(&evaluation.upcoming)
        return evaluation
    }

    /// Sorts findings by the day they begin, then rule, subject and stage (stable: then as found).
    static func sort(_ findings: inout [Finding]) {
        // The positions are sorted, comparing fields where they are; the findings are then put in
        // that order in place by following the permutation's cycles with swaps, which move each
        // finding without copying it (sorting the findings themselves, or mapping them into a new
        // array, would copy and release every field of every finding).
        let order = findings.withUnsafeBufferPointer { all in
            Array(all.indices).sorted { a, b in
                if all[a].since != all[b].since { return all[a].since < all[b].since }
                if all[a].rule != all[b].rule { return all[a].rule < all[b].rule }
                if all[a].subject != all[b].subject { return all[a].subject < all[b].subject }
                if all[a].stage != all[b].stage { return all[a].stage.description < all[b].stage.description }
                return a < b
            }
        }
        if order.elementsEqual(findings.indices) { return }
        findings.withUnsafeMutableBufferPointer { findings in
            Self.permute(&findings, into: order)
        }
    }

    /// Rearranges `elements` so that position `k` holds what was at `order[k]` (`order` is a
    /// permutation of the indices), by swaps along each cycle: every element moves, none is copied.
    static func permute<T>(_ elements: inout UnsafeMutableBufferPointer<T>, into order: [Int]) {
        var placed = [Bool](repeating: false, count: order.count)
        for start in order.indices where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start { break }
                elements.swapAt(position, source)
                position = source
            }
        }
    }
}

/// Measurements by (unit, metric), sorted by period.
struct MeasurementIndex {
    private struct Series: Hashable {
        let metric: String
        let unit: String
    }

    private var series: [Series: [Measurement]] = [:]
    /// The first period reported for each metric by any unit, and its kind.
    private(set) var firstPeriod: [String: Period] = [:]

    init(_ measurements: [Measurement]) {
        for measurement in measurements {
            series[Series(metric: measurement.metric, unit: measurement.unit), default: []].append(measurement)
            if let first = firstPeriod[measurement.metric], first <= measurement.period { continue }
            firstPeriod[measurement.metric] = measurement.period
        }
        // Usually reported in order already.
        for (key, values) in series where !zip(values, values.dropFirst()).allSatisfy({ $0.period <= $1.period }) {
            series[key] = values.sorted { $0.period < $1.period }
        }
    }

    func values(metric: String, unit: String) -> [Measurement] {
        series[Series(metric: metric, unit: unit)] ?? []
    }
}
