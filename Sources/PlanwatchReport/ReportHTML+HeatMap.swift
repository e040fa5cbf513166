import PlanwatchCore

extension ReportPage {
    /// On-time rate by unit (rows) and focus area — or the report's label — (columns): a table
    /// whose cells are coloured by the rate and say it, with the counts beneath.
    mutating func heatMap() {
        let columns = names.heatMapColumns
        let cross = report.crossTab(rows: .unit, columns: columns)
        guard !cross.rows.isEmpty else { return }
        let title = words.heatMap + " " + names.title(of: columns).lowercasedFirst
        html.open("section", ["class": "heat-map", "id": "heat-map", "aria-labelledby": "heat-map-heading"])
        html.element("h2", ["id": "heat-map-heading"], title)
        html.open("table", ["class": "heat"])
        html.open("thead")
        html.open("tr")
        html.element("th", ["scope": "col"], words.unit)
        for column in cross.columns { html.element("th", ["scope": "col", "class": "n"], names.group(column, of: columns)) }
        html.element("th", ["scope": "col", "class": "n"], words.overall)
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        let byUnit = Dictionary(report.groups(by: .unit).map { ($0.key, $0.tally) }, uniquingKeysWith: { a, _ in a })
        for row in cross.rows {
            html.open("tr")
            html.element("th", ["scope": "row"], names.unit(row))
            for column in cross.columns { cell(cross.tally(row: row, column: column)) }
            cell(byUnit[row] ?? nil)
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        legend()
        html.close("section")
        html.newline()
    }

    /// One cell: the rate on its colour and `2 av 3` under it; empty when nothing fell due there,
    /// grey with `–` when nothing is decided yet.
    private mutating func cell(_ tally: ComplianceTally?) {
        guard let tally else {
            html.element("td", ["class": "empty"], "")
            return
        }
        guard let rate = tally.onTimeRate else {
            html.open("td", ["class": "cell", "style": "background:\(ReportColors.open)"])
            html.text("\u{2013}")
            html.element("small", [:], words.open.lowercased() + " " + language.number(tally.open))
            html.close("td")
            return
        }
        let (fill, darkText) = ReportColors.heat(rate)
        html.open("td", ["class": "cell", "style": "background:\(fill);color:\(darkText ? "#1d2733" : "#ffffff")"])
        html.text(words.rate(tally))
        html.element("small", [:], words.of(tally.onTime, tally.decided))
        html.close("td")
    }

    private mutating func legend() {
        html.open("div", ["class": "legend"])
        for rate in [0.0, 0.5, 0.75, 1.0] {
            html.open("span")
            html.element("span", ["class": "swatch", "style": "background:\(ReportColors.heat(rate).fill)"], "")
            html.text(language.percent(rate * 100, maximumFractionDigits: 0))
            html.close("span")
        }
        html.open("span")
        html.element("span", ["class": "swatch", "style": "background:\(ReportColors.open)"], "")
        html.text(words.heatOpenLegend)
        html.close("span")
        html.close("div")
    }
}

extension ReportWords {
    var heatOpenLegend: String {
        language == .swedish ? "inget förfallet ännu" : "nothing due yet"
    }
}
