public import PlanwatchCore

/// The fixed words of planwatch's mails, in Swedish and English.
struct MailTexts {
    let language: String

    private var sv: Bool { language != "en" }

    func greeting(_ name: String) -> String { sv ? "Hej \(name)," : "Hello \(name)," }
    var digestIntro: String {
        sv ? "Här är dina påminnelser och larm från planwatch." : "Here are your reminders and alerts from planwatch."
    }
    func digestSubject(count: Int, date: LocalDate) -> String {
        sv ? "planwatch: \(count) \(count == 1 ? "påminnelse eller larm" : "påminnelser och larm") (\(date))"
           : "planwatch: \(count) reminder\(count == 1 ? "" : "s") and alert\(count == 1 ? "" : "s") (\(date))"
    }
    var details: String { sv ? "Detaljer" : "Details" }
    var ruleLabel: String { sv ? "Regel" : "Rule" }
    var subjectLabel: String { sv ? "Gäller" : "About" }
    var dueLabel: String { sv ? "Senast" : "Due" }
    var periodLabel: String { sv ? "Period" : "Period" }
    var stageLabel: String { sv ? "Steg" : "Stage" }
    var valueLabel: String { sv ? "Värde" : "Value" }
    var headers: [String] { sv ? ["DATUM", "STEG", "ÄRENDE"] : ["DATE", "STAGE", "SUBJECT"] }

    /// What to do next, by kind.
    func advice(_ finding: Finding) -> String {
        if finding.kind == .deadline {
            return sv ? "När uppföljningen är gjord: för in den i plandata (completed) så upphör påminnelserna."
                      : "When the follow-up is done, record it in the plan data (completed) and the reminders stop."
        }
        return sv ? "Larmet upphör när ett rapporterat värde ligger inom gränsen igen."
                  : "The alert ends when a reported value is within the limit again."
    }

    var signature: String { sv ? "— planwatch (automatiskt meddelande, svara inte)" : "— planwatch (automatic message, do not reply)" }

    /// A stage in words.
    func stage(_ stage: Stage) -> String {
        switch stage {
        case .reminder(let lead): sv ? "påminnelse (\(lead) före)" : "reminder (\(lead) before)"
        case .overdue(let number): sv ? "försenad (påminnelse \(number))" : "overdue (notice \(number))"
        case .due: sv ? "sista dag" : "due today"
        case .escalated: sv ? "eskalerad" : "escalated"
        case .firing(.critical, _): sv ? "kritisk" : "critical"
        case .firing: sv ? "varning" : "warning"
        case .resolved: sv ? "åtgärdad" : "resolved"
        case .missing: sv ? "värde saknas" : "value missing"
        case .report: sv ? "rapport" : "report"
        case .completed: sv ? "klar" : "done"
        }
    }
}
