import PlanwatchCore
import PlanwatchLoader

/// Renders an evaluation for people (aligned text) or scripts (JSON, docs/evaluate-json.md).
struct EvaluationReport {
    let evaluation: Evaluation
    let project: LoadedProject
    let configuration: Configuration
    let at: Instant
    let horizon: RuleDuration
    let horizonDays: Int

    private var language: String { configuration.language }

    func text() -> String {
        let zone = configuration.timezone
        let local = zone.localDateTime(at: at)
        var output = "planwatch evaluate at \(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)) \(zone.identifier)"
            + " — \(project.rules.rules.count) rules, \(project.plan.items.count) items, \(project.plan.units.count) units\n\n"
        output.reserveCapacity(200 * (evaluation.findings.count + evaluation.upcoming.count + 10))
        output += "Active now (\(evaluation.findings.count))\n"
        table(evaluation.findings, dateHeader: "SINCE", into: &output)
        output += "\nBeginning within \(horizon) (\(evaluation.upcoming.count))\n"
        table(evaluation.upcoming, dateHeader: "ON", into: &output)
        let late = evaluation.occurrences.filter { if case .completedLate = $0.status { return true } else { return false } }
        let firing = evaluation.series.filter { if case .firing = $0.state { return true } else { return false } }
        let pending = evaluation.series.filter { if case .pending = $0.state { return true } else { return false } }
        output += "\nDeadlines: \(evaluation.occurrences.count) occurrences near this date, \(late.count) completed late; "
            + "thresholds: \(firing.count) firing, \(pending.count) pending of \(evaluation.series.count) series\n"
        return output
    }

    /// The findings as aligned columns, a line each (thousands of lines at scale: built as bytes).
    private func table(_ findings: [Finding], dateHeader: String, into output: inout String) {
        guard !findings.isEmpty else {
            output += "  (none)\n"
            return
        }
        let header = [dateHeader, "SEVERITY", "STAGE", "RULE", "SUBJECT", "DUE/PERIOD", "TO", "TITLE"]
        var cells = header
        cells.reserveCapacity(header.count * (findings.count + 1))
        for index in findings.indices {
            cells.append(findings[index].since.description)
            cells.append(findings[index].severity.rawValue)
            cells.append(findings[index].stage)
            cells.append(findings[index].rule)
            cells.append(findings[index].subject)
            cells.append(findings[index].occurrence)
            let recipients = findings[index].recipients
            cells.append(recipients.count == 1 ? recipients[0].id : recipients.map(\.id).joined(separator: ","))
            cells.append(findings[index].title[language] ?? findings[index].title.values.first ?? "")
        }
        let cellWidths = cells.map(Self.width)
        var widths = Array(repeating: 0, count: header.count)
        for (index, width) in cellWidths.enumerated() { widths[index % header.count] = max(widths[index % header.count], width) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.count * 12 + widths.reduce(0, +) * (findings.count + 1))
        for index in cells.indices {
            let column = index % header.count
            if column == 0 { bytes += [0x20, 0x20] }
            bytes += cells[index].utf8
            if column < header.count - 1 {
                bytes += repeatElement(0x20, count: widths[column] - cellWidths[index] + 2)
            } else {
                bytes.append(0x0A)
            }
        }
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// The characters a cell takes; counted cheaply for plain ASCII, the usual case in long tables.
    private static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
    }

    func json() -> JSON {
        let zone = configuration.timezone
        return .object([
            ("at", .string(SystemdTimeFormat.iso8601(at, in: zone))),
            ("timezone", .string(zone.identifier)),
            ("horizon", .string(horizon.description)),
            ("horizon_end", .string(zone.date(at: at).adding(days: horizonDays).description)),
            ("findings", .array(evaluation.findings.map(Self.json))),
            ("upcoming", .array(evaluation.upcoming.map(Self.json))),
            ("occurrences", .array(evaluation.occurrences.map { occurrence in
                var members: [(String, JSON)] = [
                    ("rule", .string(occurrence.rule)), ("item", .string(occurrence.item)),
                    ("due", .string(occurrence.due.description)), ("nominal_due", .string(occurrence.nominalDue.description)),
                    ("status", .string(occurrence.status.name)),
                ]
                switch occurrence.status {
                case .completedOnTime(let on), .completedLate(let on): members.append(("completed_on", .string(on.description)))
                default: break
                }
                members.append(("stages", .array(occurrence.stages.map { .object([("stage", .string($0.name)), ("from", .string($0.start.description))]) })))
                return .object(members)
            })),
            ("series", .array(evaluation.series.map { series in
                let state: (String, JSON) = switch series.state {
                case .ok: ("state", .string("ok"))
                case .pending(let count, let of): ("state", .string("pending \(count)/\(of)"))
                case .firing(let level): ("state", .string(level.rawValue))
                }
                return .object([
                    ("rule", .string(series.rule)), ("unit", .string(series.unit)), state,
                    ("firing_since", series.firingSince.map { .string($0.description) } ?? .null),
                    ("last_period", series.lastPeriod.map { .string($0.description) } ?? .null),
                    ("last_value", series.lastValue.map { .number($0) } ?? .null),
                    ("missing", .array(series.missing.map { .string($0.description) })),
                    ("transitions", .array(series.transitions.filter { $0.change != .pending }.map {
                        .object([("period", .string($0.period.description)), ("change", .string($0.change.rawValue)),
                                 ("level", $0.level.map { .string($0.rawValue) } ?? .null), ("value", .number($0.value))])
                    })),
                ])
            })),
        ])
    }

    static func json(_ finding: Finding) -> JSON {
        .object([
            ("rule", .string(finding.rule)), ("kind", .string(finding.kind)), ("subject", .string(finding.subject)),
            ("subject_title", .string(finding.subjectTitle)), ("unit", finding.unit.map { .string($0) } ?? .null),
            ("occurrence", .string(finding.occurrence)), ("stage", .string(finding.stage)),
            ("severity", .string(finding.severity.rawValue)), ("since", .string(finding.since.description)),
            ("due", finding.due.map { .string($0.description) } ?? .null),
            ("value", finding.value.map { .number($0) } ?? .null), ("threshold", finding.threshold.map { .string($0) } ?? .null),
            ("recipients", .array(finding.recipients.map {
                .object([("id", .string($0.id)), ("name", .string($0.name)), ("email", .string($0.email)),
                         ("language", .string($0.language)), ("via", .string($0.via))])
            })),
            ("title", .object(finding.title.sorted { $0.key > $1.key }.map { ($0.key, .string($0.value)) })),
            ("text", .object(finding.text.sorted { $0.key > $1.key }.map { ($0.key, .string($0.value)) })),
        ])
    }
}
