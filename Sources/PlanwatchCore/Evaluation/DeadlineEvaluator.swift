/// Evaluates one deadline rule: its occurrences per item, their stages, completion.
struct DeadlineEvaluator {
    let rule: Rule
    let deadline: DeadlineRule
    let settings: Evaluator.Settings
    let recipients: RecipientResolver
    let plan: PlanSnapshot

    /// The parties of this evaluator's findings so far (each part of a plan has an evaluator, and
    /// so a cache, of its own).
    let partyCache = PartyCache()

    private var workdays: any WorkdayCalendar { settings.workdays }

    /// - Parameter parts: how many parts at once a large plan is evaluated in (the result is the same).
    func evaluate(today: LocalDate, horizonDays: Int, parts: Int = Parallelism.parts, into evaluation: inout Evaluation) {
        let longestLead = deadline.remind.map(\.approximateDays).max() ?? 0
        // Workday leads span more calendar days than their count; allow for holidays.
        let forward = horizonDays + longestLead * 2 + 21
        let back = (deadline.overdue?.maxOverdue.approximateDays ?? 0) * 2 + (deadline.offset?.approximateDays ?? 0) * 2 + 21
        let calendarDates = calendarOccurrences(from: today.adding(days: -back), to: today.adding(days: forward))
        let calendarNominals = deadline.offset.map { offset in calendarDates.map { offset.date(after: $0, workdays: workdays) } } ?? calendarDates
        let horizonEnd = today.adding(days: horizonDays)
        // A large plan in parts at once, each with an evaluator (and so a recipient cache) of its own;
        // the parts' results follow in the items' order, as one pass would give them.
        let results = inParts(plan.items.count, smallest: Parallelism.smallestPlanInParts, parts: parts) { range -> Evaluation in
            var part = Evaluation(findings: [], upcoming: [], occurrences: [], series: [])
            DeadlineEvaluator(rule: rule, deadline: deadline, settings: settings, recipients: recipients, plan: plan)
                .evaluateItems(range, calendar: (calendarDates, calendarNominals), today: today, horizonEnd: horizonEnd, into: &part)
            return part
        }
        for part in results {
            evaluation.findings += part.findings
            evaluation.upcoming += part.upcoming
            evaluation.occurrences += part.occurrences
            evaluation.completions += part.completions
        }
    }

    /// The occurrences near today of the items in `range`.
    /// - Parameter calendar: the rule's calendar dates near today and their nominal due dates (after `offset`).
    private func evaluateItems(_ range: Range<Int>, calendar: (dates: [LocalDate], nominals: [LocalDate]), today: LocalDate,
                               horizonEnd: LocalDate, into evaluation: inout Evaluation) {
        // Per nominal due date: the shifted due date, its stages, and whether it is near enough to
        // today to be of interest (most of a large plan is not, and is skipped before anything else).
        var cache: [Int: (due: LocalDate, staged: Staged, isNear: Bool)] = [:]
        func occurrence(of nominal: LocalDate) -> (due: LocalDate, staged: Staged, isNear: Bool) {
            if let cached = cache[nominal.dayNumber] { return cached }
            let due = workdays.shift(nominal, deadline.shift)
            let staged = stages(due: due)
            let isNear = (staged.stages.first.map { $0.start <= horizonEnd } ?? false) && staged.lastDay >= today.adding(days: -366)
            cache[nominal.dayNumber] = (due, staged, isNear)
            return (due, staged, isNear)
        }

        // Through a buffer pointer: each item is read where it is. Passing `items[index]` of an
        // array would copy the item (every item, at scale), matching or not.
        plan.items.withUnsafeBufferPointer { items in
            for index in range {
                switch deadline.due {
                case .itemDueDate:
                    // The date first: most items of a large plan are not near today, and that is
                    // cheaper to see than whether the rule selects them.
                    guard let nominal = items[index].due else { continue }
                    let (due, staged, isNear) = occurrence(of: nominal)
                    guard isNear, rule.selector.matches(items[index], in: plan.unitsByID) else { continue }
                    evaluateOccurrence(of: items[index], nominal: nominal, calendarDate: nil, due: due, staged: staged, today: today,
                                       horizonEnd: horizonEnd, into: &evaluation)
                case .calendar:
                    guard rule.selector.matches(items[index], in: plan.unitsByID) else { continue }
                    for (calendarDate, nominal) in zip(calendar.dates, calendar.nominals) {
                        let (due, staged, isNear) = occurrence(of: nominal)
                        guard isNear else { continue }
                        evaluateOccurrence(of: items[index], nominal: nominal, calendarDate: calendarDate, due: due, staged: staged,
                                           today: today, horizonEnd: horizonEnd, into: &evaluation)
                    }
                }
            }
        }
    }

