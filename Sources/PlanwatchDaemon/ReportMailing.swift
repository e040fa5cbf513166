import PlanwatchCore
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchReport
import PlanwatchState

/// The part of a cycle that mails report rules' reports (`kind: report`): for each mailing whose
/// time has come (``ReportSchedule``), the recipients the ledger holds no row for get one mail —
/// the text summary in the body, the HTML and CSV attached when they fit the rule's cap — spooled
/// first and recorded second, like every notification, so a period is mailed once, never twice. A
/// silence that matches a recipient's key mutes it (journal and ledger, no mail).
struct ReportMailing {
    let configuration: Configuration
    let state: any StateStore
    let spool: any MailSpool
    let journal: any JournalSink

    /// What it did.
    struct Outcome {
        var mails = 0
        var muted = 0
    }

    /// Mails what is due at `now`.
    /// - Parameters:
    ///   - recorded: the recorded completions (they count in the report, revoked ones not).
    ///   - silences: every silence (the report marks what they covered; active ones mute a mail).
    /// - Throws: ``StateError``, ``SpoolError``; a mail that cannot be composed is journaled and
    ///   counted in `failures`, and the others go out.
    func run(project: LoadedProject, recorded: [RecordedCompletion], silences: [Silence], now: Instant,
             failures: inout [String]) async throws -> Outcome {
        var outcome = Outcome()
        let settings = Evaluator.Settings(configuration)
        let schedule = ReportSchedule(rules: project.rules, plan: project.plan, settings: settings, sendAt: configuration.sendAt)
        guard !schedule.isEmpty else { return outcome }
        let today = configuration.timezone.date(at: now)
        let composer = MailComposer(configuration: configuration)
        let labels = ReportLabels(vocabularies: project.plan.vocabularies)
        for mailing in schedule.due(at: now) {
            let keys = mailing.recipients.map { mailing.key(for: $0) }
            let sent = try await state.recordedKeys(among: keys)
            let waiting = mailing.recipients.filter { !sent.contains(mailing.key(for: $0)) }
            guard !waiting.isEmpty else { continue }
            let report = ComplianceReport(rules: project.rules, plan: project.plan, settings: settings, recorded: recorded,
                                          silences: silences, period: mailing.period, grouping: mailing.settings.grouping, today: today)
            var contents: [String: (mail: ReportMail, files: [MailAttachment])] = [:]
            var muted: [LedgerRow] = [], spooled: [LedgerRow] = []
            for person in waiting {
                let key = mailing.key(for: person)
                if let silence = silences.first(where: { $0.isActive(at: now) && $0.matches(key) }) {
                    journal.send(JournalEntry(
                        message: "report \(mailing.rule.id) for \(mailing.period) to \(person.id) muted by silence \(silence.id)",
                        priority: .info, messageID: .report, fields: fields(key, person) + [("PLANWATCH_SILENCE", String(silence.id))]))
                    muted.append(LedgerRow(key: key, status: .muted, file: nil, messageID: nil, severity: .info, slot: mailing.slot,
                                           recordedAt: now, silence: silence.id))
                    continue
                }
                let content = contents[person.language] ?? render(report, mailing, language: MessageLanguage(code: person.language) ?? .swedish,
                                                                 labels: labels)
                contents[person.language] = content
                let mail: ComposedMail
                do {
                    mail = try composer.composeReport(key: key, to: person, subject: content.mail.subject, text: content.mail.text,
                                                      attachments: content.files, date: now)
                } catch {
                    failures.append("report to \(person.id): \(error)")
                    journal.send(JournalEntry(message: "cannot compose the report mail for \(person.id): \(error)", priority: .error,
                                              messageID: .runFailed, fields: [("PLANWATCH_RECIPIENT", person.id)]))
                    continue
                }
                try await spool.add(name: mail.name, data: mail.data)
                journal.send(JournalEntry(
                    message: "report \(mailing.rule.id) for \(mailing.period) mailed to \(person.id)"
                        + (content.files.isEmpty ? " without attachments (above the rule's attachment_limit)" : ""),
                    priority: .info, messageID: .report, fields: fields(key, person) + [("PLANWATCH_MAIL_FILE", mail.name)]))
                spooled.append(LedgerRow(key: key, status: .spooled, file: mail.name, messageID: mail.messageID, severity: .info,
                                         slot: mailing.slot, recordedAt: now))
                outcome.mails += 1
            }
            if !muted.isEmpty { try await state.record(muted) }
            if !spooled.isEmpty { try await state.record(spooled) }
            outcome.muted += muted.count
        }
        return outcome
    }

    /// The wording and the files of a report in one language; no files when they exceed the cap.
    private func render(_ report: ComplianceReport, _ mailing: ScheduledReport, language: MessageLanguage,
                        labels: ReportLabels) -> (mail: ReportMail, files: [MailAttachment]) {
        let html = MailAttachment(name: ReportMail.fileName(report.period, language: language, extension: "html"),
                                  contentType: "text/html; charset=utf-8", data: renderHTML(report, language: language, labels: labels))
        let csv = MailAttachment(name: ReportMail.fileName(report.period, language: language, extension: "csv"),
                                 contentType: "text/csv; charset=utf-8; header=present",
                                 data: renderCSV(report, language: language, labels: labels))
        let size = html.encodedSize + csv.encodedSize
        let title = mailing.settings.title[language.code] ?? mailing.settings.title["sv"] ?? mailing.settings.title["en"]
        let fits = size <= mailing.settings.attachmentLimit
        let command = "planwatch report" + (configuration.source.map { " --config " + $0 } ?? "")
            + (report.period.calendarYear.map { " --year \($0)" } ?? " --from \(report.period.from) --to \(report.period.to)")
            + (mailing.settings.grouping == .focusArea ? "" : " --by \(mailing.settings.grouping)")
            + " --language \(language.code) --format html --output \(html.name)"
        let mail = ReportMail(report: report, title: title,
                              attachments: fits ? .attached([html.name, csv.name]) : .tooLarge(size: size, limit: mailing.settings.attachmentLimit),
                              command: command, language: language, labels: labels)
        return (mail, fits ? [html, csv] : [])
    }

    private func fields(_ key: NotificationKey, _ person: NotifiedPerson) -> [(String, String?)] {
        [("PLANWATCH_RULE", key.rule), ("PLANWATCH_SUBJECT", key.subject), ("PLANWATCH_OCCURRENCE", key.occurrence.occurrence.description),
         ("PLANWATCH_STAGE", key.stage.description), ("PLANWATCH_RECIPIENT", person.id), ("PLANWATCH_MESSAGE_KEY", key.description)]
    }
}
