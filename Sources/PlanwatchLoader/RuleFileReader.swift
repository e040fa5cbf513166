import PlanwatchCore
import Yams

/// Reads a rule file (a group of rules) into `RuleGroup`, reporting every problem.
struct RuleFileReader {
    let reader: YAMLReader
    var diagnostics: DiagnosticCollector { reader.diagnostics }

    static let groupKeys = ["group", "title", "description", "labels", "rules"]
    static let commonKeys = ["id", "kind", "description", "for_each", "notify", "severity", "title", "text", "how_to_complete"]
    static let deadlineKeys = ["due", "offset", "shift", "remind", "overdue"]
    static let thresholdKeys = ["metric", "warning", "critical", "for", "clear", "missing", "repeat"]
    static let reportKeys = ["id", "kind", "description", "notify", "title", "due", "period", "by", "attachment_limit"]
    static let languages = ["sv", "en"]

    func read(_ root: Node) -> RuleGroup? {
        guard let fields = reader.mapping(root, "a rule file", allowed: Self.groupKeys, required: ["group", "rules"]) else { return nil }
        let name = fields["group"].flatMap { reader.identifier($0, "group") } ?? ""
        var group = RuleGroup(name: name, location: reader.location(root))
        if let title = fields["title"] { group.title = languageTexts(title, "the group's title") }
        if let labels = fields["labels"] { group.labels = LabelVocabularyReader(reader: reader).read(labels) }
        if let list = fields["rules"].flatMap({ reader.list($0, "rules") }) {
            group.rules = list.compactMap { rule($0, group: name) }
        }
        return group
    }

    func languageTexts(_ node: Node, _ what: String) -> [String: String] {
        if let text = node.scalar?.string { return ["sv": text, "en": text] }
        guard let fields = reader.mapping(node, what, allowed: Self.languages) else { return [:] }
        var result: [String: String] = [:]
        for language in Self.languages {
            if let value = fields[language], let text = reader.string(value, "\(what) (\(language))") { result[language] = text }
        }
        return result
    }

    func rule(_ node: Node, group: String) -> Rule? {
        let kindNode = node.mapping?["kind"]
        let kind = kindNode?.scalar?.string
        var allowed = Self.commonKeys
        var explain: [String: String] = [:]
        switch kind {
        case "deadline":
            allowed += Self.deadlineKeys
            for key in Self.thresholdKeys { explain[key] = "it belongs to threshold rules, and this is a deadline rule" }
        case "threshold":
            allowed += Self.thresholdKeys
            for key in Self.deadlineKeys { explain[key] = "it belongs to deadline rules, and this is a threshold rule" }
        default:
            allowed += Self.deadlineKeys + Self.thresholdKeys
        }
        if kind == "report" {
            allowed = Self.reportKeys
            explain = [:]
            for key in Self.commonKeys + Self.deadlineKeys + Self.thresholdKeys where !allowed.contains(key) {
                explain[key] = "a report rule mails the compliance report; it takes due, period, by, notify, title and attachment_limit"
            }
        }
        guard let fields = reader.mapping(node, "a rule", allowed: allowed, required: ["id", "kind"], explain: explain) else { return nil }
        let id = fields["id"].flatMap { reader.identifier($0, "rule id") }
        if let kindNode, kind != "deadline", kind != "threshold", kind != "report" {
            diagnostics.error(reader.location(kindNode), "unknown rule kind '\(kind ?? "")'",
                              hint: closestMatch(to: kind ?? "", in: ["deadline", "threshold", "report"]).map { "did you mean '\($0)'?" }
                                ?? "use deadline, threshold or report")
            return nil
        }
        if kind == "report" {
            guard let id else { return nil }
            return reportRule(fields, id: id, group: group, location: reader.location(node))
        }
        guard let id, let kind, let ruleKind = RuleKind(rawValue: kind), ruleKind != .report else { return nil }
        let location = reader.location(node)

        let settings: Rule.Settings
        if ruleKind == .deadline {
            guard let deadline = deadlineSettings(fields, ruleID: id) else { return nil }
            settings = .deadline(deadline)
        } else {
            guard let threshold = thresholdSettings(fields, ruleID: id) else { return nil }
            settings = .threshold(threshold)
        }
        let selector = fields["for_each"].map { self.selector($0, isDeadline: ruleKind == .deadline, ruleID: id) }
            ?? (ruleKind == .deadline ? Selector() : Selector(unitKind: "*"))
        let notify = fields["notify"].map { recipients($0, ruleID: id, threshold: ruleKind == .threshold) }
            ?? (ruleKind == .deadline ? [.owner] : [.unitRole("manager")])
        var severity = Severity.warning
        if let node = fields["severity"], let text = reader.string(node, "severity") {
            if let value = Severity(rawValue: text) {
                severity = value
            } else {
                diagnostics.error(reader.location(node), "unknown severity '\(text)'", hint: "use info, warning or critical")
            }
        }
        let title = templates(fields["title"], "title", defaults: DefaultTemplates.title(kind: ruleKind), ruleID: id, kind: ruleKind)
        let text = templates(fields["text"], "text", defaults: DefaultTemplates.text(kind: ruleKind), ruleID: id, kind: ruleKind)
        var rule = Rule(id: id, group: group, settings: settings, selector: selector, notify: notify, severity: severity,
                    title: title, text: text, location: location)
        if let node = fields["how_to_complete"] { rule.guidance = languageTexts(node, "how_to_complete") }
        return rule
    }

