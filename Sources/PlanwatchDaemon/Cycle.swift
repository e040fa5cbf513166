public import PlanwatchCore
public import PlanwatchLoader
public import PlanwatchOutput
public import PlanwatchState
public import Logging

/// One whole cycle: evaluate, plan against the ledger, journal, spool, record — the same for
/// `planwatch run --once` and for each wake-up of the daemon.
///
/// Exactly once: a mail is spooled first (its file name follows from its keys, so spooling twice is
/// a no-op) and recorded in the ledger second. A crash in between leaves a spooled file without
/// ledger rows; the next cycle first completes those rows from the spool (``reconcile``), so nothing
/// is lost and nothing is sent twice.
public struct Cycle: Sendable {
    public var configuration: Configuration
    public var store: StateStore
    public var spool: MaildirSpool
    public var journal: any JournalSink
    public var logger: Logger
    /// Ledger rows are written in batches of this many mails (each batch one transaction).
    public var batchSize = 200

    public init(configuration: Configuration, store: StateStore, spool: MaildirSpool, journal: any JournalSink, logger: Logger) {
        self.configuration = configuration
        self.store = store
        self.spool = spool
        self.journal = journal
        self.logger = logger
    }

    /// What a cycle did.
    public struct Summary: Sendable {
        public var findings = 0
        public var mails = 0
        public var notifications = 0
        public var muted = 0
        public var waiting = 0
        public var recovered = 0
        public var transitions = 0
        /// Threshold series firing after the cycle.
        public var openAlerts = 0
        /// The next moment a waiting notification becomes due.
        public var nextSlot: Instant?
        /// Delivery, when the transport is sendmail.
        public var delivery: SpoolFlusher.Summary?
    }

    /// Runs the cycle at `now` on a loaded project.
    /// - Parameter shouldContinue: asked between mails; false stops the cycle early (shutdown). What
    ///   was spooled is recorded; the rest is sent by the next cycle.
    public func run(project: LoadedProject, at now: Instant, deliver: Bool, shouldContinue: () -> Bool = { true }) throws -> Summary {
        var summary = Summary()
        let runID = try store.startRun(startedAt: now, evaluatedAt: now)
        do {
            try spool.prepare()
            spool.cleanTemporary()
            let evaluation = Evaluator(rules: project.rules, plan: project.plan, settings: Evaluator.Settings(configuration)).evaluate(at: now)
            summary.findings = evaluation.findings.count
            summary.recovered = try reconcile(evaluation: evaluation, now: now)
            try notify(evaluation: evaluation, planner: NotificationPlanner(configuration: configuration, people: project.plan.people),
                       now: now, summary: &summary,
                       shouldContinue: shouldContinue)
            summary.openAlerts = evaluation.series.filter { if case .firing = $0.state { true } else { false } }.count
            summary.transitions = try recordTransitions(evaluation.series, now: now)
            if deliver, configuration.mailTransport == "sendmail" {
                summary.delivery = SpoolFlusher(configuration: configuration, spool: spool, journal: journal).flush(now: now)
            }
            try store.finishRun(RunRecord(id: runID, startedAt: now, finishedAt: now, evaluatedAt: now, findings: summary.findings,
                                          mails: summary.mails, notifications: summary.notifications, muted: summary.muted,
                                          recovered: summary.recovered, outcome: "ok", message: nil))
            journal.send(JournalEntry(
                message: "cycle done: \(summary.findings) findings, \(summary.mails) mails with \(summary.notifications) notifications, "
                    + "\(summary.muted) muted, \(summary.waiting) waiting, \(summary.recovered) recovered",
                priority: .info, messageID: .runCompleted,
                fields: [("PLANWATCH_FINDINGS", String(summary.findings)), ("PLANWATCH_MAILS", String(summary.mails)),
                         ("PLANWATCH_NOTIFICATIONS", String(summary.notifications))]))
            return summary
        } catch {
            try? store.finishRun(RunRecord(id: runID, startedAt: now, finishedAt: now, evaluatedAt: now, findings: summary.findings,
                                           mails: summary.mails, notifications: summary.notifications, muted: summary.muted,
                                           recovered: summary.recovered, outcome: "failed", message: "\(error)"))
            journal.send(JournalEntry(message: "cycle failed: \(error)", priority: .error, messageID: .runFailed))
            throw error
        }
    }

    /// Completes ledger rows for spooled mails that have none (a crash between spool and ledger).
    /// - Returns: how many rows it added.
    public func reconcile(evaluation: Evaluation, now: Instant) throws -> Int {
        let known = try store.recordedFiles()
        let unrecorded = [MaildirSpool.Folder.new, .sent, .failed].flatMap { folder in
            spool.names(in: folder).filter { !known.contains($0) }.map { (folder, $0) }
        }
        guard !unrecorded.isEmpty else { return 0 }
        let severities = Dictionary(evaluation.findings.map { ($0.key, $0.severity) }, uniquingKeysWith: { first, _ in first })
        let composer = MailComposer(configuration: configuration)
        var rows: [LedgerRow] = []
        for (folder, name) in unrecorded {
            guard let data = spool.read(name, in: folder) else { continue }
            for key in MaildirSpool.headers(of: data).keys {
                let findingKey = "\(key.rule)/\(key.subject)/\(key.occurrence)/\(key.stage)"
                rows.append(LedgerRow(key: key, status: .spooled, file: name, messageID: composer.messageID(name: name),
                                      severity: severities[findingKey] ?? .info, slot: now, recordedAt: now))
            }
        }
        guard !rows.isEmpty else { return 0 }
        let added = try store.record(rows)
        if added > 0 {
            journal.send(JournalEntry(message: "completed \(added) ledger rows from mails spooled by an interrupted run",
                                      priority: .notice, messageID: .recovered, fields: [("PLANWATCH_RECOVERED", String(added))]))
        }
        return added
    }

