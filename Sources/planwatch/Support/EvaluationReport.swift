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

    func text() -> String {
        let zone = configuration.timezone
        let local = zone.localDateTime(at: at)
        var output = "planwatch evaluate at \(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)) \(zone.identifier)"
            + " — \(rules.rules.count) rules, \(plan.items.count) items, \(plan.units.count) units\n\n"
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

    /// The findings as aligned columns, a line each (thousands of lines at scale: written as bytes,
    /// straight from the findings).
    private func table(_ findings: [Finding], dateHeader: String, into output: inout String) {
        guard !findings.isEmpty else {
            output += "  (none)\n"
            return
        }
        let header = [dateHeader, "SEVERITY", "STAGE", "RULE", "SUBJECT", "DUE/PERIOD", "TO", "TITLE"]
        func recipients(_ finding: Finding) -> String {
            finding.recipients.count == 1 ? finding.recipients[0].id : finding.recipients.map(\.id).joined(separator: ",")
        }
        func title(_ finding: Finding) -> String { finding.title(in: language) ?? "" }
        func cells(_ finding: Finding) -> [String] {
            [finding.since.description, finding.severity.rawValue, finding.stage, finding.rule, finding.subject,
             finding.occurrence, recipients(finding), title(finding)]
        }
        // The widest cell of each column but the last (the date column is always ten wide).
        var widths = header.map(Self.width)
        widths[0] = max(widths[0], 10)
        for finding in findings {
            widths[1] = max(widths[1], Self.width(finding.severity.rawValue))
            widths[2] = max(widths[2], Self.width(finding.stage))
            widths[3] = max(widths[3], Self.width(finding.rule))
            widths[4] = max(widths[4], Self.width(finding.subject))
            widths[5] = max(widths[5], Self.width(finding.occurrence))
            widths[6] = max(widths[6], finding.recipients.count == 1 ? Self.width(finding.recipients[0].id) : Self.width(recipients(finding)))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((widths.reduce(0, +) + 60) * (findings.count + 1))
        func line(_ cells: [String]) {
            bytes += [0x20, 0x20]
            for (column, cell) in cells.enumerated() {
                bytes += cell.utf8
                if column < cells.count - 1 {
                    bytes += repeatElement(0x20, count: widths[column] - Self.width(cell) + 2)
                }
            }
            bytes.append(0x0A)
        }
        line(header)
        for finding in findings { line(cells(finding)) }
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