    // MARK: Deadline

    func deadlineSettings(_ fields: Fields, ruleID: String) -> DeadlineRule? {
        var deadline = DeadlineRule(due: .itemDueDate)
        var ok = true
        if let node = fields["due"], let text = reader.string(node, "due") {
            if text == "item" || text == "own" {
                deadline.due = .itemDueDate
            } else {
                do {
                    deadline.due = .calendar(try CalendarExpression(text))
                } catch {
                    var location = reader.location(node)
                    location.column += error.column - 1 + (node.scalar?.style == .plain ? 0 : 1)
                    diagnostics.error(location, "invalid calendar expression \(error.description)",
                                      hint: "systemd OnCalendar= syntax, e.g. '*-01-31' or '*-04,08,12~01'; try 'planwatch calendar EXPR'")
                    ok = false
                }
            }
        }
        if let node = fields["offset"] {
            deadline.offset = duration(node, "offset")
            if case .itemDueDate = deadline.due {
                diagnostics.error(reader.location(node), "'offset' applies to a calendar 'due', and this rule uses each item's own due date")
            }
        }
        if let node = fields["shift"], let text = reader.string(node, "shift") {
            if let policy = ShiftPolicy(rawValue: text) {
                deadline.shift = policy
            } else {
                diagnostics.error(reader.location(node), "unknown shift '\(text)'",
                                  hint: "use " + ShiftPolicy.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        if let node = fields["remind"], let list = reader.list(node, "remind", single: true) {
            deadline.remind = list.compactMap { duration($0, "reminder lead") }
        }
        if let node = fields["overdue"] {
            deadline.overdue = overduePolicy(node, ruleID: ruleID)
        }
        return ok ? deadline : nil
    }

    func overduePolicy(_ node: Node, ruleID: String) -> OverduePolicy? {
        guard let fields = reader.mapping(node, "overdue", allowed: ["repeat", "escalate_after", "escalate_to", "max_overdue"]) else { return nil }
        var policy = OverduePolicy()
        policy.repeat = fields["repeat"].flatMap { duration($0, "overdue repeat") }
        policy.escalateAfter = fields["escalate_after"].flatMap { duration($0, "escalate_after") }
        if let node = fields["escalate_to"] { policy.escalateTo = recipients(node, ruleID: ruleID, threshold: false) }
        if let node = fields["max_overdue"], let value = duration(node, "max_overdue") { policy.maxOverdue = value }
        if policy.escalateAfter != nil, policy.escalateTo.isEmpty, let after = fields["escalate_after"] {
            diagnostics.warning(reader.location(after), "escalate_after without escalate_to: the escalation reaches only the rule's own recipients")
        }
        if let escalate = policy.escalateAfter, escalate.approximateDays > policy.maxOverdue.approximateDays, let node = fields["escalate_after"] {
            diagnostics.warning(reader.location(node), "escalate_after (\(escalate)) is later than max_overdue (\(policy.maxOverdue)): the escalation never happens")
        }
        return policy
    }

    // MARK: Threshold

    func thresholdSettings(_ fields: Fields, ruleID: String) -> ThresholdRule? {
        guard let metricNode = fields["metric"] else {
            diagnostics.error(reader.location(fields.node), "a threshold rule is missing 'metric'")
            return nil
        }
        var threshold: ThresholdRule
        if metricNode.mapping != nil {
            guard let derived = DerivedMetricReader(reader: reader).read(metricNode, ruleID: ruleID) else { return nil }
            threshold = ThresholdRule(metric: derived.description, derived: derived)
        } else {
            guard let metric = reader.identifier(metricNode, "metric") else { return nil }
            reader.sites.add(.metric, metric, at: reader.location(metricNode), in: "rule '\(ruleID)'")
            threshold = ThresholdRule(metric: metric)
        }
        threshold.warning = fields["warning"].flatMap { condition($0, "warning") }
        threshold.critical = fields["critical"].flatMap { condition($0, "critical") }
        threshold.clear = fields["clear"].flatMap { condition($0, "clear") }
        if fields["warning"] == nil, fields["critical"] == nil, fields["missing"] == nil {
            diagnostics.error(reader.location(fields.node), "a threshold rule needs 'warning', 'critical' or 'missing'")
        }
        if let node = fields["for"] {
            threshold.forPeriods = periods(node) ?? 1
        }
        if let node = fields["missing"], let missing = reader.mapping(node, "missing", allowed: ["after"], required: ["after"]) {
            threshold.missingAfter = missing["after"].flatMap { duration($0, "missing after") }
        }
        if let node = fields["repeat"], let every = duration(node, "repeat") {
            if every.approximateDays < 1 {
                diagnostics.error(reader.location(node), "repeat must be at least a day, not '\(every)'", hint: "e.g. repeat: 30d")
            } else {
                threshold.repeatEvery = every
            }
        }
        if let warning = threshold.warning, let critical = threshold.critical, let node = fields["critical"] {
            let inverted: Bool = switch (warning, critical) {
            case (.above(let w), .above(let c)): c < w
            case (.below(let w), .below(let c)): c > w
            default: false
            }
            if inverted {
                diagnostics.warning(reader.location(node), "the critical limit is less severe than the warning limit (\(critical) vs \(warning))")
            }
        }
        return threshold
    }

    /// `2 periods`, `1 period` or a plain number.
    func periods(_ node: Node) -> Int? {
        guard let text = reader.string(node, "for") else { return nil }
        let parts = text.split(separator: " ")
        guard let first = parts.first, let count = Int(first), count >= 1, count <= 120,
              parts.count == 1 || (parts.count == 2 && (parts[1] == "periods" || parts[1] == "period"))
        else {
            diagnostics.error(reader.location(node), "'for' must be a number of periods such as '2 periods', not '\(text)'",
                              hint: "'for' counts consecutive reporting periods, not time")
            return nil
        }
        return count
    }

    func condition(_ node: Node, _ what: String) -> Condition? {
        guard let fields = reader.mapping(node, what, allowed: ["above", "below", "outside"]) else { return nil }
        let present = ["above", "below", "outside"].filter { fields[$0] != nil }
        guard present.count == 1 else {
            diagnostics.error(reader.location(node), "\(what) needs exactly one of 'above', 'below' or 'outside'")
            return nil
        }
        switch present[0] {
        case "above": return fields["above"].flatMap { reader.number($0, "\(what) above") }.map { .above($0) }
        case "below": return fields["below"].flatMap { reader.number($0, "\(what) below") }.map { .below($0) }
        default:
            guard let list = reader.list(fields["outside"]!, "\(what) outside"), list.count == 2,
                  let low = reader.number(list[0], "\(what) outside (low)"), let high = reader.number(list[1], "\(what) outside (high)")
            else {
                diagnostics.error(reader.location(fields["outside"]!), "\(what) outside needs [low, high]")
                return nil
            }
            guard low < high else {
                diagnostics.error(reader.location(fields["outside"]!), "\(what) outside needs low < high, not [\(formatNumber(low)), \(formatNumber(high))]")
                return nil
            }
            return .outside(low, high)
        }
    }

    // MARK: Shared

    func duration(_ node: Node, _ what: String) -> RuleDuration? {
        guard let text = reader.string(node, what) else { return nil }
        do {
            return try RuleDuration(parsing: text)
        } catch {
            diagnostics.error(reader.location(node), "\(what): \(error.description)")
            return nil
        }
    }

    func selector(_ node: Node, isDeadline: Bool, ruleID: String) -> Selector {
        guard let fields = reader.mapping(node, "for_each", allowed: ["item", "unit", "labels", "min_employees", "max_employees", "employer"])
        else { return Selector() }
        var selector = Selector()
        selector.itemKind = fields["item"].flatMap { reader.identifier($0, "item kind") ?? ($0.scalar?.string == "*" ? "*" : nil) }
        selector.unitKind = fields["unit"].flatMap { reader.identifier($0, "unit kind") ?? ($0.scalar?.string == "*" ? "*" : nil) }
        selector.labels = fields["labels"].flatMap { reader.stringMap($0, "labels") } ?? [:]
        selector.minEmployees = fields["min_employees"].flatMap { reader.integer($0, "min_employees", range: 0...1_000_000) }
        selector.maxEmployees = fields["max_employees"].flatMap { reader.integer($0, "max_employees", range: 0...1_000_000) }
        if let node = fields["employer"], let list = reader.list(node, "employer", single: true) {
            selector.employerKinds = list.compactMap { entry in
                guard let kind = reader.identifier(entry, "employer unit kind") else { return nil }
                reader.sites.add(.unitKind, kind, at: reader.location(entry), in: "rule '\(ruleID)'")
                return kind
            }
            if selector.minEmployees == nil, selector.maxEmployees == nil {
                diagnostics.warning(reader.location(node), "'employer' without min_employees or max_employees changes nothing",
                                    hint: "the employer is the unit whose employees the bounds count")
            }
        }
        if let node = fields["item"], let kind = selector.itemKind, kind != "*" {
            reader.sites.add(.itemKind, kind, at: reader.location(node), in: "rule '\(ruleID)'")
        }
        if let node = fields["unit"], let kind = selector.unitKind, kind != "*" {
            reader.sites.add(.unitKind, kind, at: reader.location(node), in: "rule '\(ruleID)'")
        }
        if let node = fields["labels"]?.mapping {
            for (key, value) in node {
                if let name = key.scalar?.string, let text = value.scalar?.string {
                    reader.sites.add(.label(key: name, value: text), name, at: reader.location(key), in: "rule '\(ruleID)'")
                    reader.sites.add(.labelValue(key: name, selected: true), text, at: reader.location(value), in: "rule '\(ruleID)'")
                }
            }
        }
        if isDeadline, let unit = fields["unit"] {
            diagnostics.error(reader.location(unit), "deadline rules select plan items, not units",
                              hint: "to follow up each unit, give every unit an item (e.g. kind: sam-uppfoljning, unit: farsta)")
        }
        if !isDeadline, let item = fields["item"] {
            diagnostics.error(reader.location(item), "threshold rules select units, not items", hint: "use for_each: { unit: district }")
        }
        if !isDeadline, let labels = fields["labels"] {
            diagnostics.error(reader.location(labels), "threshold rules select units by kind only; units have no labels")
        }
        return selector
    }

    func recipients(_ node: Node, ruleID: String, threshold: Bool) -> [Recipient] {
        guard let list = reader.list(node, "notify", single: true) else { return [] }
        return list.compactMap { entry in
            guard let text = reader.string(entry, "a recipient") else { return nil }
            guard let recipient = Recipient(text) else {
                diagnostics.error(reader.location(entry), "invalid recipient '\(text)'", hint: "use owner, unit.<role> or a named role")
                return nil
            }
            reader.sites.add(.recipient(recipient, inThresholdRule: threshold), text, at: reader.location(entry), in: "rule '\(ruleID)'")
            return recipient
        }
    }

    func templates(_ node: Node?, _ what: String, defaults: LocalizedTemplates, ruleID: String, kind: RuleKind) -> LocalizedTemplates {
        guard let node else { return defaults }
        var result = LocalizedTemplates()
        let texts: [(String, Node)]
        if node.scalar != nil {
            texts = Self.languages.map { ($0, node) }
        } else {
            guard let fields = reader.mapping(node, what, allowed: Self.languages) else { return defaults }
            texts = Self.languages.compactMap { language in fields[language].map { (language, $0) } }
        }
        for (language, valueNode) in texts {
            guard let source = reader.string(valueNode, "\(what) (\(language))") else { continue }
            do {
                let template = try MessageTemplate(source)
                result.byLanguage[language] = template
                let base = reader.location(valueNode)
                let quoted = valueNode.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
                for reference in template.references {
                    var location = base
                    let before = source.prefix(reference.offset)
                    let newlines = before.filter { $0 == "\n" }.count
                    if newlines == 0 {
                        location.column += reference.offset + (quoted ? 1 : 0)
                    } else {
                        location.line += newlines + (valueNode.scalar?.style == .literal || valueNode.scalar?.style == .folded ? 1 : 0)
                        location.column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) } ?? 0)
                    }
                    let sectioned = reference.sections.map { "\($0).\(reference.name)" }
                    reader.sites.add(.templateVariable(kind), reference.name, at: location,
                                     in: "rule '\(ruleID)' \(what) (\(language))", alternatives: sectioned)
                }
            } catch {
                // As for the references above: past the opening quote on the first line; on later
                // lines the column in the template is the column in the file (a block scalar starts
                // on the line after its `|`).
                var location = reader.location(valueNode)
                let quoted = valueNode.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
                let block = valueNode.scalar?.style == .literal || valueNode.scalar?.style == .folded
                if error.line == 1 && !block {
                    location.column += error.column - 1 + (quoted ? 1 : 0)
                } else {
                    location.line += error.line - 1 + (block ? 1 : 0)
                    location.column = error.column
                }
                diagnostics.error(location, "\(what) (\(language)): \(error.message)")
            }
        }
        return result
    }
}
