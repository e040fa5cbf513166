public import PlanwatchCore

/// The report as CSV for spreadsheets (RFC 4180: comma-separated, CRLF line ends, fields with a
/// comma, a quote or a line break quoted, quotes doubled), one header line and then one row per
/// deadline occurrence (`row` = `deadline`) and one per period of each threshold series (`row` =
/// `threshold`). Each kind of row leaves the other kind's columns empty. Dates are ISO 8601, numbers
/// have a decimal point and no grouping, whatever the language; only `group_name` is in `language`.
/// The columns are listed in docs/report.md.
public func renderCSV(_ report: ComplianceReport, language: MessageLanguage = .swedish, labels: ReportLabels = .raw) -> [UInt8] {
    let names = ReportNames(report: report, language: language, labels: labels)
    var output: [UInt8] = []
    output.reserveCapacity(160 * (report.occurrences.count + 2))
    func row(_ fields: [String]) { CSVField.appendRow(fields, to: &output) }
    /// A row from the fields it has, in the header's order; the others empty.
    func row(_ fields: KeyValuePairs<String, String>) {
        var values = Array(repeating: "", count: reportCSVColumns.count)
        for (column, value) in fields { values[reportCSVColumnIndex[column]!] = value }
        row(values)
    }
    row(reportCSVColumns)
    for occurrence in report.occurrences {
        let key = report.grouping.key(of: occurrence)
        row(["row": "deadline", "rule": occurrence.rule, "unit": occurrence.unit ?? "",
             "unit_name": occurrence.unit.map { names.unit($0) } ?? "", "subject": occurrence.item, "title": occurrence.itemTitle,
             "group": key ?? "", "group_name": names.group(key, of: report.grouping),
             "due": occurrence.due.description, "nominal_due": occurrence.nominalDue.description, "status": occurrence.status.name,
             "completed": occurrence.status.completed?.description ?? "",
             "days_late": occurrence.status.daysLate.map(String.init) ?? "",
             "completion_source": occurrence.completionSource?.rawValue ?? "", "silenced": occurrence.isSilenced ? "yes" : "no",
             "silences": occurrence.silences.map(String.init).joined(separator: " ")])
    }
    for rule in report.thresholds {
        for series in rule.series {
            for period in series.periods {
                row(["row": "threshold", "rule": rule.rule, "unit": series.unit, "unit_name": series.unitName,
                     "subject": series.unit, "title": rule.metric, "period": period.period.description,
                     "value": period.value.map(formatNumber) ?? "",
                     "state": period.hasEnded ? (period.state?.name ?? "") : "not-ended", "missing": period.isMissing ? "yes" : "no"])
            }
        }
    }
    return output
}

/// The CSV header: the columns of both kinds of row.
public let reportCSVColumns = [
    "row", "rule", "unit", "unit_name", "subject", "title", "group", "group_name",
    "due", "nominal_due", "status", "completed", "days_late", "completion_source", "silenced", "silences",
    "period", "value", "state", "missing",
]

private let reportCSVColumnIndex = Dictionary(uniqueKeysWithValues: reportCSVColumns.enumerated().map { ($0.element, $0.offset) })
