public import PlanwatchCore
public import PlanwatchLoader
public import PlanwatchOutput
public import PlanwatchState

/// One pass over the reply inbox: every mail Postfix delivered into `new/` is read, and
///
/// - a reply whose token verifies and whose first own line (or subject) starts with a completion
///   word records the completion — dated by the reply's `Date`, clamped between when the reminder
///   was sent and when the reply arrived — journals it, confirms it to the sender, and moves to `cur/`;
/// - an automatic reply (out of office, a calendar's Accept/Decline, …) is kept in `cur/` and not answered;
/// - a bounce of a planwatch mail is journaled at `err` with its recipient and key;
/// - anything else is kept aside in `refused/` and explained to the sender (at most once a day each).
///
/// Nothing is deleted unprocessed; processed and refused mail is removed after `inbox.keep`. A
/// mail is recorded once: its completion by its `Message-ID`, its answer by its spool name.
public struct InboxProcessor: Sendable {
    public var runtime: Runtime
    public var project: LoadedProject
    /// The largest reply read whole.
    public var sizeLimit = IncomingMail.defaultSizeLimit

    public init(runtime: Runtime, project: LoadedProject) {
        self.runtime = runtime
        self.project = project
    }

    /// What a pass did.
    public struct Summary: Sendable, Equatable {
        public init() {}

        public var completed = 0
        public var refused = 0
        public var automatic = 0
        public var bounces = 0
        public var answers = 0
    }

    private var configuration: Configuration { runtime.configuration }
    private var journal: any JournalSink { runtime.journal }

    /// ``process(at:retrying:)`` holding the cycle lock (the daemon and the command line alike): one
    /// pass at a time, never beside a cycle.
    public func run(at now: Instant, retrying only: String? = nil) async throws -> Summary {
        let work: @Sendable () async throws -> Summary = { try await process(at: now, retrying: only) }
        try await runtime.spool.prepare()  // the lock file lives in the spool's folder
        guard let lock = runtime.cycleLock else { return try await work() }
        return try await lock.withLock(work)
    }

    /// Processes what is in `new/` (or, with `only`, that one mail from `refused/` again).
    public func process(at now: Instant, retrying only: String? = nil) async throws -> Summary {
        let inbox = InboxMaildir(root: configuration.inboxPath)
        try inbox.prepare()
        try await runtime.spool.prepare()
        var summary = Summary()
        if let only {
            try inbox.move(only, from: .refused, to: .new)
            try await handle(only, inbox: inbox, now: now, summary: &summary)
        } else {
            for name in inbox.names(in: .new) { try await handle(name, inbox: inbox, now: now, summary: &summary) }
        }
        let keep = configuration.keepInbox.seconds ?? 90 * 86_400
        inbox.prune(olderThan: now.adding(seconds: -keep))
        _ = try await runtime.state.pruneInbox(before: now.adding(seconds: -keep))
        return summary
    }

