public import PlanwatchCore

/// The fixed words of planwatch's mails, in Swedish and English: what kind of message it is, the
/// greeting, the labels of the fields, what to do next. The rule's own title and text come from
/// its templates; these frame them.
public struct MailWording: Sendable {
    public let language: MessageLanguage

    public init(language: MessageLanguage) {
        self.language = language
    }

    /// The wording of a language code (`sv`, `en`; Swedish for anything else).
    public init(code: String) {
        self.init(language: MessageLanguage(code: code) ?? .swedish)
    }

    private var sv: Bool { language == .swedish }

    /// `Hej Lisa,` — by given name.
    public func greeting(_ name: String) -> String {
        let given = MessageLanguage.givenName(name)
        return given.isEmpty ? (sv ? "Hej," : "Hello,") : (sv ? "Hej \(given)," : "Hello \(given),")
    }

    /// What kind of message a stage is, to begin a subject: `Påminnelse:`, `Försenad:`, `Larm:`.
    public func subjectPrefix(_ stage: Stage) -> String {
        switch stage {
        case .reminder: sv ? "Påminnelse:" : "Reminder:"
        case .due: sv ? "Sista dag i dag:" : "Due today:"
        case .overdue: sv ? "Försenad:" : "Overdue:"
        case .escalated: sv ? "Eskalerad:" : "Escalated:"
        case .firing(.critical, _): sv ? "Kritiskt larm:" : "Critical alert:"
        case .firing: sv ? "Larm:" : "Alert:"
        case .resolved: sv ? "Åtgärdat:" : "Resolved:"
        case .missing: sv ? "Saknat värde:" : "Missing value:"
        case .report: sv ? "Rapport:" : "Report:"
        case .completed: sv ? "Klar:" : "Done:"
        }
    }

    /// A stage in words, for the fields and the digest's table.
    public func stage(_ stage: Stage) -> String {
        switch stage {
        case .reminder(let lead): sv ? "påminnelse \(language.duration(lead)) före" : "reminder \(language.duration(lead)) before"
        case .due: sv ? "sista dagen" : "due today"
        case .overdue(1): sv ? "försenad" : "overdue"
        case .overdue(let number): sv ? "försenad, påminnelse \(number)" : "overdue, notice \(number)"
        case .escalated: sv ? "eskalerad" : "escalated"
        case .firing(let level, let notice):
            (level == .critical ? (sv ? "kritiskt larm" : "critical alert") : (sv ? "larm" : "alert"))
                + (notice > 1 ? (sv ? ", påminnelse \(notice)" : ", notice \(notice)") : "")
        case .resolved: sv ? "åtgärdat" : "resolved"
        case .missing: sv ? "värde saknas" : "value missing"
        case .report: sv ? "rapport" : "report"
        case .completed: sv ? "klar" : "done"
        }
    }

    /// The subject of a digest: the day and what is inside, `4 jan: 2 försenade, 6 saknade värden`.
    public func digestSubject(_ stages: [Stage], date: LocalDate) -> String {
        var parts: [String] = []
        for category in DigestCategory.allCases {
            let count = stages.filter(category.contains).count
            guard count > 0 else { continue }
            let (singular, plural) = category.words(swedish: sv)
            parts.append(language.count(count, singular: singular, plural: plural))
        }
        return "\(language.shortDate(date)): " + parts.joined(separator: ", ")
    }

    /// The kinds of message a digest's subject counts, most pressing first.
    enum DigestCategory: CaseIterable {
        case escalated, overdue, due, alert, missing, reminder, resolved, done, report

        func contains(_ stage: Stage) -> Bool {
            switch self {
            case .escalated: stage == .escalated
            case .overdue: stage.isOverdue
            case .due: stage == .due
            case .alert: stage.firingLevel != nil
            case .missing: stage == .missing
            case .reminder: stage.isReminder
            case .resolved: stage == .resolved
            case .done: stage == .completed
            case .report: stage == .report
            }
        }