    /// The stages of an occurrence, with the day each begins, in order; and the last day anything
    /// is said about it.
    typealias Staged = (stages: [(stage: Stage, start: LocalDate)], lastDay: LocalDate)

    /// The local dates on which the rule's calendar expression elapses between two dates.
    func calendarOccurrences(from start: LocalDate, to end: LocalDate) -> [LocalDate] {
        guard case .calendar(let expression) = deadline.due else { return [] }
        let zone = settings.zone
        var cursor = zone.instant(for: LocalDateTime(date: start)).instant.adding(seconds: -1)
        var dates: [LocalDate] = []
        while let next = expression.nextElapse(after: cursor, in: zone) {
            let date = zone.date(at: next)
            if date > end { break }
            if dates.last != date { dates.append(date) }
            cursor = next
        }
        return dates
    }

    /// The stages of an occurrence due on `due`.
    func stages(due: LocalDate) -> Staged {
        var stages: [(stage: Stage, start: LocalDate)] = []
        for lead in deadline.remind.sorted(by: { $0.approximateDays > $1.approximateDays }) {
            var start = lead.date(before: due, workdays: workdays)
            if !workdays.isWorkingDay(start) { start = workdays.previousWorkingDay(before: start) }
            if start < due { stages.append((.reminder(lead), start)) }
        }
        stages.append((.due, due))
        var lastDay = due
        if let overdue = deadline.overdue {
            let cap = overdue.maxOverdue.date(after: due, workdays: workdays)
            lastDay = cap
            var overdueStages: [(stage: Stage, start: LocalDate)] = [(.overdue(1), workdays.nextWorkingDay(after: due))]
            if let step = overdue.repeat, step.approximateDays > 0 || step.unit == .workdays && step.amount > 0 {
                var nominal = due
                var count = 1
                while true {
                    nominal = step.date(after: nominal, workdays: workdays)
                    let start = workdays.shift(nominal, .nextWorkday)
                    if start > cap || count > 1000 { break }
                    if start > overdueStages.last!.start {
                        count += 1
                        overdueStages.append((.overdue(count), start))
                    }
                }
            }
            if let after = overdue.escalateAfter {
                let start = workdays.shift(after.date(after: due, workdays: workdays), .nextWorkday)
                if start <= cap {
                    overdueStages.removeAll { $0.start == start }
                    overdueStages.append((.escalated, start))
                }
            }
            stages += overdueStages.filter { $0.start <= cap }.sorted { $0.start < $1.start }
        }
        return (stages, lastDay)
    }

