/// The yearly follow-up: for a period, every deadline occurrence due in it with its outcome, the
/// on-time rates per group and overall, and every threshold series period by period. Pure: the
/// same rules, plan, completions, silences, period and day give the same report.
///
/// ```swift
/// let report = ComplianceReport(rules: rules, plan: plan, settings: Evaluator.Settings(configuration),
///                               recorded: completions, silences: silences, period: .year(2026),
///                               today: LocalDate(iso: "2027-02-15")!)
/// report.overall.onTimeRate   // 0.8
/// ```
///
/// The definitions (docs/report.md): an occurrence is *on time* when completed on or before its due
/// date, *late* when completed after it, *missed* when not completed although due before the
/// report's day, *open* when not yet due. Completions count when done by the report's date — the
/// period's last day, or today for a period not over — from the plan and from the recorded ones that
/// are not revoked. The on-time rate is on time ÷ (on time + late + missed).
public struct ComplianceReport: Sendable {
    /// A deadline rule of the report.
    public struct DeadlineRuleInfo: Hashable, Sendable {
        public var id: String
        public var group: String
    }

    /// The period covered.
    public var period: ReportPeriod
    /// The day the report was made.
    public var madeOn: LocalDate
    /// Completions count when done on or before this day: the period's last day, or `madeOn` if earlier.
    public var asOf: LocalDate
    /// Whether the period is over (`madeOn` after its last day): then nothing in it can change.
    public var isPeriodOver: Bool { madeOn > period.to }
    /// How ``groups`` are grouped.
    public var grouping: ReportGrouping
    /// The deadline occurrences due in the period, by due date, then rule (in rule order), then item.
    public var occurrences: [ReportOccurrence]
    /// The deadline rules, in order.
    public var deadlineRules: [DeadlineRuleInfo]
    /// The threshold rules with their series, in order.
    public var thresholds: [ReportThresholdRule]
    /// The rule groups' titles per language code, by group name.
    public var groupTitles: [String: [String: String]]
    /// Unit names by id, and the plan's order of units.
    public var unitNames: [String: String]
    public var unitOrder: [String]
    /// The values of each label, by label name: in its vocabulary's order where it has one (values
    /// outside it after), else in the order the plan's items first use them.
    public var labelOrder: [String: [String]]
    /// How many recorded completions were given, and how many of them were revoked (those never count).
    public var recordedCompletions: (given: Int, revoked: Int)
    /// How many silences were given.
    public var silencesGiven: Int

