public import PlanwatchCore
public import PlanwatchLoader
public import PlanwatchOutput
public import PlanwatchState
public import Logging

/// One whole cycle: evaluate, plan against the ledger, journal, spool, record, then mail the
/// reports of report rules whose day has come (``ReportMailing``) — the same for
/// `planwatch run --once` and for each wake-up of the daemon.
///
/// Exactly once: a mail is spooled first (its file name follows from its keys, so spooling twice is
/// a no-op) and recorded in the ledger second — or, on PostgreSQL, written into the outbox in the
/// same transaction as its ledger rows, under the leader's fencing epoch. A crash in between leaves a spooled file without
/// ledger rows; the next cycle first completes those rows from the spool (``reconcile(evaluation:now:)``),
/// so nothing is lost and nothing is sent twice. Cycles hold the cycle lock: the daemon and
/// `run --once` never write the state at the same time.
public struct Cycle: Sendable {
    public var configuration: Configuration
    public var state: any StateStore
    public var spool: any MailSpool
    public var journal: any JournalSink
    public var logger: Logger
    /// Held for the whole cycle (nil: the caller makes sure no other cycle runs).
    public var lock: FileLock?
    /// Hands the spool to the MTA at the end of `run --once`, when the transport delivers.
    public var delivery: (any MailDelivery)?
    /// With a PostgreSQL state: composed mail goes into its outbox, in the same transaction as its
    /// ledger rows, instead of the spool.
    public var outbox: (any MailOutbox)?
    /// Ledger rows are written in batches of this many mails (each batch one transaction).
    public var batchSize = 200

    public init(configuration: Configuration, state: any StateStore, spool: any MailSpool, journal: any JournalSink, logger: Logger,
                lock: FileLock? = nil, delivery: (any MailDelivery)? = nil, outbox: (any MailOutbox)? = nil) {
        self.configuration = configuration
        self.state = state
        self.spool = spool
        self.journal = journal
        self.logger = logger
        self.lock = lock
        self.delivery = delivery
        self.outbox = outbox
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
        /// Findings not sent because their occurrence already got a later stage (a clock set back).
        public var stale = 0
        /// Threshold series firing after the cycle.
        public var openAlerts = 0
        /// The next moment a cycle can send something (the daemon sleeps until then).
        public var nextWake: Instant?
        /// The next moment a waiting notification becomes due.
        public var nextSlot: Instant?
        /// Delivery, when the transport delivers.
        public var delivery: SpoolFlusher.Summary?
    }

    /// A cycle that could not compose mail for some recipients: what was spooled is recorded.
    public struct CompositionFailure: Error, Sendable, CustomStringConvertible {
        public var failures: [String]
        public var description: String {
            "\(failures.count) mail\(failures.count == 1 ? "" : "s") could not be composed: " + failures.prefix(5).joined(separator: "; ")
        }
    }

    /// Runs the cycle at `now` on a loaded project.
    /// - Parameter shouldContinue: asked between mails; false stops the cycle early (shutdown). What
    ///   was spooled is recorded; the rest is sent by the next cycle.
    /// - Throws: ``StateError``, ``SpoolError``, ``LockError``, ``CompositionFailure``; the run is
    ///   recorded as failed (when the state can be written at all).
    public func run(project: LoadedProject, at now: Instant, deliver: Bool,
                    shouldContinue: @Sendable () -> Bool = { true }) async throws -> Summary {
        try await spool.prepare()
        guard let lock else { return try await runHoldingLock(project: project, at: now, deliver: deliver, shouldContinue: shouldContinue) }
        return try await lock.withLock {
            try await runHoldingLock(project: project, at: now, deliver: deliver, shouldContinue: shouldContinue)
        }
    }

