public import PlanwatchCore

/// The text and calendar parts of a notification mail.
extension MailComposer {
    /// One notification: its title (in a digest), its text, the fields (ISO dates), what to do.
    func details(_ notification: PlannedNotification, _ wording: MailWording, number: Int?, replyLink: String?) throws(MailError) -> [String] {
        let finding = notification.finding
        let language = wording.language
        var lines: [String] = []
        if let number { lines += ["\(number). \(title(notification, wording))", ""] }
        if let text = finding.text(in: language.code) {
            guard text.utf8.count <= Self.maximumTextBytes else {
                throw MailError("the text of rule '\(finding.rule)' about \(finding.subject) is \(text.utf8.count >> 10) KiB; "
                    + "a text may be at most \(Self.maximumTextBytes >> 10) KiB")
            }
            lines.append(text)
        }
        lines.append("")
        lines.append("\(wording.subjectLabel): \(finding.subjectTitle) (\(finding.subject))")
        if let due = finding.due {
            lines.append("\(wording.dueLabel): \(due)")
        } else if let period = finding.valuePeriod {
            // The value's period, and for a firing alert the period it began: one period story.
            lines.append("\(wording.periodLabel): \(period)")
            if let since = finding.firingSince, since != period { lines.append("\(wording.alertSinceLabel): \(since)") }
        } else {
            lines.append("\(wording.periodLabel): \(finding.occurrence)")
        }
        if let value = finding.value {
            lines.append("\(wording.valueLabel): \(language.number(value))"
                + (finding.limit.map { " (\(wording.limitLabel.lowercased()) \($0.limitText(in: language)))" } ?? ""))
        }
        lines.append("\(wording.stageLabel): \(wording.stage(finding.stage))")
        lines.append("\(wording.ruleLabel): \(finding.rule)")
        lines.append("")
        switch finding.kind {
        case .deadline, .report:
            if let replyLink {
                // A digest row: replying to the digest itself records nothing, its row's link does.
                if finding.stage != .completed, let guidance = finding.guidance(in: language) { lines.append(guidance) }
                lines.append(wording.digestReplyLine(replyLink))
            } else if finding.stage != .completed {
                lines.append(wording.deadlineFooter(replies: replies != nil, guidance: finding.guidance(in: language)))
            }
        case .threshold:
            lines.append(wording.alertFooter(finding))
        }
        // A footer may hold several lines (the rule's guidance, then what ends it): each its own line.
        return lines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            .map { HeaderEncoding.sanitizeBodyLine(String($0)) }
    }

    /// The digest's table: one line per notification.
    func table(_ notifications: [PlannedNotification], _ wording: MailWording) -> [String] {
        let rows = [wording.tableHeaders] + notifications.map { notification in
            [notification.finding.due?.description ?? notification.finding.occurrence.description, wording.stage(notification.finding.stage),
             HeaderEncoding.sanitize(title(notification, wording))]
        }
        var widths = [0, 0]
        for row in rows { for column in 0..<2 { widths[column] = max(widths[column], row[column].count) } }
        return rows.map { row in
            row[0] + String(repeating: " ", count: widths[0] - row[0].count + 2)
                + row[1] + String(repeating: " ", count: widths[1] - row[1].count + 2) + row[2]
        }
    }

    /// The calendar part of a deadline notification: a REQUEST, or a CANCEL once it is done.
    func calendar(_ notification: PlannedNotification, _ wording: MailWording, person: NotifiedPerson, date: Instant) -> MIMEMessage.Calendar? {
        let finding = notification.finding
        guard finding.kind == .deadline, let due = finding.due,
              let attendee = Mailbox(name: HeaderEncoding.sanitize(person.name), address: person.email) else { return nil }
        let obligation = finding.obligation ?? "\(finding.rule)/\(finding.subject)/\(finding.occurrence)"
        let uid = String(SHA256.hex(obligation).prefix(32)) + "@\(domain)"
        let method: ICalendar.Method = finding.stage == .completed ? .cancel : .request
        let event = ICalendar.Event(uid: uid, sequence: ICalendar.sequence(at: date), date: due,
                                    summary: HeaderEncoding.sanitize(title(notification, wording)),
                                    description: finding.text(in: wording.language.code) ?? "", organizer: from, attendee: attendee,
                                    alarmDaysBefore: 1)
        return MIMEMessage.Calendar(method: method, text: ICalendar.calendar(event, method: method, stamp: date))
    }
}