    /// An occurrence near today (see `evaluate`) of an item: its status, and its active and
    /// upcoming stages.
    /// - Parameter calendarDate: the date the rule's calendar gives, before `offset` and `shift`
    ///   (`nil` for an item's own due date): what stays when the due date moves.
    private func evaluateOccurrence(of item: borrowing PlanItem, nominal: LocalDate, calendarDate: LocalDate?, due: LocalDate,
                                    staged: Staged, today: LocalDate, horizonEnd: LocalDate, into evaluation: inout Evaluation) {
        let (stages, lastDay) = staged
        let completion = completion(of: item, nominal: nominal, due: due)
        let status: OccurrenceStatus
        if let completion, completion.on <= today {
            status = completion.on <= due ? .completedOnTime(completion.on) : .completedLate(completion.on)
        } else if today > lastDay {
            status = deadline.overdue == nil ? .overdue : .expired
        } else if today > due {
            status = .overdue
        } else if let first = stages.first, today >= first.start {
            status = .open
        } else {
            status = .upcoming
        }
        evaluation.occurrences.append(DeadlineOccurrence(
            rule: rule.id, item: item.id, nominalDue: nominal, due: due, status: status, stages: stages))

        let closedOn = completion?.on
        // Made once, and only for an occurrence with something to say (most have nothing).
        let itemID = item.id
        lazy var obligation = calendarDate.map { "\(rule.id)/\(itemID)/\($0)" } ?? "\(rule.id)/\(itemID)"
        if case .open = status, let active = stages.last(where: { $0.start <= today }) {
            evaluation.findings.append(finding(item: item, stage: active, due: due, nominal: nominal, obligation: obligation, today: today))
        } else if case .overdue = status, today <= lastDay, let active = stages.last(where: { $0.start <= today }) {
            evaluation.findings.append(finding(item: item, stage: active, due: due, nominal: nominal, obligation: obligation, today: today))
        }
        for stage in stages where stage.start > today && stage.start <= horizonEnd {
            if let closedOn, closedOn <= stage.start { continue }
            evaluation.upcoming.append(finding(item: item, stage: stage, due: due, nominal: nominal, obligation: obligation,
                                               today: stage.start))
        }
        // Done lately: those who were sent the occurrence's calendar entry get it cancelled.
        if let closedOn, closedOn <= today, closedOn.days(until: today) <= Self.cancellationDays {
            evaluation.completions.append(finding(item: item, stage: (.completed, closedOn), due: due, nominal: nominal,
                                                  obligation: obligation, today: today, everyone: true))
        }
    }

    /// The completion of an item's occurrence: of the plan's completions and the recorded ones
    /// alike, the earliest that matches (its rule, or none; its due date, shifted or as written, or
    /// none for an item's own deadline) wins. Whether it is done by a given day is the caller's to ask.
    func completion(of item: borrowing PlanItem, nominal: LocalDate, due: LocalDate) -> Completion? {
        var completion: Completion?
        for candidate in item.completed {
            guard candidate.rule == nil || candidate.rule == rule.id else { continue }
            if let occurrence = candidate.occurrence {
                guard occurrence == due || occurrence == nominal else { continue }
            } else {
                guard case .itemDueDate = deadline.due else { continue }
            }
            if completion.map({ candidate.on < $0.on }) ?? true { completion = candidate }
        }
        return completion
    }

    /// How long after a completion its calendar entry is still cancelled (after that, a cycle that
    /// did not run then has missed it).
    static let cancellationDays = 30

    /// - Parameter everyone: the recipients of every stage (the escalation's too), for a cancellation.
    private func finding(item: borrowing PlanItem, stage: (stage: Stage, start: LocalDate), due: LocalDate, nominal: LocalDate,
                         obligation: String, today: LocalDate, everyone: Bool = false) -> Finding {
        var notify = rule.notify
        var severity = rule.severity
        let escalated = (stage.stage == .escalated || everyone) && deadline.overdue != nil
        if escalated, let overdue = deadline.overdue {
            notify += overdue.escalateTo
            severity = max(severity, .warning)
        }
        // The same owner and unit have the same party (unit, employer, owner, recipients): made
        // once (a plan has far fewer owners than findings).
        // (The owner and unit taken out first: a closure over `item` would copy the whole item.)
        let (ownerID, unitID) = (item.owner, item.unit)
        let party = partyCache.party(PartyCache.Key(owner: ownerID, unit: unitID, escalated: escalated)) {
            let unit = unitID.flatMap { plan.unitsByID[$0] }
            return FindingParty(unit: unit, employer: rule.selector.countedUnit(unit, in: plan.unitsByID),
                                owner: ownerID.flatMap { plan.peopleByID[$0] },
                                people: recipients.resolve(notify, owner: ownerID, unit: unitID))
        }
        let context = DeadlineTemplateContext(
            ruleID: rule.id, ruleGroup: rule.group, item: item, party: party, due: due, nominal: nominal, today: today,
            stage: stage.stage, severity: severity, vocabularies: plan.vocabularies)
        return Finding(
            rule: rule.id, kind: .deadline, subject: item.id, subjectTitle: item.title, unit: item.unit,
            occurrence: .date(due), stage: stage.stage, severity: severity, since: stage.start, due: due,
            value: nil, limit: nil, recipients: party.people,
            message: FindingMessage(title: rule.title, text: rule.text, context: context),
            obligation: obligation, guidance: rule.guidance)
    }
}
