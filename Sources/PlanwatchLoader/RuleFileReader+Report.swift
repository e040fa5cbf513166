import PlanwatchCore
import Yams

/// Reading a report rule (`kind: report`): when the compliance report is mailed, for which period,
/// grouped how, to whom, and how large its attachments may be.
extension RuleFileReader {
    func reportRule(_ fields: Fields, id: String, group: String, location: SourceLocation) -> Rule? {
        guard let dueNode = fields["due"] else {
            diagnostics.error(location, "report rule '\(id)' has no 'due'", hint: "when to mail it, e.g. due: \"*-01-20\"")
            return nil
        }
        guard let text = reader.string(dueNode, "due") else { return nil }
        let expression: CalendarExpression
        do {
            expression = try CalendarExpression(text)
        } catch {
            var at = reader.location(dueNode)
            at.column += error.column - 1 + (dueNode.scalar?.style == .plain ? 0 : 1)
            diagnostics.error(at, "invalid calendar expression \(error.description)",
                              hint: "systemd OnCalendar= syntax, e.g. '*-01-20'; try 'planwatch calendar EXPR'")
            return nil
        }
        var report = ReportRule(due: expression)
        if let node = fields["period"], let value = reader.string(node, "period") {
            if let coverage = ReportRule.Coverage(rawValue: value) {
                report.coverage = coverage
            } else {
                let names = ReportRule.Coverage.allCases.map(\.rawValue)
                diagnostics.error(reader.location(node), "unknown report period '\(value)'",
                                  hint: closestMatch(to: value, in: names).map { "did you mean '\($0)'?" } ?? "use " + names.joined(separator: ", "))
            }
        }
        if let node = fields["by"], let value = reader.string(node, "by") { report.grouping = ReportGrouping(value) }
        if let node = fields["attachment_limit"], let value = reader.string(node, "attachment_limit") {
            if let bytes = Self.byteCount(value), bytes > 0 {
                report.attachmentLimit = bytes
            } else {
                diagnostics.error(reader.location(node), "attachment_limit: '\(value)' is not a size",
                                  hint: "a number of bytes with kB or MB, e.g. 5 MB (Postfix refuses mail above 10 MB by default)")
            }
        }
        if let node = fields["title"] { report.title = languageTexts(node, "title") }
        var notify: [Recipient] = []
        if let node = fields["notify"], let list = reader.list(node, "notify", single: true) {
            for entry in list {
                guard let text = reader.string(entry, "a recipient") else { continue }
                guard let recipient = Recipient(text), case .role = recipient else {
                    diagnostics.error(reader.location(entry), "report rule '\(id)' notifies '\(text)': a report goes to named roles",
                                      hint: "name a role such as styrgrupp (its holders are listed under 'roles' in planwatch.yaml or in people's 'roles')")
                    continue
                }
                reader.sites.add(.recipient(recipient, inThresholdRule: false), text, at: reader.location(entry), in: "rule '\(id)'")
                notify.append(recipient)
            }
        } else {
            diagnostics.error(location, "report rule '\(id)' has no 'notify'", hint: "the roles it is mailed to, e.g. notify: [styrgrupp]")
        }
        return Rule(id: id, group: group, settings: .report(report), selector: Selector(), notify: notify, severity: .info,
                    title: LocalizedTemplates(), text: LocalizedTemplates(), location: location)
    }

    /// `5 MB`, `500 kB`, `120000`: a number of bytes (kB = 1000, MB = 1000 000).
    static func byteCount(_ text: String) -> Int? {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        let units: [(String, Double)] = [("MB", 1_000_000), ("kB", 1000), ("KB", 1000), ("B", 1)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            let number = String(trimmed.dropLast(suffix.count).reversed().drop { $0 == " " }.reversed())
            guard let value = Double(number), value.isFinite, value >= 0, value * factor < 1e12 else { return nil }
            return Int(value * factor)
        }
        guard let value = Int(trimmed), value >= 0 else { return nil }
        return value
    }
}