    private func runHoldingLock(project: LoadedProject, at now: Instant, deliver: Bool,
                                shouldContinue: @Sendable () -> Bool) async throws -> Summary {
        var summary = Summary()
        let lastRun = try await state.recentRuns(limit: 1).first
        let runID = try await state.startRun(startedAt: now, evaluatedAt: now)
        func finish(_ outcome: RunOutcome, _ message: String?) async throws {
            try await state.finishRun(RunRecord(id: runID, startedAt: now, finishedAt: now, evaluatedAt: now, findings: summary.findings,
                                                mails: summary.mails, notifications: summary.notifications, muted: summary.muted,
                                                recovered: summary.recovered, outcome: outcome, message: message))
        }
        do {
            if let lastRun, now < lastRun.evaluatedAt {
                journal.send(JournalEntry(
                    message: "this cycle is at an earlier moment than the last one (\(now) before \(lastRun.evaluatedAt)): "
                        + "the clock was set back; no occurrence gets a stage older than one it already got",
                    priority: .notice, messageID: .staleStage))
            }
            try await spool.prepare()
            await spool.cleanUp()
            try await noteInputs(project.files)
            // The plan's completions and those recorded by replies and `planwatch complete`.
            let recorded = try await state.recordedCompletions()
            let plan = project.plan.adding(recorded)
            let evaluation = Evaluator(rules: project.rules, plan: plan, settings: Evaluator.Settings(configuration)).evaluate(at: now)
            summary.findings = evaluation.findings.count
            summary.recovered = try await reconcile(evaluation: evaluation, now: now)
            let planner = NotificationPlanner(configuration: configuration, people: project.plan.people)
            var failures = try await notify(evaluation: evaluation, planner: planner, now: now, summary: &summary, shouldContinue: shouldContinue)
            if shouldContinue() {
                let reports = try await ReportMailing(configuration: configuration, state: state, spool: spool, journal: journal)
                    .run(project: project, recorded: recorded, silences: try await state.silences(), now: now, failures: &failures)
                summary.mails += reports.mails
                summary.notifications += reports.mails
                summary.muted += reports.muted
            }
            summary.openAlerts = evaluation.series.filter { $0.alertState.isFiring }.count
            summary.transitions = try await recordTransitions(evaluation.series, now: now)
            if deliver, let delivery {
                summary.delivery = try await delivery.flush(now: now, force: false)
            }
            if !failures.isEmpty { throw CompositionFailure(failures: failures) }
            try await finish(.ok, nil)
            journal.send(JournalEntry(
                message: "cycle done: \(summary.findings) findings, \(summary.mails) mails with \(summary.notifications) notifications, "
                    + "\(summary.muted) muted, \(summary.waiting) waiting, \(summary.recovered) recovered",
                priority: .info, messageID: .runCompleted,
                fields: [("PLANWATCH_FINDINGS", String(summary.findings)), ("PLANWATCH_MAILS", String(summary.mails)),
                         ("PLANWATCH_NOTIFICATIONS", String(summary.notifications))]))
            return summary
        } catch {
            try? await finish(.failed, "\(error)")
            journal.send(JournalEntry(message: "cycle failed: \(error)", priority: .error, messageID: .runFailed))
            throw error
        }
    }

    /// Journals the rule and plan files the last cycle read that this one did not find (a file
    /// removed from a folder: its items and rules are gone from the evaluation).
    private func noteInputs(_ files: [String]) async throws {
        let previous = try await state.replaceInputs(files)
        let now = Set(files)
        for file in previous where !now.contains(file) {
            journal.send(JournalEntry(
                message: "\(file) was read by the last cycle and is not there now: what it held is no longer evaluated",
                priority: .warning, messageID: .inputDisappeared, fields: [("PLANWATCH_FILE", file)]))
        }
    }

