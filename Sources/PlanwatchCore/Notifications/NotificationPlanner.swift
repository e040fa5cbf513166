/// How one recipient's notifications are bundled into mails.
public enum DigestPolicy: Hashable, Sendable {
    /// One mail per notification.
    case immediate
    /// One mail per send slot (the daily send time on working days).
    case daily
    /// One mail at each occurrence of a calendar expression (`Mon 08:00`).
    case weekly(CalendarExpression)

    /// `immediate`, `daily`, or a calendar expression; `nil` for anything else.
    public init?(_ text: String) {
        switch text {
        case "immediate": self = .immediate
        case "daily": self = .daily
        default:
            guard let expression = try? CalendarExpression(text) else { return nil }
            self = .weekly(expression)
        }
    }
}

/// A notification the planner decided to send (or to record as muted).
public struct PlannedNotification: Sendable {
    public var key: NotificationKey
    public var finding: Finding
    public var recipient: NotifiedPerson
    /// The moment it became due to be sent.
    public var slot: Instant
    /// The silence that mutes it, if any.
    public var silencedBy: Int64?

    public init(key: NotificationKey, finding: Finding, recipient: NotifiedPerson, slot: Instant, silencedBy: Int64? = nil) {
        self.key = key
        self.finding = finding
        self.recipient = recipient
        self.slot = slot
        self.silencedBy = silencedBy
    }
}

/// One mail: a single notification, or a recipient's digest of one send slot.
public struct MailBatch: Sendable {
    public var recipient: NotifiedPerson
    /// The send slot the mail belongs to.
    public var slot: Instant
    public var notifications: [PlannedNotification]
    public var isDigest: Bool

    public init(recipient: NotifiedPerson, slot: Instant, notifications: [PlannedNotification], isDigest: Bool) {
        self.recipient = recipient
        self.slot = slot
        self.notifications = notifications
        self.isDigest = isDigest
    }

    /// The mail's identity: the notification key, or for a digest the recipient, slot and contents.
    public var name: String {
        if !isDigest, let only = notifications.first { return only.key.hash }
        let keys = notifications.map(\.key.description).sorted().joined(separator: "\n")
        return String(SHA256.hex("digest\n\(recipient.id)\n\(slot.seconds)\n\(keys)").prefix(32))
    }
}

/// What a cycle should send now: pure, from the findings, what the ledger holds, the silences and `now`.
///
/// - Each (finding, recipient) pair is a notification with a key; a key in the ledger is never planned again.
/// - The evaluator reports only the current stage of an occurrence, so after downtime only the latest
///   missed stage is sent (the earlier ones are listed in `skipped` for the journal).
/// - Send slots are the configured time on working days: a reminder or due notice whose day is not a
///   working day goes out the working day before, an overdue notice or alert the working day after.
/// - Critical findings go out at once, whatever the recipient's digest policy.
public struct NotificationPlanner: Sendable {
    public var zone: Zone
    public var workdays: any WorkdayCalendar
    /// Minutes after midnight.
    public var sendAt: Int
    public var defaultDigest: DigestPolicy
    /// Per-person digest policies, by person id.
    public var digests: [String: DigestPolicy]

    public init(zone: Zone, workdays: any WorkdayCalendar, sendAt: Int, defaultDigest: DigestPolicy, digests: [String: DigestPolicy] = [:]) {
        self.zone = zone
        self.workdays = workdays
        self.sendAt = sendAt
        self.defaultDigest = defaultDigest
        self.digests = digests
    }

    /// The plan of one cycle.
    public struct Plan: Sendable {
        /// Mails to spool now.
        public var mails: [MailBatch]
        /// Notifications muted by a silence: journal and ledger, no mail.
        public var muted: [PlannedNotification]
        /// Notifications whose slot is still ahead, with the slot (the daemon sleeps until the first).
        public var waiting: [PlannedNotification]
        /// Earlier stages of occurrences that were never sent and are now superseded.
        public var skipped: [(finding: Finding, stages: [Stage])]
        /// Findings not sent because their occurrence already got a later stage: the evaluation is at
        /// an earlier moment than a cycle that already ran (the clock went backwards).
        public var stale: [(finding: Finding, latest: Stage)]
    }

