public import PlanwatchCore

/// The report as one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched),
/// readable on a screen and printable on A4: a summary (on-time rate overall and per group), a
/// heat map of on-time rates by unit and focus area (or the report's label), per-rule bars with
/// their figures, the full table of late and missed occurrences, and per threshold rule a small
/// line chart per unit with the warning and critical levels drawn, each with its values in a table.
///
/// - Parameters:
///   - report: the report.
///   - language: the language of the page (`lang`), its words, numbers and dates.
///   - labels: the names of label values (default: as written).
/// - Returns: the page as UTF-8.
public func renderHTML(_ report: ComplianceReport, language: MessageLanguage, labels: ReportLabels = .raw) -> [UInt8] {
    var page = ReportPage(names: ReportNames(report: report, language: language, labels: labels))
    page.document()
    return page.html.bytes
}

/// The page being written.
struct ReportPage {
    let names: ReportNames
    var html = HTMLWriter()

    var report: ComplianceReport { names.report }
    var language: MessageLanguage { names.language }
    var words: ReportWords { names.words }

    mutating func document() {
        html.raw("<!DOCTYPE html>\n")
        html.open("html", ["lang": language.code])
        html.newline()
        html.raw("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.element("title", [:], names.heading)
        html.newline()
        html.raw("<style>\n" + reportStyleSheet + "</style>\n</head>\n<body>\n")
        html.open("header", ["class": "report"])
        html.element("h1", [:], names.heading)
        html.element("p", [:], words.asOf(report))
        html.close("header")
        html.newline()
        html.open("main")
        summary()
        heatMap()
        ruleBars()
        lateAndMissed()
        workload()
        footer()
        html.close("main")
        html.raw("\n</body>\n</html>\n")
    }

    /// The key figures and the on-time rates of the report's groups.
    private mutating func summary() {
        let overall = report.overall
        html.open("section", ["class": "summary", "id": "summary", "aria-labelledby": "summary-heading"])
        html.element("h2", ["id": "summary-heading"], words.summary)
        guard overall.total > 0 else {
            html.element("p", [:], words.noOccurrences)
            html.close("section")
            return
        }
        html.open("div", ["class": "kpis"])
        kpi(words.onTimeRate, words.rate(overall), detail: words.of(overall.onTime, overall.decided), kind: "rate")
        kpi(words.onTime, language.number(overall.onTime), kind: "on-time")
        kpi(words.late, language.number(overall.late),
            detail: overall.meanDaysLate.map { words.meanLate(language.number($0, maximumFractionDigits: 1)) }, kind: "late")
        kpi(words.missed, language.number(overall.missed), kind: "missed")
        kpi(words.open, language.number(overall.open), kind: "open")
        kpi(words.silenced, language.number(overall.silenced), kind: "silenced")
        html.close("div")
        html.element("p", ["class": "note"], words.rateDefinition)
        tallyTable(report.groups, grouping: report.grouping, id: "summary-table", withTotal: true)
        html.close("section")
        html.newline()
    }

    private mutating func kpi(_ label: String, _ number: String, detail: String? = nil, kind: String) {
        html.open("div", ["class": "kpi " + kind])
        html.element("span", ["class": "number"], number)
        html.element("span", ["class": "label"], label)
        if let detail { html.element("span", ["class": "detail"], detail) }
        html.close("div")
    }

    /// A table of groups' counts and rates; each row carries its key and figures as data attributes
    /// (`data-key`, `data-on-time`, …, `data-rate`), the same as the JSON's.
    mutating func tallyTable(_ groups: [ComplianceGroup], grouping: ReportGrouping, id: String, withTotal: Bool) {
        html.open("table", ["id": id, "class": "tally", "data-grouping": grouping.description])
        html.open("thead")
        html.open("tr")
        html.element("th", ["scope": "col"], names.title(of: grouping))
        for heading in [words.onTime, words.late, words.missed, words.open, words.silenced, words.onTimeRate] {
            html.element("th", ["scope": "col", "class": "n"], heading)
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        func row(_ name: String, key: String?, _ tally: ComplianceTally, total: Bool) {
            html.open("tr", ["class": total ? "total" : nil, "data-key": key ?? (total ? "*" : ""), "data-on-time": String(tally.onTime),
                             "data-late": String(tally.late), "data-missed": String(tally.missed), "data-open": String(tally.open),
                             "data-silenced": String(tally.silenced), "data-rate": tally.onTimeRate.map { String($0) } ?? ""])
            html.element("th", ["scope": "row"], name)
            for count in [tally.onTime, tally.late, tally.missed, tally.open, tally.silenced] {
                html.element("td", ["class": "n"], language.number(count))
            }
            html.element("td", ["class": "n"], words.rate(tally))
            html.close("tr")
        }
        for group in groups { row(names.group(group.key, of: grouping), key: group.key, group.tally, total: false) }
        if withTotal { row(words.overall, key: nil, report.overall, total: true) }
        html.close("tbody")
        html.close("table")
        html.newline()
    }

    private mutating func footer() {
        html.open("footer")
        html.text(words.footer(report))
        html.close("footer")
    }
}