    private func handle(_ name: String, inbox: InboxMaildir, now: Instant, summary: inout Summary) async throws {
        guard let (bytes, size) = inbox.read(name, in: .new, limit: sizeLimit + 1) else { return }
        let mail = IncomingMail(bytes, sizeLimit: sizeLimit)
        let arrived = min(inbox.arrivedAt(name, in: .new) ?? now, now)
        let sender = mail.from.flatMap { Mailbox(name: $0.displayName, address: $0.address) }
        var entry = InboxEntry(file: name, messageID: mail.messageID, sender: sender?.address, receivedAt: arrived, outcome: .refused, reason: "")
        let pattern = configuration.replyAddress.flatMap { try? ReplyAddressPattern(parsing: $0) }
        let fields: [(String, String?)] = [("PLANWATCH_INBOX_FILE", name), ("PLANWATCH_REPLY_FROM", sender?.address),
                                           ("PLANWATCH_REPLY_MESSAGE_ID", mail.messageID)]

        switch ReplyReader().classify(mail) {
        case .bounce(let status):
            entry.outcome = .bounce
            entry.keys = status.planwatchKeys
            entry.failedRecipients = status.failedRecipients.map(\.finalRecipient)
            entry.reason = status.failedRecipients.first.map { [$0.status, $0.diagnosticCode].compactMap { $0 }.joined(separator: " ") } ?? "bounce"
            summary.bounces += 1
            journal.send(JournalEntry(
                message: "mail to \(entry.failedRecipients.joined(separator: ", ")) bounced: \(entry.reason)"
                    + (status.planwatchKeys.first.map { " (\($0))" } ?? ""),
                priority: .error, messageID: .bounce,
                fields: fields + [("PLANWATCH_RECIPIENT", entry.failedRecipients.joined(separator: ",")),
                                  ("PLANWATCH_MESSAGE_KEY", status.planwatchKeys.first), ("PLANWATCH_ERROR", entry.reason)]))
            try await finish(entry, name, inbox: inbox, to: .cur)
        case .automatic(let reason):
            entry.outcome = .automatic
            entry.reason = reason.description
            summary.automatic += 1
            journal.send(JournalEntry(message: "automatic reply from \(sender?.address ?? "?") kept, not answered (\(reason))",
                                      priority: .info, messageID: .replyRefused, fields: fields))
            try await finish(entry, name, inbox: inbox, to: .cur)
        case .completion(let word):
            let token = pattern?.token(in: mail)
            guard let token, let record = try await runtime.state.replyTokenRecord(token),
                  ReplyToken.constantTimeEquals(record.token, token), record.revokedAt == nil else {
                try await refuse(&entry, .unknownToken, name, inbox: inbox, mail: mail, sender: sender, token: token, now: now,
                                 summary: &summary, fields: fields)
                return
            }
            // The reply's own date, which a sender's clock can get wrong: never after the reply
            // arrived, never before the reminder (which wins should the two disagree).
            let dated = max(min(mail.date ?? arrived, arrived), record.issuedAt)
            let done = configuration.timezone.date(at: dated)
            let occurrence = record.occurrence
            let recorded = try await runtime.state.record(RecordedCompletion(
                item: occurrence.subject, rule: occurrence.rule, occurrence: occurrence.occurrence.date, on: done, recordedAt: now,
                by: .person(record.recipient), how: .reply, note: "reply: \(word)", messageID: mail.messageID ?? "file:\(name)"))
            entry.outcome = .completed
            entry.reason = word
            entry.occurrence = occurrence
            entry.completion = recorded.id
            summary.completed += 1
            let person = project.plan.peopleByID[record.recipient]
            journal.send(JournalEntry(
                message: "\(occurrence) recorded as done on \(done) by \(record.recipient), by reply ('\(word)')",
                priority: .notice, messageID: .completionRecorded,
                fields: fields + [("PLANWATCH_RULE", occurrence.rule), ("PLANWATCH_SUBJECT", occurrence.subject),
                                  ("PLANWATCH_OCCURRENCE", occurrence.occurrence.description), ("PLANWATCH_RECIPIENT", record.recipient),
                                  ("PLANWATCH_COMPLETION", String(recorded.id))]))
            if let sender, let person, sender.address.lowercased() != person.email.lowercased() {
                journal.send(JournalEntry(
                    message: "the reply for \(occurrence) came from \(sender.address), not from \(person.email) whom the reminder went to; "
                        + "recorded as done all the same (the token is what counts)",
                    priority: .notice, messageID: .replyFromElsewhere, fields: fields + [("PLANWATCH_RECIPIENT", record.recipient)]))
            }
            if let recipient = sender ?? person.flatMap({ Mailbox(name: $0.name, address: $0.email) }) {
                let language = MessageLanguage(code: person?.language ?? configuration.language) ?? .swedish
                let title = project.plan.items.first { $0.id == occurrence.subject }?.title ?? occurrence.subject
                let answer = try runtime.composer.confirmation(to: recipient, language: language, title: title, done: done,
                                                               due: occurrence.occurrence.date, inReplyTo: mail.messageID, date: now)
                if try await runtime.spool.add(name: answer.name, data: answer.data) { summary.answers += 1 }
                entry.answered = true
            }
            try await finish(entry, name, inbox: inbox, to: .cur)
        case .unrecognised(let reason):
            let refusal: MailComposer.Refusal = switch reason {
            case .tooLarge: .tooLarge(megabytes: max(1, (size + (1 << 19)) >> 20))
            case .noTextPart, .empty: .unreadable
            case .notACompletion(let line): .notACompletion(firstLine: line)
            }
            try await refuse(&entry, refusal, name, inbox: inbox, mail: mail, sender: sender, token: pattern?.token(in: mail), now: now,
                             summary: &summary, fields: fields)
        }
    }

    private func refuse(_ entry: inout InboxEntry, _ refusal: MailComposer.Refusal, _ name: String, inbox: InboxMaildir, mail: IncomingMail,
                        sender: Mailbox?, token: String?, now: Instant, summary: inout Summary, fields: [(String, String?)]) async throws {
        entry.outcome = .refused
        entry.reason = switch refusal {
        case .unknownToken: token == nil ? "no reply token" : "unknown or revoked token"
        case .notACompletion(let line): "first line: \(line.prefix(60))"
        case .unreadable: "no plain text"
        case .tooLarge(let megabytes): "too large (\(megabytes) MB)"
        }
        summary.refused += 1
        journal.send(JournalEntry(message: "reply from \(sender?.address ?? "?") kept aside in refused/: \(entry.reason)",
                                  priority: .notice, messageID: .replyRefused, fields: fields + [("PLANWATCH_REASON", entry.reason)]))
        // An explanation, at most one a day to each sender.
        if let sender {
            let last = try await runtime.state.lastExplanation(to: sender.address)
            if last.map({ now.seconds - $0.seconds >= 86_400 }) ?? true {
                let person = project.plan.people.first { $0.email.lowercased() == sender.address.lowercased() }
                let language = MessageLanguage(code: person?.language ?? configuration.language) ?? .swedish
                let answer = try runtime.composer.explanation(to: sender, language: language, refusal: refusal, originalSubject: mail.subject,
                                                              inReplyTo: mail.messageID, date: now)
                if try await runtime.spool.add(name: answer.name, data: answer.data) { summary.answers += 1 }
                entry.answered = true
            }
        }
        try await finish(entry, name, inbox: inbox, to: .refused)
    }

    /// Records what became of a mail, then moves it (a crash in between processes it again, to the same end).
    private func finish(_ entry: InboxEntry, _ name: String, inbox: InboxMaildir, to folder: InboxMaildir.Folder) async throws {
        try await runtime.state.record(entry)
        try inbox.move(name, from: .new, to: folder)
    }
}
