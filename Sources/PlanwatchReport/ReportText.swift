public import PlanwatchCore

/// The report as text for a terminal or a plain-text mail: the overall figures, the on-time
/// rates per group, per rule and per unit, the late and missed occurrences, and per threshold rule
/// the units' periods at warning and critical. UTF-8 bytes.
///
/// - Parameters:
///   - report: the report.
///   - language: the language of the words, numbers and dates.
///   - labels: the names of label values (default: as written).
public func renderTextSummary(_ report: ComplianceReport, language: MessageLanguage, labels: ReportLabels = .raw) -> [UInt8] {
    let names = ReportNames(report: report, language: language, labels: labels)
    let words = names.words
    var output: [UInt8] = []
    func line(_ text: String = "") { output += (text + "\n").utf8 }

    line(names.heading)
    line(words.asOf(report))
    line()
    let overall = report.overall
    if overall.total == 0 {
        line(words.noOccurrences)
    } else {
        line("\(words.onTimeRate): \(words.rate(overall)) (\(words.of(overall.onTime, overall.decided)))  ·  "
            + "\(words.late): \(language.number(overall.late))  ·  \(words.missed): \(language.number(overall.missed))  ·  "
            + "\(words.open): \(language.number(overall.open))  ·  \(words.silenced): \(language.number(overall.silenced))")
        var groupings: [ReportGrouping] = [report.grouping]
        for other in [ReportGrouping.rule, .unit] where other != report.grouping { groupings.append(other) }
        for grouping in groupings {
            line()
            line(words.per(names.title(of: grouping)))
            tallyTable(report.groups(by: grouping), grouping: grouping, names: names).write(into: &output)
        }
        line()
        line(words.lateAndMissed)
        let late = report.occurrences.filter { if case .late = $0.status { true } else { $0.status == .missed } }
        if late.isEmpty {
            line("  " + words.nothingLate)
        } else {
            var table = TextTable([words.due, words.status, words.unit, words.rule, words.item], rightAligned: [])
            for occurrence in late {
                table.add([words.date(occurrence.due), words.status(occurrence.status) + (occurrence.isSilenced ? " *" : ""),
                           names.unit(occurrence.unit), occurrence.rule, occurrence.itemTitle])
            }
            table.write(into: &output)
            if late.contains(where: \.isSilenced) { line("  * " + words.silenced.lowercased()) }
        }
    }
    for rule in report.thresholds where !rule.series.isEmpty {
        line()
        let limits = [rule.warning.map { words.warning + " " + words.condition($0) },
                      rule.critical.map { words.critical + " " + words.condition($0) }].compactMap { $0 }
        line("\(words.workload): \(rule.rule) (\(rule.metric); \(limits.joined(separator: ", ")))")
        var table = TextTable([words.unit, words.warning, words.critical, words.missingPeriods, words.highest, words.stateAtEnd],
                              rightAligned: [1, 2, 3, 4])
        for series in rule.series {
            table.add([series.unitName, language.number(series.periodsAtWarning), language.number(series.periodsAtCritical),
                       language.number(series.periodsMissing),
                       series.highest.map { language.number($0.value) + " (" + $0.period.description + ")" } ?? "\u{2013}",
                       words.state(series.stateAtEnd)])
        }
        table.write(into: &output)
    }
    return output
}

/// The counts and rate of each group, as a table.
private func tallyTable(_ groups: [ComplianceGroup], grouping: ReportGrouping, names: ReportNames) -> TextTable {
    let words = names.words, language = names.language
    var table = TextTable([names.title(of: grouping), words.onTime, words.late, words.missed, words.open, words.silenced, words.onTimeRate],
                          rightAligned: [1, 2, 3, 4, 5, 6])
    for group in groups {
        let tally = group.tally
        table.add([names.group(group.key, of: grouping), language.number(tally.onTime), language.number(tally.late),
                   language.number(tally.missed), language.number(tally.open), language.number(tally.silenced), words.rate(tally)])
    }
    return table
}
