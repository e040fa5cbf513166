import PlanwatchCore

/// The words of the report in one language (the numbers and dates come from `MessageLanguage`).
struct ReportWords {
    let language: MessageLanguage
    private var sv: Bool { language == .swedish }

    private func pick(_ swedish: String, _ english: String) -> String { sv ? swedish : english }

    var title: String { pick("Årlig uppföljning", "Yearly follow-up") }
    var onTime: String { pick("I tid", "On time") }
    var late: String { pick("Sent", "Late") }
    var missed: String { pick("Missade", "Missed") }
    var open: String { pick("Öppna", "Open") }
    var silenced: String { pick("Tystade", "Silenced") }
    var total: String { pick("Totalt", "Total") }
    var onTimeRate: String { pick("Andel i tid", "On-time rate") }
    var overall: String { pick("Totalt", "Overall") }
    var rule: String { pick("Regel", "Rule") }
    var unit: String { pick("Enhet", "Unit") }
    var item: String { pick("Uppgift", "Item") }
    var due: String { pick("Sista dag", "Due") }
    var completed: String { pick("Klar", "Done") }
    var daysLate: String { pick("Dagar sent", "Days late") }
    var status: String { pick("Status", "Status") }
    var none: String { pick("(inget)", "(none)") }
    var noUnit: String { pick("(ingen enhet)", "(no unit)") }
    var lateAndMissed: String { pick("Sena och missade", "Late and missed") }
    var workload: String { pick("Arbetsbelastning", "Workload") }
    var warning: String { pick("Varning", "Warning") }
    var critical: String { pick("Kritisk", "Critical") }
    var missingPeriods: String { pick("Saknas", "Missing") }
    var highest: String { pick("Högsta", "Highest") }
    var stateAtEnd: String { pick("Läge vid periodens slut", "State at the end") }
    var stateAtEndShort: String { pick("Läge vid slut", "At the end") }
    var period: String { pick("Period", "Period") }
    var value: String { pick("Värde", "Value") }
    var perRule: String { pick("Per regel", "Per rule") }
    var perUnit: String { pick("Per enhet", "Per unit") }
    var noOccurrences: String { pick("Inga förfallodagar under perioden.", "Nothing fell due in the period.") }
    var nothingLate: String { pick("Inget sent eller missat.", "Nothing late or missed.") }
    var recorded: String { pick("registrerad", "recorded") }
    var notEnded: String { pick("ej slut", "not ended") }
    var noValue: String { pick("inget värde", "no value") }
    var heatMap: String { pick("Andel i tid per enhet och", "On-time rate by unit and") }
    var summary: String { pick("Sammanfattning", "Summary") }
    var limits: String { pick("Gränser", "Limits") }

    /// `Per regel`, `Per focus_area`.
    func per(_ what: String) -> String { "Per " + (what.first?.isUppercase == true && what.dropFirst().first?.isLowercase == true ? what.lowercasedFirst : what) }

    /// A status in words.
    func status(_ status: ReportStatus) -> String {
        switch status {
        case .onTime: pick("i tid", "on time")
        case .late(_, let days): pick("\(language.days(days)) sent", "\(language.days(days)) late")
        case .missed: pick("missad", "missed")
        case .open: pick("öppen", "open")
        }
    }

    /// A series state in words.
    func state(_ state: ThresholdSeriesState.State?) -> String {
        switch state {
        case nil: "\u{2013}"
        case .ok: pick("normalt", "normal")
        case .pending(let count, let of): pick("på väg (\(count) av \(of))", "pending (\(count) of \(of))")
        case .firing(.critical): pick("kritisk", "critical")
        case .firing: pick("varning", "warning")
        }
    }

    /// `per 1 oktober 2026` / `as of 1 October 2026`, and whether the period is over.
    func asOf(_ report: ComplianceReport) -> String {
        let day = language.dayAndMonth(report.asOf) + " " + String(report.asOf.year)
        if report.isPeriodOver {
            return pick("Perioden är slut; läget den \(day).", "The period is over; as of \(day).")
        }
        return pick("Perioden är inte slut: läget den \(day). Det som förfaller senare är öppet.",
                    "The period is not over: as of \(day). What falls due later is open.")
    }

    /// A date in tables: `2 feb 2026`.
    func date(_ date: LocalDate) -> String { language.shortDate(date) + " " + String(date.year) }

    /// An on-time rate as a percentage, `–` when nothing is decided.
    func rate(_ tally: ComplianceTally) -> String {
        tally.onTimeRate.map { language.percent($0 * 100, maximumFractionDigits: 0) } ?? "\u{2013}"
    }

    /// `12 av 20` / `12 of 20`.
    func of(_ part: Int, _ whole: Int) -> String { language.number(part) + pick(" av ", " of ") + language.number(whole) }

    /// A limit in words: `över 15`, `above 15`.
    func condition(_ condition: Condition) -> String {
        switch condition {
        case .above(let limit): pick("över ", "above ") + language.number(limit)
        case .below(let limit): pick("under ", "below ") + language.number(limit)
        case .outside(let low, let high): pick("utanför ", "outside ") + language.number(low) + "\u{2013}" + language.number(high)
        }
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension ReportWords {
    /// `i snitt 4 dagar` / `4 days on average`.
    func meanLate(_ days: String) -> String { language == .swedish ? "i snitt \(days) dagar" : "\(days) days on average" }

    var rateDefinition: String {
        language == .swedish
            ? "Andel i tid = klara i tid ÷ (klara i tid + klara sent + missade). Öppna (ännu inte förfallna) räknas inte. Tystade påminnelser ursäktar inget: en tystad uppgift bedöms som alla andra, efter när den blev klar."
            : "On-time rate = done on time ÷ (done on time + done late + missed). Open ones (not yet due) are not counted. Silenced reminders excuse nothing: a silenced item counts by when it was done."
    }

    /// The page's last line: what it counts, and how it was made.
    func footer(_ report: ComplianceReport) -> String {
        let (given, revoked) = report.recordedCompletions
        let made = language.dayAndMonth(report.madeOn) + " " + String(report.madeOn.year)
        return language == .swedish
            ? "Gjord av planwatch \(made). Klarmarkeringar i plandata och \(language.number(given - revoked)) registrerade (\(language.number(revoked)) återkallade räknas inte); \(language.number(report.silencesGiven)) tystnader. Definitioner: docs/report.md."
            : "Made by planwatch on \(made). Completions in the plan data and \(language.number(given - revoked)) recorded (\(language.number(revoked)) revoked ones do not count); \(language.number(report.silencesGiven)) silences. Definitions: docs/report.md."
    }
}
