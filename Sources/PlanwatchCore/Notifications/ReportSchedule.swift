/// When report rules mail their reports: pure, from the rules, the plan's people and roles and `now`.
///
/// - A report rule's calendar names days (`due: "*-01-20"`); the mailing of a day goes out at the
///   configured send time, on the working day after when the day is not a working day.
/// - At `now`, a rule's mailing is the latest of its days whose send time has come, if that day is
///   at most ``catchUpDays`` ago: after downtime it is sent late, once; a report older than that
///   is left to `planwatch report` (a new installation does not mail last year's report in June).
/// - Whether it was already sent is the ledger's to say (``ScheduledReport/key(for:)``).
public struct ReportSchedule: Sendable {
    /// How long after its day a mailing that did not go out is still sent.
    public static let catchUpDays = 30

    let rules: [(rule: Rule, settings: ReportRule)]
    let recipients: RecipientResolver
    let zone: Zone
    let workdays: any WorkdayCalendar
    /// Minutes after midnight.
    let sendAt: Int

    /// - Parameters:
    ///   - rules: every rule; only report rules are scheduled.
    ///   - plan: the plan, for the people who hold the roles.
    ///   - settings: zone, working days, default language and the configured roles.
    ///   - sendAt: the daily send time, in minutes after midnight.
    public init(rules: RuleSet, plan: PlanSnapshot, settings: Evaluator.Settings, sendAt: Int) {
        self.rules = rules.rules.compactMap { rule in
            if case .report(let report) = rule.settings { return (rule, report) }
            return nil
        }
        self.recipients = RecipientResolver(plan: plan, roles: settings.roles, defaultLanguage: settings.language)
        self.zone = settings.zone
        self.workdays = settings.workdays
        self.sendAt = sendAt
    }

    /// Whether there is any report rule.
    public var isEmpty: Bool { rules.isEmpty }

    /// The mailings whose time has come at `now`: per report rule, at most one.
    public func due(at now: Instant) -> [ScheduledReport] {
        let today = zone.date(at: now)
        // A day a few days before the window still counts when its slot moved into it (a long
        // holiday): its slot is on or after the window's first day.
        let earliest = today.adding(days: -Self.catchUpDays)
        return rules.compactMap { entry in
            let days = calendarDays(entry.settings.due, from: earliest.adding(days: -14), to: today)
            guard let day = days.last(where: { slot(of: $0) <= now && $0 >= earliest }) else { return nil }
            return scheduled(entry.rule, entry.settings, due: day)
        }
    }

    /// The first moment after `now` when a report rule's mailing goes out (for the daemon's
    /// wake-up); `nil` without report rules.
    public func nextSlot(after now: Instant) -> Instant? {
        let today = zone.date(at: now)
        var next: Instant?
        for entry in rules {
            let days = calendarDays(entry.settings.due, from: today.adding(days: -14), to: today.adding(days: 400))
            if let slot = days.lazy.map({ self.slot(of: $0) }).first(where: { $0 > now }), next.map({ slot < $0 }) ?? true {
                next = slot
            }
        }
        return next
    }

    /// The mailing of `rule` on `day`, whether or not its time has come.
    public func scheduled(_ rule: Rule, _ settings: ReportRule, due day: LocalDate) -> ScheduledReport {
        ScheduledReport(rule: rule, settings: settings, due: day, slot: slot(of: day), period: settings.coverage.period(dueOn: day),
                        recipients: recipients.resolve(rule.notify, owner: nil, unit: nil))
    }

    /// The send time on `day`, or on the next working day.
    func slot(of day: LocalDate) -> Instant {
        let sendDay = workdays.isWorkingDay(day) ? day : workdays.nextWorkingDay(after: day)
        return zone.instant(for: LocalDateTime(date: sendDay, hour: sendAt / 60, minute: sendAt % 60)).instant
    }

    /// The days from `start` through `end` on which `expression` elapses, in order.
    func calendarDays(_ expression: CalendarExpression, from start: LocalDate, to end: LocalDate) -> [LocalDate] {
        var cursor = zone.instant(for: LocalDateTime(date: start)).instant.adding(seconds: -1)
        var days: [LocalDate] = []
        while let next = expression.nextElapse(after: cursor, in: zone) {
            let day = zone.date(at: next)
            if day > end { break }
            if days.last != day { days.append(day) }
            // The next day's first elapse: a calendar with times elapses many times a day.
            cursor = zone.instant(for: LocalDateTime(date: day.adding(days: 1))).instant.adding(seconds: -1)
        }
        return days
    }
}