    /// Plans the notifications for `findings` at `now`.
    /// - Parameters:
    ///   - alreadySent: the keys the ledger holds (among these findings' keys).
    ///   - sentStages: per occurrence, the stages the ledger holds.
    ///   - occurrences: the deadline occurrences of the evaluation, for the order of their stages.
    ///   - completions: occurrences done lately (stage `completed`): their calendar entries are
    ///     cancelled for `calendarHolders`, the people the ledger holds a mail to about each.
    public func plan(findings: [Finding], alreadySent: Set<NotificationKey>, sentStages: [OccurrenceKey: Set<Stage>] = [:],
                     occurrences: [DeadlineOccurrence] = [], completions: [Finding] = [],
                     calendarHolders: [OccurrenceKey: Set<String>] = [:], silences: [Silence], now: Instant) -> Plan {
        var plan = Plan(mails: [], muted: [], waiting: [], skipped: [], stale: [])
        let activeSilences = silences.filter { $0.isActive(at: now) }
        var due: [PlannedNotification] = []
        let stagesByOccurrence = Dictionary(occurrences.map { ($0.key, $0.stages.map(\.stage)) }, uniquingKeysWith: { first, _ in first })
        // A cancellation goes only to those who were sent the entry.
        let cancellations = completions.compactMap { finding -> Finding? in
            guard let holders = calendarHolders[finding.key], !holders.isEmpty else { return nil }
            var only = finding
            only.recipients = finding.recipients.filter { holders.contains($0.id) }
            return only.recipients.isEmpty ? nil : only
        }
        for finding in findings + cancellations {
            let key = finding.key
            let sent = sentStages[key] ?? []
            let order = stagesByOccurrence[key]
            if let latest = Self.laterStage(than: finding.stage, sent: sent, order: order) {
                plan.stale.append((finding, latest))
                continue
            }
            let slot = self.slot(for: finding)
            var anyNew = false
            for person in finding.recipients {
                let notificationKey = NotificationKey(key, stage: finding.stage, recipient: person.id)
                guard !alreadySent.contains(notificationKey) else { continue }
                anyNew = true
                let silence = activeSilences.first { $0.matches(notificationKey) }
                let planned = PlannedNotification(key: notificationKey, finding: finding, recipient: person, slot: slot,
                                                  silencedBy: silence?.id)
                if slot > now {
                    plan.waiting.append(planned)
                } else if silence != nil {
                    plan.muted.append(planned)
                } else {
                    due.append(planned)
                }
            }
            if anyNew, slot <= now, finding.kind == .deadline, let stages = order, let index = stages.firstIndex(of: finding.stage) {
                let lastSent = stages[..<index].lastIndex { sent.contains($0) }
                let missed = Array(stages[(lastSent.map { $0 + 1 } ?? 0)..<index])
                if !missed.isEmpty { plan.skipped.append((finding, missed)) }
            }
        }
        plan.mails = batches(due, now: now)
        return plan
    }

    /// A stage the occurrence already got that comes after `stage`, if any: for a deadline, later in
    /// its list of stages; for a threshold alert, `resolved` (nothing of an episode follows it).
    static func laterStage(than stage: Stage, sent: Set<Stage>, order: [Stage]?) -> Stage? {
        guard !sent.isEmpty, !sent.contains(stage) else { return nil }
        if let order, let index = order.firstIndex(of: stage) {
            return order[(index + 1)...].last { sent.contains($0) }
        }
        if stage != .resolved, stage.firingLevel != nil, sent.contains(.resolved) { return .resolved }
        return nil
    }

