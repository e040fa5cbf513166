import PlanwatchCore
import PlanwatchLoader

/// Renders an evaluation for people (aligned text) or scripts (JSON, docs/evaluate-json.md).
struct EvaluationReport {
    let evaluation: Evaluation
    let rules: RuleSet
    let plan: PlanSnapshot
    let configuration: Configuration
    let at: Instant
    let horizon: RuleDuration
    let horizonDays: Int

    private var language: String { configuration.language }

    /// The listing for people, as bytes of UTF-8 (thousands of lines at scale: written straight
    /// from the findings, with each title rendered once, in the configured language).
    func text() -> [UInt8] {
        let zone = configuration.timezone
        let local = zone.localDateTime(at: at)
        var output: [UInt8] = []
        output.reserveCapacity(200 * (evaluation.findings.count + evaluation.upcoming.count + 10))
        output += ("planwatch evaluate at \(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)) \(zone.identifier)"
            + " — \(rules.rules.count) rules, \(plan.items.count) items, \(plan.units.count) units\n\n").utf8
        // A resolved alert is news for a while, but not "active": it gets its own section.
        let active = evaluation.findings.filter { $0.stage != .resolved }
        let resolved = evaluation.findings.filter { $0.stage == .resolved }
        output += "Active now (\(active.count))\n".utf8
        table(active, dateHeader: "SINCE", into: &output)
        if !resolved.isEmpty {
            output += "\nResolved recently (\(resolved.count))\n".utf8
            table(resolved, dateHeader: "SINCE", into: &output)
        }
        output += "\nBeginning within \(horizon) (\(evaluation.upcoming.count))\n".utf8
        table(evaluation.upcoming, dateHeader: "ON", into: &output)
        let late = evaluation.occurrences.filter { if case .completedLate = $0.status { return true } else { return false } }
        let firing = evaluation.series.filter { if case .firing = $0.state { return true } else { return false } }
        let pending = evaluation.series.filter { if case .pending = $0.state { return true } else { return false } }
        output += ("\nDeadlines: \(evaluation.occurrences.count) occurrences near this date, \(late.count) completed late; "
            + "thresholds: \(firing.count) firing, \(pending.count) pending of \(evaluation.series.count) series\n").utf8
        return output
    }

    /// The findings as aligned columns, a line each: written as bytes straight from the findings,
    /// dates digit by digit, each stage's name made once (per part), each title rendered once. The
    /// widths are measured first; the lines (and their titles, the costly part) are then written in
    /// parts at once, one per core, and joined in order.
    private func table(_ findings: [Finding], dateHeader: String, into output: inout [UInt8]) {
        guard !findings.isEmpty else {
            output += "  (none)\n".utf8
            return
        }
        let header = [dateHeader, "SEVERITY", "STAGE", "RULE", "SUBJECT", "DUE/PERIOD", "TO", "TITLE"]
        // The widest cell of each column but the last (dates are ten wide).
        var widths = header.map(Self.width)
        widths[0] = max(widths[0], 10)
        var stageNames = StageNames()
        findings.withUnsafeBufferPointer { findings in
            for index in findings.indices {
                widths[1] = max(widths[1], findings[index].severity.rawValue.utf8.count)
                widths[2] = max(widths[2], stageNames(findings[index].stage).utf8.count)
                widths[3] = max(widths[3], Self.width(findings[index].rule))
                widths[4] = max(widths[4], Self.width(findings[index].subject))
                widths[5] = max(widths[5], Self.width(Self.periodCell(findings[index])))
                widths[6] = max(widths[6], Self.width(Self.recipients(findings[index])))
            }
        }
        output += [0x20, 0x20]
        for (column, name) in header.enumerated().dropLast() {
            output += name.utf8
            output += repeatElement(0x20, count: widths[column] - Self.width(name) + 2)
        }
        output += header[header.count - 1].utf8
        output.append(0x0A)
        let language = language
        let parts = findings.withUnsafeBufferPointer { findings in
            inParts(findings.count, smallest: Parallelism.smallestListInParts) { range in
                Self.lines(findings, range, widths: widths, language: language)
            }
        }
        output.reserveCapacity(output.count + parts.reduce(0) { $0 + $1.count })
        for part in parts { output += part }
    }

