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
        var lines: [String] = []
        lines.append("planwatch evaluate at \(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2)) \(zone.identifier)"
            + " — \(project.rules.rules.count) rules, \(project.plan.items.count) items, \(project.plan.units.count) units")
        lines.append("")
        lines.append("Active now (\(evaluation.findings.count))")
        lines += table(evaluation.findings, dateHeader: "SINCE")
        lines.append("")
        lines.append("Beginning within \(horizon) (\(evaluation.upcoming.count))")
        lines += table(evaluation.upcoming, dateHeader: "ON")
        let late = evaluation.occurrences.filter { if case .completedLate = $0.status { return true } else { return false } }
        let firing = evaluation.series.filter { if case .firing = $0.state { return true } else { return false } }
        let pending = evaluation.series.filter { if case .pending = $0.state { return true } else { return false } }
        lines.append("")
        lines.append("Deadlines: \(evaluation.occurrences.count) occurrences near this date, \(late.count) completed late; "
            + "thresholds: \(firing.count) firing, \(pending.count) pending of \(evaluation.series.count) series")
        return lines.joined(separator: "\n") + "\n"
    }

    private func table(_ findings: [Finding], dateHeader: String) -> [String] {
        guard !findings.isEmpty else { return ["  (none)"] }
        let rows: [[String]] = [[dateHeader, "SEVERITY", "STAGE", "RULE", "SUBJECT", "DUE/PERIOD", "TO", "TITLE"]] + findings.map { finding in
            [finding.since.description, finding.severity.rawValue, finding.stage, finding.rule, finding.subject, finding.occurrence,
             finding.recipients.map(\.id).joined(separator: ","), finding.title[language] ?? finding.title.values.first ?? ""]
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            "  " + row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
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