    /// The moment a finding is due to be sent: the send time on its day, moved off non-working days.
    public func slot(for finding: Finding) -> Instant {
        var day = finding.since
        if !workdays.isWorkingDay(day) {
            day = finding.stage.isSentEarly ? workdays.previousWorkingDay(before: day) : workdays.nextWorkingDay(after: day)
        }
        let time = LocalDateTime(date: day, hour: sendAt / 60, minute: sendAt % 60)
        return zone.instant(for: time).instant
    }

    /// The next send slot strictly after `instant`: the daily send time on a working day.
    public func nextSlot(after instant: Instant) -> Instant {
        var day = zone.date(at: instant)
        while true {
            if workdays.isWorkingDay(day) {
                let slot = zone.instant(for: LocalDateTime(date: day, hour: sendAt / 60, minute: sendAt % 60)).instant
                if slot > instant { return slot }
            }
            day = day.adding(days: 1)
        }
    }

    /// The next moment after `instant` when a cycle can send something: the next daily send slot, the
    /// next time of any weekly digest in use, or the slot of a notification still waiting — whichever
    /// comes first (the daemon sleeps until then).
    public func nextWake(after instant: Instant, waiting: [PlannedNotification] = []) -> Instant {
        var next = nextSlot(after: instant)
        var weekly: [CalendarExpression] = []
        for policy in [defaultDigest] + digests.values.sorted(by: { "\($0)" < "\($1)" }) {
            if case .weekly(let expression) = policy, !weekly.contains(where: { $0.source == expression.source }) { weekly.append(expression) }
        }
        for expression in weekly {
            if let elapse = expression.nextElapse(after: instant, in: zone), elapse < next { next = elapse }
        }
        for notification in waiting where notification.slot > instant && notification.slot < next { next = notification.slot }
        return next
    }

    private func policy(for person: String, _ notification: PlannedNotification) -> DigestPolicy {
        notification.finding.severity == .critical ? .immediate : digests[person] ?? defaultDigest
    }

    private func batches(_ notifications: [PlannedNotification], now: Instant) -> [MailBatch] {
        var mails: [MailBatch] = []
        var digestGroups: [String: MailBatch] = [:]
        var order: [String] = []
        for notification in notifications.sorted(by: { ($0.slot, $0.key) < ($1.slot, $1.key) }) {
            let person = notification.recipient
            switch policy(for: person.id, notification) {
            case .immediate:
                mails.append(MailBatch(recipient: person, slot: notification.slot, notifications: [notification], isDigest: false))
            case .daily:
                let slot = latestSlot(atOrBefore: now)
                let group = "\(person.id)/\(slot.seconds)"
                if digestGroups[group] == nil { order.append(group) }
                digestGroups[group, default: MailBatch(recipient: person, slot: slot, notifications: [], isDigest: true)]
                    .notifications.append(notification)
            case .weekly(let expression):
                // Due at the first weekly slot at or after its own slot; only once that has come.
                guard let weekly = expression.nextElapse(after: notification.slot.adding(seconds: -1), in: zone), weekly <= now else { continue }
                let group = "\(person.id)/\(weekly.seconds)"
                if digestGroups[group] == nil { order.append(group) }
                digestGroups[group, default: MailBatch(recipient: person, slot: weekly, notifications: [], isDigest: true)]
                    .notifications.append(notification)
            }
        }
        // A digest of one is just that notification's own mail.
        mails += order.compactMap { digestGroups[$0] }.map { batch in
            guard batch.notifications.count == 1 else { return batch }
            var single = batch
            single.isDigest = false
            return single
        }
        return mails
    }

    /// The latest daily send slot at or before `instant` (the slot a catch-up digest belongs to).
    func latestSlot(atOrBefore instant: Instant) -> Instant {
        var day = zone.date(at: instant)
        for _ in 0..<400 {
            if workdays.isWorkingDay(day) {
                let slot = zone.instant(for: LocalDateTime(date: day, hour: sendAt / 60, minute: sendAt % 60)).instant
                if slot <= instant { return slot }
            }
            day = day.adding(days: -1)
        }
        return instant
    }
}