    /// The table's lines of `findings[range]`.
    private static func lines(_ findings: UnsafeBufferPointer<Finding>, _ range: Range<Int>, widths: [Int], language: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((widths.reduce(0, +) + 60) * range.count)
        var stageNames = StageNames()
        var title = UTF8Output()
        func pad(_ used: Int, _ column: Int) { output += repeatElement(0x20, count: widths[column] - used + 2) }
        func cell(_ text: String, _ column: Int) {
            output += text.utf8
            pad(width(text), column)
        }
        for index in range {
            output += [0x20, 0x20]
            write(findings[index].since, into: &output)
            pad(10, 0)
            cell(findings[index].severity.rawValue, 1)
            let stage = stageNames(findings[index].stage)
            output += stage.utf8
            pad(stage.utf8.count, 2)
            cell(findings[index].rule, 3)
            cell(findings[index].subject, 4)
            switch findings[index].occurrence {
            case .date(let date):
                write(date, into: &output)
                pad(10, 5)
            case .period:
                cell(periodCell(findings[index]), 5)
            }
            cell(recipients(findings[index]), 6)
            // Rendered straight into the line.
            swap(&title.bytes, &output)
            findings[index].message.write(.title, shownTo: language, to: &title)
            swap(&title.bytes, &output)
            output.append(0x0A)
        }
        return output
    }

    /// A finding's recipients, comma-separated (the one id itself when there is one).
    private static func recipients(_ finding: Finding) -> String {
        finding.recipients.count == 1 ? finding.recipients[0].id : finding.recipients.map(\.id).joined(separator: ",")
    }

    /// `YYYY-MM-DD`, digit by digit.
    private static func write(_ date: LocalDate, into output: inout [UInt8]) {
        let start = output.count
        output += repeatElement(0, count: LocalDate.digitCount)
        let written = output.withUnsafeMutableBufferPointer { date.writeDigits(to: $0.baseAddress! + start) }
        if !written {
            output.removeLast(LocalDate.digitCount)
            output += date.description.utf8
        }
    }

    /// A threshold finding's periods: the period it began, and when the latest value is for a later
    /// period, that one too (`2026-08..2026-11`: firing since August, the value shown is November's),
    /// so the column tells the same story as the title.
    private static func periodCell(_ finding: Finding) -> String {
        guard case .period(let first) = finding.occurrence else { return finding.occurrence.description }
        guard let latest = finding.valuePeriod, latest != first else { return first.description }
        return "\(first)..\(latest)"
    }

    /// The characters an occurrence takes.
    private static func width(_ occurrence: Occurrence) -> Int {
        switch occurrence {
        case .date: 10
        case .period(let period): period.description.utf8.count
        }
    }

