/// Lists the occurrences of one deadline rule that are due in a report's period, with their
/// outcome as of the report's date — whatever the evaluation time: every due date in the period is
/// enumerated from the rule itself (not from the evaluator's window around `now`).
struct DeadlineReportBuilder {
    let evaluator: DeadlineEvaluator
    let period: ReportPeriod
    /// The day the report is made: a due date before it has passed.
    let today: LocalDate
    /// Completions count when done on or before this day (the period's end, or today).
    let asOf: LocalDate
    let silences: SilenceCoverage
    /// The recorded completions (not revoked) as the plan holds them, per item: to say where a completion came from.
    let recorded: [String: Set<Completion>]

    private var rule: Rule { evaluator.rule }
    private var deadline: DeadlineRule { evaluator.deadline }
    private var workdays: any WorkdayCalendar { evaluator.settings.workdays }

    /// The (nominal, shifted) due dates of a calendar rule that fall in the period, each due date once.
    func calendarDueDates() -> [(nominal: LocalDate, due: LocalDate)] {
        // Before the offset and the shift a date can lie outside the period and land inside it:
        // look that far further (workday offsets span more calendar days than their count).
        let offsetDays = deadline.offset.map { $0.approximateDays * 2 + 14 } ?? 0
        let dates = evaluator.calendarOccurrences(from: period.from.adding(days: -offsetDays - 21), to: period.to.adding(days: 21))
        var seen = Set<LocalDate>()
        var result: [(nominal: LocalDate, due: LocalDate)] = []
        for date in dates {
            let nominal = deadline.offset.map { $0.date(after: date, workdays: workdays) } ?? date
            let due = workdays.shift(nominal, deadline.shift)
            guard period.contains(due), seen.insert(due).inserted else { continue }
            result.append((nominal, due))
        }
        return result
    }

    /// Appends the rule's occurrences due in the period.
    func build(into occurrences: inout [ReportOccurrence]) {
        let plan = evaluator.plan
        let calendarDates: [(nominal: LocalDate, due: LocalDate)]
        if case .calendar = deadline.due { calendarDates = calendarDueDates() } else { calendarDates = [] }
        var stagesByDue: [LocalDate: DeadlineEvaluator.Staged] = [:]
        func staged(_ due: LocalDate) -> DeadlineEvaluator.Staged {
            if let known = stagesByDue[due] { return known }
            let computed = evaluator.stages(due: due)
            stagesByDue[due] = computed
            return computed
        }
        let needsUnit = rule.selector.minEmployees != nil || rule.selector.maxEmployees != nil
        plan.items.withUnsafeBufferPointer { items in
            for index in items.indices {
                let unit = needsUnit ? items[index].unit.flatMap { plan.unitsByID[$0] } : nil
                guard rule.selector.matches(items[index], unit: unit) else { continue }
                switch deadline.due {
                case .itemDueDate:
                    guard let nominal = items[index].due else { continue }
                    let due = workdays.shift(nominal, deadline.shift)
                    guard period.contains(due) else { continue }
                    occurrences.append(occurrence(of: items[index], nominal: nominal, due: due, staged: staged(due)))
                case .calendar:
                    for (nominal, due) in calendarDates {
                        occurrences.append(occurrence(of: items[index], nominal: nominal, due: due, staged: staged(due)))
                    }
                }
            }
        }
    }

    private func occurrence(of item: borrowing PlanItem, nominal: LocalDate, due: LocalDate,
                            staged: DeadlineEvaluator.Staged) -> ReportOccurrence {
        let counted = evaluator.completion(of: item, nominal: nominal, due: due).flatMap { $0.on <= asOf ? $0 : nil }
        let status: ReportStatus
        if let counted {
            status = counted.on <= due ? .onTime(completed: counted.on) : .late(completed: counted.on, days: due.days(until: counted.on))
        } else {
            status = due < today ? .missed : .open
        }
        let source: ReportOccurrence.CompletionSource? = counted.map { recorded[item.id]?.contains($0) == true ? .recorded : .plan }
        let ids = silences.isEmpty ? [] : silences.covering(
            rule: rule.id, item: item.id, stages: staged.stages, lastDay: staged.lastDay,
            endsBefore: counted?.on ?? asOf.adding(days: 1))
        return ReportOccurrence(rule: rule.id, item: item.id, itemTitle: item.title, unit: item.unit, labels: item.labels,
                                nominalDue: nominal, due: due, status: status, completionSource: source, silences: ids)
    }
}