    /// Completes ledger rows for spooled mails that have none (a crash between spool and ledger).
    /// - Returns: how many rows it added.
    public func reconcile(evaluation: Evaluation, now: Instant) async throws -> Int {
        let known = try await state.recordedFiles()
        var unrecorded: [(SpoolState, String)] = []
        for state in SpoolState.allCases {
            for name in await spool.names(in: state) where !known.contains(name) { unrecorded.append((state, name)) }
        }
        guard !unrecorded.isEmpty else { return 0 }
        var severities: [OccurrenceKey: Severity] = [:]
        for finding in evaluation.findings where severities[finding.key] == nil { severities[finding.key] = finding.severity }
        let composer = MailComposer(configuration: configuration)
        var rows: [LedgerRow] = []
        for (folder, name) in unrecorded {
            guard let data = await spool.message(name, in: folder) else { continue }
            for key in MaildirSpool.headers(of: data).keys {
                rows.append(LedgerRow(key: key, status: .spooled, file: name, messageID: composer.messageID(name: name),
                                      severity: severities[key.occurrence] ?? .info, slot: now, recordedAt: now))
            }
        }
        guard !rows.isEmpty else { return 0 }
        let added = try await state.record(rows)
        if added > 0 {
            journal.send(JournalEntry(message: "completed \(added) ledger rows from mails spooled by an interrupted run",
                                      priority: .notice, messageID: .recovered, fields: [("PLANWATCH_RECOVERED", String(added))]))
        }
        return added
    }

    /// Journals, spools and records what the planner says; the descriptions of mails that could not be composed.
    private func notify(evaluation: Evaluation, planner: NotificationPlanner, now: Instant, summary: inout Summary,
                        shouldContinue: @Sendable () -> Bool) async throws -> [String] {
        let candidates = evaluation.findings.flatMap { finding in finding.recipients.map { NotificationKey(finding, recipient: $0.id) } }
        let sent = try await state.recordedKeys(among: candidates)
        let stages = try await state.recordedStages(of: Set(evaluation.findings.map(\.key)))
        let holders = try await state.recordedRecipients(of: Set(evaluation.completions.map(\.key)))
        let cancelKeys = evaluation.completions.flatMap { finding in finding.recipients.map { NotificationKey(finding, recipient: $0.id) } }
        let cancelled = try await state.recordedKeys(among: cancelKeys)
        let plan = planner.plan(findings: evaluation.findings, alreadySent: sent.union(cancelled), sentStages: stages,
                                occurrences: evaluation.occurrences, completions: evaluation.completions, calendarHolders: holders,
                                silences: try await state.silences(), now: now)
        summary.waiting = plan.waiting.count
        summary.nextSlot = plan.waiting.map(\.slot).min()
        summary.nextWake = planner.nextWake(after: now, waiting: plan.waiting)
        summary.stale = plan.stale.count
        let language = configuration.language

        for (finding, latest) in plan.stale {
            journal.send(JournalEntry(
                message: "not sending \(finding.stage) of \(finding.key): it already got \(latest), a later stage (the clock was set back)",
                priority: .notice, messageID: .staleStage,
                fields: [("PLANWATCH_RULE", finding.rule), ("PLANWATCH_SUBJECT", finding.subject),
                         ("PLANWATCH_STAGE", finding.stage.description), ("PLANWATCH_OCCURRENCE", finding.occurrence.description),
                         ("PLANWATCH_LATEST_STAGE", latest.description)]))
        }
        for (finding, skipped) in plan.skipped {
            let names = skipped.map(\.description)
            journal.send(JournalEntry(
                message: "catch-up: \(finding.rule)/\(finding.subject) \(finding.occurrence): sending only \(finding.stage); "
                    + "missed \(names.joined(separator: ", "))",
                priority: .notice, messageID: .catchUp,
                fields: [("PLANWATCH_RULE", finding.rule), ("PLANWATCH_SUBJECT", finding.subject),
                         ("PLANWATCH_STAGE", finding.stage.description), ("PLANWATCH_OCCURRENCE", finding.occurrence.description),
                         ("PLANWATCH_SKIPPED", names.joined(separator: ","))]))
        }

        if !plan.muted.isEmpty {
            for notification in plan.muted {
                journal.send(.notification(notification.finding, key: notification.key, language: language, muted: true,
                                           silence: notification.silencedBy))
            }
            try await state.record(plan.muted.map {
                LedgerRow(key: $0.key, status: .muted, file: nil, messageID: nil, severity: $0.finding.severity, slot: $0.slot,
                          recordedAt: now, silence: $0.silencedBy)
            })
            summary.muted = plan.muted.count
        }

        let composer = MailComposer(configuration: configuration)
        var pending: [LedgerRow] = []
        var pendingMails: [OutboxMail] = []
        var mailsInBatch = 0
        func recordBatch() async throws {
            if let outbox {
                try await outbox.record(pending, mails: pendingMails)
            } else {
                try await state.record(pending)
            }
            pending = []
            pendingMails = []
            mailsInBatch = 0
        }
        var failures: [String] = []
        for batch in plan.mails {
            if !shouldContinue() { break }
            let mail: ComposedMail
            do {
                mail = try composer.compose(batch, date: now, tokens: try await replyTokens(for: batch, composer: composer, now: now))
            } catch let error as MailError {
                failures.append("to \(batch.recipient.id): \(error)")
                journal.send(JournalEntry(message: "cannot compose mail for \(batch.recipient.id): \(error)", priority: .error,
                                          messageID: .runFailed, fields: [("PLANWATCH_RECIPIENT", batch.recipient.id)]))
                continue
            }
            if outbox != nil {
                pendingMails.append(OutboxMail(name: mail.name, data: mail.data, keys: mail.keys, recipients: mail.recipients))
            } else {
                try await spool.add(name: mail.name, data: mail.data)
            }
            for notification in batch.notifications {
                journal.send(.notification(notification.finding, key: notification.key, language: language, mailFile: mail.name))
                pending.append(LedgerRow(key: notification.key, status: .spooled, file: mail.name, messageID: mail.messageID,
                                         severity: notification.finding.severity, slot: notification.slot, recordedAt: now))
            }
            summary.mails += 1
            summary.notifications += batch.notifications.count
            mailsInBatch += 1
            if mailsInBatch >= batchSize { try await recordBatch() }
        }
        if !pending.isEmpty { try await recordBatch() }
        return failures
    }