    /// Builds the report.
    /// - Parameters:
    ///   - rules: the rules (deadline rules give occurrences, threshold rules series).
    ///   - plan: the plan data, with its own completions.
    ///   - settings: zone and working days (as for evaluation).
    ///   - recorded: completions recorded in the state; revoked ones are left out.
    ///   - silences: every silence there is (expired ones too: what mattered is when they were in force).
    ///   - period: the days covered.
    ///   - grouping: how ``groups`` are grouped (default: by `focus_area`).
    ///   - today: the day the report is made.
    public init(rules: RuleSet, plan: PlanSnapshot, settings: Evaluator.Settings, recorded: [RecordedCompletion] = [],
                silences: [Silence] = [], period: ReportPeriod, grouping: ReportGrouping = .focusArea, today: LocalDate) {
        let asOf = min(period.to, today)
        let withRecorded = plan.adding(recorded)
        var recordedByItem: [String: Set<Completion>] = [:]
        for record in recorded where record.revoked == nil { recordedByItem[record.item, default: []].insert(record.completion) }
        let coverage = SilenceCoverage(silences, zone: settings.zone)
        let recipients = RecipientResolver(plan: withRecorded, roles: settings.roles, defaultLanguage: settings.language)
        let measurements = MeasurementIndex(plan.measurements)

        var occurrences: [ReportOccurrence] = []
        var deadlineRules: [DeadlineRuleInfo] = []
        var thresholds: [ReportThresholdRule] = []
        for rule in rules.rules {
            switch rule.settings {
            case .deadline(let deadline):
                deadlineRules.append(DeadlineRuleInfo(id: rule.id, group: rule.group))
                let evaluator = DeadlineEvaluator(rule: rule, deadline: deadline, settings: settings, recipients: recipients,
                                                  plan: withRecorded)
                DeadlineReportBuilder(evaluator: evaluator, period: period, today: today, asOf: asOf, silences: coverage,
                                      recorded: recordedByItem).build(into: &occurrences)
            case .threshold(let threshold):
                let evaluator = ThresholdEvaluator(rule: rule, threshold: threshold, settings: settings, recipients: recipients,
                                                   plan: plan)
                thresholds.append(ThresholdReportBuilder(evaluator: evaluator, period: period, today: today)
                    .build(measurements: measurements))
            case .report:
                continue
            }
        }
        let ruleRank = Dictionary(deadlineRules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Positions sorted, then each occurrence moved once.
        let order = occurrences.withUnsafeBufferPointer { all in
            Array(all.indices).sorted { a, b in
                if all[a].due != all[b].due { return all[a].due < all[b].due }
                let (ra, rb) = (ruleRank[all[a].rule] ?? 0, ruleRank[all[b].rule] ?? 0)
                if ra != rb { return ra < rb }
                return all[a].item < all[b].item
            }
        }
        self.occurrences = order.map { occurrences[$0] }

        // A label with a vocabulary in its declared order (the plan's focus areas 1 to 4), then
        // any value outside it; other labels in the order the items first use them.
        var labelOrder: [String: [String]] = [:]
        var seen: [String: Set<String>] = [:]
        for item in plan.items {
            for (name, value) in item.labels where seen[name, default: []].insert(value).inserted {
                labelOrder[name, default: []].append(value)
            }
        }
        for (name, used) in labelOrder {
            guard let vocabulary = plan.vocabularies[label: name] else { continue }
            let declared = vocabulary.valueIDs.filter { seen[name]?.contains($0) == true }
            labelOrder[name] = declared + used.filter { !vocabulary.contains($0) }
        }
        self.period = period
        self.madeOn = today
        self.asOf = asOf
        self.grouping = grouping
        self.deadlineRules = deadlineRules
        self.thresholds = thresholds
        self.groupTitles = Dictionary(rules.groups.map { ($0.name, $0.title) }, uniquingKeysWith: { first, _ in first })
        self.unitNames = plan.unitsByID.mapValues(\.name)
        self.unitOrder = plan.units.map(\.id)
        self.labelOrder = labelOrder
        self.recordedCompletions = (recorded.count, recorded.count { $0.revoked != nil })
        self.silencesGiven = silences.count
    }

    /// Every occurrence counted.
    public var overall: ComplianceTally { occurrences.tally }

    /// The occurrences counted per group of ``grouping``.
    public var groups: [ComplianceGroup] { groups(by: grouping) }

    /// The occurrences counted per group of `grouping`: rules in rule order, units in the plan's
    /// order, label values in the order the plan first uses them; the group without a key last.
    public func groups(by grouping: ReportGrouping) -> [ComplianceGroup] {
        occurrences.groups(by: grouping, order: order(of: grouping))
    }

    /// The keys of `grouping` in the report's order.
    public func order(of grouping: ReportGrouping) -> [String] {
        switch grouping {
        case .rule: deadlineRules.map(\.id)
        case .unit: unitOrder
        case .label(let name): labelOrder[name] ?? []
        }
    }

    /// The on-time figures of every (row, column) pair, say unit × focus area: rows and columns that
    /// have occurrences, in the report's order (the key `nil` last).
    public func crossTab(rows: ReportGrouping, columns: ReportGrouping) -> ComplianceCrossTab {
        var cells: [ComplianceCrossTab.Cell: ComplianceTally] = [:]
        for occurrence in occurrences {
            cells[ComplianceCrossTab.Cell(row: rows.key(of: occurrence), column: columns.key(of: occurrence)), default: ComplianceTally()]
                .add(occurrence)
        }
        func keys(_ present: Set<String?>, _ order: [String]) -> [String?] {
            let known: [String?] = order.filter { present.contains($0) }
            let others: [String?] = present.compactMap { $0 }.filter { !order.contains($0) }.sorted()
            return known + others + (present.contains(nil) ? [nil] : [])
        }
        return ComplianceCrossTab(rows: keys(Set(cells.keys.map(\.row)), order(of: rows)),
                                  columns: keys(Set(cells.keys.map(\.column)), order(of: columns)), cells: cells)
    }

    /// The title of a rule group in `language` (else Swedish, else English, else any), if it has one.
    public func groupTitle(_ group: String, language: MessageLanguage) -> String? {
        guard let titles = groupTitles[group] else { return nil }
        return titles[language.code] ?? titles["sv"] ?? titles["en"] ?? titles.keys.sorted().first.flatMap { titles[$0] }
    }

    /// The group of a rule.
    public func group(ofRule rule: String) -> String? {
        deadlineRules.first { $0.id == rule }?.group ?? thresholds.first { $0.rule == rule }?.group
    }
}

/// On-time figures by two groupings at once (the heat map: unit × focus area).
public struct ComplianceCrossTab: Sendable {
    public struct Cell: Hashable, Sendable {
        public var row: String?
        public var column: String?
    }

    public var rows: [String?]
    public var columns: [String?]
    public var cells: [Cell: ComplianceTally]

    /// The figures of one cell; `nil` when no occurrence is in it.
    public func tally(row: String?, column: String?) -> ComplianceTally? { cells[Cell(row: row, column: column)] }
}
