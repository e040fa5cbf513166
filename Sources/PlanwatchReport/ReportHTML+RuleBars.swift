import PlanwatchCore

extension ReportPage {
    /// Per deadline rule, a bar of its occurrences split into on time, late, missed and open (each
    /// part with its count), then the same figures in a table.
    mutating func ruleBars() {
        let groups = report.groups(by: .rule).filter { $0.tally.total > 0 }
        guard !groups.isEmpty else { return }
        html.open("section", ["class": "rules", "id": "rules", "aria-labelledby": "rules-heading"])
        html.element("h2", ["id": "rules-heading"], words.perRule)
        let (labelWidth, barWidth, rowHeight, top) = (250.0, 420.0, 30.0, 8.0)
        let width = labelWidth + barWidth + 90, height = top + rowHeight * Double(groups.count) + 4
        html.open("svg", ["role": "img", "aria-labelledby": "rules-title rules-desc", "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                          "width": svgNumber(width), "height": svgNumber(height)])
        html.element("title", ["id": "rules-title"], words.perRule)
        html.element("desc", ["id": "rules-desc"], groups.map { describe($0) }.joined(separator: "; "))
        for (index, group) in groups.enumerated() {
            let y = top + rowHeight * Double(index)
            let tally = group.tally
            html.element("text", ["x": svgNumber(labelWidth - 8), "y": svgNumber(y + 17), "text-anchor": "end", "font-size": "12",
                                  "fill": "#1d2733"], group.key ?? words.none)
            var x = labelWidth
            for (count, colour, name, darkText) in [(tally.onTime, ReportColors.onTime, words.onTime, false),
                                                    (tally.late, ReportColors.late, words.late, true),
                                                    (tally.missed, ReportColors.missed, words.missed, false),
                                                    (tally.open, ReportColors.open, words.open, true)] where count > 0 {
                let segment = barWidth * Double(count) / Double(tally.total)
                html.open("rect", ["x": svgNumber(x), "y": svgNumber(y + 3), "width": svgNumber(segment), "height": "20", "fill": colour])
                html.element("title", [:], "\(group.key ?? words.none): \(name.lowercased()) \(language.number(count))")
                html.close("rect")
                if segment >= 18 {
                    html.element("text", ["x": svgNumber(x + segment / 2), "y": svgNumber(y + 17), "text-anchor": "middle",
                                          "font-size": "11", "fill": darkText ? "#1d2733" : "#ffffff"], language.number(count))
                }
                x += segment
            }
            html.element("text", ["x": svgNumber(labelWidth + barWidth + 8), "y": svgNumber(y + 17), "font-size": "12",
                                  "font-weight": "bold", "fill": "#1d2733"], words.rate(tally))
        }
        html.close("svg")
        barLegend()
        tallyTable(groups, grouping: .rule, id: "rule-table", withTotal: false)
        html.close("section")
        html.newline()
    }

    /// `indikatorer: i tid 7, sent 1, missade 1, öppna 0, andel i tid 78 %`.
    private func describe(_ group: ComplianceGroup) -> String {
        let tally = group.tally
        return "\(group.key ?? words.none): \(words.onTime.lowercased()) \(language.number(tally.onTime)), "
            + "\(words.late.lowercased()) \(language.number(tally.late)), \(words.missed.lowercased()) \(language.number(tally.missed)), "
            + "\(words.open.lowercased()) \(language.number(tally.open)), \(words.onTimeRate.lowercased()) \(words.rate(tally))"
    }

    private mutating func barLegend() {
        html.open("div", ["class": "legend"])
        for (colour, name) in [(ReportColors.onTime, words.onTime), (ReportColors.late, words.late),
                               (ReportColors.missed, words.missed), (ReportColors.open, words.open)] {
            html.open("span")
            html.element("span", ["class": "swatch", "style": "background:\(colour)"], "")
            html.text(name)
            html.close("span")
        }
        html.close("div")
    }

    /// Every occurrence done late or missed, by rule and due date.
    mutating func lateAndMissed() {
        guard report.overall.total > 0 else { return }
        let rank = Dictionary(report.deadlineRules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let rows = report.occurrences.filter { $0.status.daysLate != nil || $0.status == .missed }
            .sorted { (rank[$0.rule] ?? 0, $0.due, $0.item) < (rank[$1.rule] ?? 0, $1.due, $1.item) }
        html.open("section", ["class": "late", "id": "late-and-missed", "aria-labelledby": "late-heading"])
        html.element("h2", ["id": "late-heading"], words.lateAndMissed + " (" + language.number(rows.count) + ")")
        guard !rows.isEmpty else {
            html.element("p", [:], words.nothingLate)
            html.close("section")
            return
        }
        html.open("table", ["id": "late-table"])
        html.open("thead")
        html.open("tr")
        for heading in [words.rule, words.item, words.unit, words.due, words.completed, words.status, words.silenced] {
            html.element("th", ["scope": "col"], heading)
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for occurrence in rows {
            html.open("tr", ["data-rule": occurrence.rule, "data-item": occurrence.item, "data-due": occurrence.due.description,
                             "data-status": occurrence.status.name])
            html.element("td", [:], occurrence.rule)
            html.element("td", [:], occurrence.itemTitle)
            html.element("td", [:], names.unit(occurrence.unit))
            html.element("td", ["class": "n"], words.date(occurrence.due))
            html.element("td", ["class": "n"], occurrence.status.completed.map { words.date($0) } ?? "\u{2013}")
            html.element("td", ["class": occurrence.status == .missed ? "status-missed" : "status-late"], words.status(occurrence.status))
            html.element("td", [:], occurrence.isSilenced ? words.yes : "")
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.close("section")
        html.newline()
    }
}

extension ReportWords {
    var yes: String { language == .swedish ? "ja" : "yes" }
}