        func words(swedish: Bool) -> (String, String) {
            switch self {
            case .escalated: swedish ? ("eskalerad", "eskalerade") : ("escalated", "escalated")
            case .overdue: swedish ? ("försenad", "försenade") : ("overdue", "overdue")
            case .due: swedish ? ("med sista dag i dag", "med sista dag i dag") : ("due today", "due today")
            case .alert: swedish ? ("larm", "larm") : ("alert", "alerts")
            case .missing: swedish ? ("saknat värde", "saknade värden") : ("missing value", "missing values")
            case .reminder: swedish ? ("påminnelse", "påminnelser") : ("reminder", "reminders")
            case .resolved: swedish ? ("åtgärdat", "åtgärdade") : ("resolved", "resolved")
            case .done: swedish ? ("klar", "klara") : ("done", "done")
            case .report: swedish ? ("rapport", "rapporter") : ("report", "reports")
            }
        }
    }

    public var digestIntro: String { sv ? "Det här gäller dig i dag:" : "This is for you today:" }
    public var details: String { sv ? "Mer om var och en" : "About each" }
    public var ruleLabel: String { sv ? "Regel" : "Rule" }
    public var subjectLabel: String { sv ? "Gäller" : "About" }
    public var dueLabel: String { sv ? "Sista dag" : "Due" }
    public var periodLabel: String { sv ? "Period" : "Period" }
    public var alertSinceLabel: String { sv ? "Larm sedan" : "Alert since" }
    public var stageLabel: String { sv ? "Steg" : "Stage" }
    public var valueLabel: String { sv ? "Värde" : "Value" }
    public var limitLabel: String { sv ? "Gräns" : "Limit" }
    public var tableHeaders: [String] { sv ? ["DATUM", "STEG", "ÄRENDE"] : ["DATE", "STAGE", "SUBJECT"] }

    /// What to do about a deadline when done: by reply, when replies are set up.
    public func deadlineFooter(replies: Bool, guidance: String?) -> String {
        var lines: [String] = []
        if let guidance { lines.append(guidance) }
        lines.append(replies
            ? (sv ? "När det är gjort: svara på det här mejlet med ordet klar, så upphör påminnelserna."
                  : "Once it is done, reply to this mail with the word done, and the reminders stop.")
            : (sv ? "När det är gjort och registrerat upphör påminnelserna."
                  : "Once it is done and recorded, the reminders stop."))
        return lines.joined(separator: "\n")
    }

    /// A digest row's reply link: `mailto:` with its token and a prefilled subject.
    public func digestReplyLine(_ address: String) -> String {
        (sv ? "Klar? Svara genom att skriva till " : "Done? Reply by writing to ") + "<mailto:\(address)?subject=\(sv ? "Klar" : "Done")>"
    }

    /// What ends an alert, or what to do about a missing value.
    public func alertFooter(_ finding: Finding) -> String {
        var lines: [String] = []
        if let guidance = finding.guidance(in: language) { lines.append(guidance) }
        switch finding.stage {
        case .missing:
            lines.append(sv ? "Larmet upphör när värdet för \(finding.occurrence.period.map(language.period) ?? "perioden") är rapporterat."
                            : "The alert ends when the value for \(finding.occurrence.period.map(language.period) ?? "the period") is reported.")
        case .resolved:
            lines.append(sv ? "Inget mer behöver göras." : "Nothing more needs to be done.")
        default:
            if let end = finding.clear?.phrase(in: language) ?? finding.limit?.endPhrase(in: language) {
                lines.append(sv ? "Larmet upphör när ett rapporterat värde är \(end)." : "The alert ends when a reported value is \(end).")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The end of every mail.
    public func signature(replies: Bool) -> String {
        replies ? (sv ? "— planwatch (automatiskt utskick)" : "— planwatch (sent automatically)")
                : (sv ? "— planwatch (automatiskt utskick, svar läses inte)" : "— planwatch (sent automatically; replies are not read)")
    }
}

extension Finding {
    /// The rule's `how_to_complete` in `language` (else Swedish, else English).
    public func guidance(in language: MessageLanguage) -> String? {
        LocalizedTemplates.shownLanguage(language.code, among: guidance.keys).flatMap { guidance[$0] }
    }
}