    /// The reply tokens of a mail's deadline occurrences for its recipient, issued now where there
    /// is none yet (only when replies are set up).
    private func replyTokens(for batch: MailBatch, composer: MailComposer, now: Instant) async throws -> [OccurrenceKey: String] {
        guard composer.replies != nil else { return [:] }
        var tokens: [OccurrenceKey: String] = [:]
        for notification in batch.notifications where notification.finding.kind == .deadline && notification.key.stage != .completed {
            let occurrence = notification.key.occurrence
            tokens[occurrence] = try await state.replyToken(for: occurrence, recipient: batch.recipient.id, at: now, make: { ReplyToken.generate() })
        }
        return tokens
    }

    /// Journals each threshold series whose state changed since the last cycle, and stores the new states.
    private func recordTransitions(_ series: [ThresholdSeriesState], now: Instant) async throws -> Int {
        let stored = try await state.alertStates()
        var changed: [StoredAlertState] = []
        for series in series {
            let name = series.alertState
            let previous = stored[series.key]
            let current = StoredAlertState(series: series.key, state: name, since: series.firingSince?.description,
                                           lastPeriod: series.lastPeriod?.description, lastValue: series.lastValue)
            guard previous?.state != name || previous?.lastPeriod != current.lastPeriod else { continue }
            changed.append(current)
            if previous?.state != name, previous != nil || name != .ok {
                let priority: JournalPriority = switch name {
                case .critical: .critical
                case .warning: .warning
                default: .info
                }
                journal.send(JournalEntry(
                    message: "alert \(series.key): \(previous?.state.rawValue ?? "new") → \(name)"
                        + (series.lastValue.map { " (value \(formatNumber($0)) for \(series.lastPeriod?.description ?? "?"))" } ?? ""),
                    priority: priority, messageID: .alertTransition,
                    fields: [("PLANWATCH_RULE", series.rule), ("PLANWATCH_SUBJECT", series.unit), ("PLANWATCH_UNIT", series.unit),
                             ("PLANWATCH_STAGE", name.rawValue), ("PLANWATCH_SEVERITY", name.isFiring ? name.rawValue : "info"),
                             ("PLANWATCH_VALUE", series.lastValue.map(formatNumber)), ("PLANWATCH_PREVIOUS_STATE", previous?.state.rawValue)]))
            }
        }
        if !changed.isEmpty { try await state.save(changed, at: now) }
        return changed.count
    }
}