    /// The characters a cell takes; counted cheaply for plain ASCII, the usual case in long tables.
    private static func width(_ cell: String) -> Int {
        // Over the bytes where they lie (a generic walk of the UTF-8 view costs more than the rest of the cell).
        let ascii = cell.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } } ?? false
        return ascii ? cell.utf8.count : cell.count
    }

    /// The JSON of docs/evaluate-json.md, written as it goes: its bytes in consecutive chunks.
    func json() -> [[UInt8]] {
        let zone = configuration.timezone
        var json = JSONWriter(capacity: 4096)
        json.beginObject()
        json.member("at", SystemdTimeFormat.iso8601(at, in: zone))
        json.member("timezone", zone.identifier)
        json.member("horizon", horizon.description)
        json.member("horizon_end", zone.date(at: at).adding(days: horizonDays).description)
        // The long arrays are written in parts at once (JSONWriter.elements), each part with the
        // stage names it made.
        for (name, findings) in [("findings", evaluation.findings), ("upcoming", evaluation.upcoming)] {
            json.key(text: name)
            json.beginArray()
            findings.withUnsafeBufferPointer { findings in
                json.elements(count: findings.count, bytesEach: 1500) { part, range in
                    var stageNames = StageNames()
                    for index in range { Self.write(findings[index], to: &part, stageNames: &stageNames) }
                }
            }
            json.endArray()
        }
        json.key("occurrences")
        json.beginArray()
        evaluation.occurrences.withUnsafeBufferPointer { occurrences in
            json.elements(count: occurrences.count, bytesEach: 360) { part, range in
                var stageNames = StageNames()
                for index in range { Self.write(occurrences[index], to: &part, stageNames: &stageNames) }
            }
        }
        json.endArray()
        json.key("series")
        json.beginArray()
        for series in evaluation.series { Self.write(series, to: &json) }
        json.endArray()
        json.endObject()
        json.newline()
        return json.chunks
    }

    /// Text written as UTF-8 bytes.
    struct UTF8Output: TextOutputStream {
        var bytes: [UInt8] = []
        mutating func write(_ text: String) { bytes += text.utf8 }
    }

    private static func write(_ occurrence: borrowing DeadlineOccurrence, to json: inout JSONWriter, stageNames: inout StageNames) {
        json.beginObject()
        json.member("rule", occurrence.rule)
        json.member("item", occurrence.item)
        json.member("due", date: occurrence.due)
        json.member("nominal_due", date: occurrence.nominalDue)
        json.member("status", occurrence.status.name)
        switch occurrence.status {
        case .completedOnTime(let on), .completedLate(let on): json.member("completed_on", date: on)
        default: break
        }
        json.key("stages")
        json.beginArray()
        for stage in occurrence.stages {
            json.beginObject()
            json.member("stage", stageNames(stage.stage))
            json.member("from", date: stage.start)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private static func write(_ series: ThresholdSeriesState, to json: inout JSONWriter) {
        json.beginObject()
        json.member("rule", series.rule)
        json.member("unit", series.unit)
        switch series.state {
        case .ok: json.member("state", "ok")
        case .pending(let count, let of): json.member("state", "pending \(count)/\(of)")
        case .firing(let level): json.member("state", level.rawValue)
        }
        json.member("firing_since", series.firingSince?.description)
        json.member("last_period", series.lastPeriod?.description)
        json.key("last_value")
        json.number(series.lastValue)
        json.key("missing")
        json.beginArray()
        for period in series.missing { json.string(period.description) }
        json.endArray()
        json.key("transitions")
        json.beginArray()
        for transition in series.transitions where transition.change != .pending {
            json.beginObject()
            json.member("period", transition.period.description)
            json.member("change", transition.change.rawValue)
            json.member("level", transition.level?.rawValue)
            json.key("value")
            json.number(transition.value)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// One finding, its title and text rendered in each of its languages (Swedish first).
    /// - Parameter stageNames: the stage names made so far.
    static func write(_ finding: borrowing Finding, to json: inout JSONWriter, stageNames: inout StageNames) {
        json.beginObject()
        json.member("rule", finding.rule)
        json.member("kind", finding.kind.rawValue)
        json.member("subject", finding.subject)
        json.member("subject_title", finding.subjectTitle)
        json.member("unit", finding.unit)
        switch finding.occurrence {
        case .date(let date): json.member("occurrence", date: date)
        case .period(let period): json.member("occurrence", period.description)
        }
        json.member("stage", stageNames(finding.stage))
        json.member("severity", finding.severity.rawValue)
        json.member("since", date: finding.since)
        json.member("due", date: finding.due)
        json.key("value")
        json.number(finding.value)
        json.member("threshold", finding.threshold)
        json.key("recipients")
        json.beginArray()
        for person in finding.recipients {
            json.beginObject()
            json.member("id", person.id)
            json.member("name", person.name)
            json.member("email", person.email)
            json.member("language", person.language)
            json.member("via", person.via)
            json.endObject()
        }
        json.endArray()
        // Rendered straight into the output, in each language (Swedish first).
        json.key("title")
        json.beginObject()
        json.withStringContent { content in finding.message.write(.title, to: &content, begin: { $0.open(key: $1) }, end: { $0.close() }) }
        json.endObject()
        json.key("text")
        json.beginObject()
        json.withStringContent { content in finding.message.write(.text, to: &content, begin: { $0.open(key: $1) }, end: { $0.close() }) }
        json.endObject()
        json.endObject()
    }
}