    private func notify(evaluation: Evaluation, planner: NotificationPlanner, now: Instant, summary: inout Summary,
                        shouldContinue: () -> Bool) throws {
        let candidates = evaluation.findings.flatMap { finding in finding.recipients.map { NotificationKey(finding, recipient: $0.id) } }
        let sent = try store.recordedKeys(among: candidates)
        let occurrences = Set(evaluation.findings.filter { $0.kind == "deadline" }.map { "\($0.rule)/\($0.subject)/\($0.occurrence)" })
        let stages = try store.recordedStages(occurrences: occurrences)
        let plan = planner.plan(findings: evaluation.findings, alreadySent: sent, sentStages: stages, occurrences: evaluation.occurrences,
                                silences: try store.silences(), now: now)
        summary.waiting = plan.waiting.count
        summary.nextSlot = plan.waiting.map(\.slot).min()
        let language = configuration.language

        for (finding, skipped) in plan.skipped {
            journal.send(JournalEntry(
                message: "catch-up: \(finding.rule)/\(finding.subject) \(finding.occurrence): sending only \(finding.stage); "
                    + "missed \(skipped.joined(separator: ", "))",
                priority: .notice, messageID: .catchUp,
                fields: [("PLANWATCH_RULE", finding.rule), ("PLANWATCH_SUBJECT", finding.subject), ("PLANWATCH_STAGE", finding.stage),
                         ("PLANWATCH_OCCURRENCE", finding.occurrence), ("PLANWATCH_SKIPPED", skipped.joined(separator: ","))]))
        }

        if !plan.muted.isEmpty {
            for notification in plan.muted {
                journal.send(.notification(notification.finding, key: notification.key, language: language, muted: true,
                                           silence: notification.silencedBy))
            }
            try store.record(plan.muted.map {
                LedgerRow(key: $0.key, status: .muted, file: nil, messageID: nil, severity: $0.finding.severity, slot: $0.slot,
                          recordedAt: now, silence: $0.silencedBy)
            })
            summary.muted = plan.muted.count
        }

        let composer = MailComposer(configuration: configuration)
        var pending: [LedgerRow] = []
        var mailsInBatch = 0
        for batch in plan.mails {
            if !shouldContinue() { break }
            let mail: ComposedMail
            do {
                mail = try composer.compose(batch, date: now)
            } catch {
                logger.error("cannot compose mail for \(batch.recipient.id): \(error)", metadata: ["recipient": "\(batch.recipient.id)"])
                continue
            }
            try spool.write(name: mail.name, data: mail.data)
            for notification in batch.notifications {
                journal.send(.notification(notification.finding, key: notification.key, language: language, mailFile: mail.name))
                pending.append(LedgerRow(key: notification.key, status: .spooled, file: mail.name, messageID: mail.messageID,
                                         severity: notification.finding.severity, slot: notification.slot, recordedAt: now))
            }
            summary.mails += 1
            summary.notifications += batch.notifications.count
            mailsInBatch += 1
            if mailsInBatch >= batchSize {
                try store.record(pending)
                pending = []
                mailsInBatch = 0
            }
        }
        if !pending.isEmpty { try store.record(pending) }
    }

    /// Journals each threshold series whose state changed since the last cycle, and stores the new states.
    private func recordTransitions(_ series: [ThresholdSeriesState], now: Instant) throws -> Int {
        let stored = try store.alertStates()
        var changed: [StoredAlertState] = []
        for state in series {
            let name: String = switch state.state {
            case .ok: "ok"
            case .pending: "pending"
            case .firing(let level): level.rawValue
            }
            let previous = stored["\(state.rule)/\(state.unit)"]
            let current = StoredAlertState(rule: state.rule, unit: state.unit, state: name, since: state.firingSince?.description,
                                           lastPeriod: state.lastPeriod?.description, lastValue: state.lastValue)
            guard previous?.state != name || previous?.lastPeriod != current.lastPeriod else { continue }
            changed.append(current)
            if previous?.state != name, previous != nil || name != "ok" {
                let priority: JournalPriority = switch name {
                case "critical": .critical
                case "warning": .warning
                default: .info
                }
                journal.send(JournalEntry(
                    message: "alert \(state.rule)/\(state.unit): \(previous?.state ?? "new") → \(name)"
                        + (state.lastValue.map { " (value \(formatNumber($0)) for \(state.lastPeriod?.description ?? "?"))" } ?? ""),
                    priority: priority, messageID: .alertTransition,
                    fields: [("PLANWATCH_RULE", state.rule), ("PLANWATCH_SUBJECT", state.unit), ("PLANWATCH_UNIT", state.unit),
                             ("PLANWATCH_STAGE", name), ("PLANWATCH_SEVERITY", name == "ok" || name == "pending" ? "info" : name),
                             ("PLANWATCH_VALUE", state.lastValue.map(formatNumber)), ("PLANWATCH_PREVIOUS_STATE", previous?.state)]))
            }
        }
        if !changed.isEmpty { try store.save(changed, at: now) }
        return changed.count
    }
}
