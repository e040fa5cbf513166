import PlanwatchCore

extension ReportPage {
    /// Per threshold rule: its limits, a small chart per unit, and every value in a table under the charts.
    mutating func workload() {
        let rules = report.thresholds.filter { !$0.series.isEmpty }
        guard !rules.isEmpty else { return }
        html.open("section", ["class": "workload", "id": "workload", "aria-labelledby": "workload-heading"])
        html.element("h2", ["id": "workload-heading"], words.workload)
        for (ruleIndex, rule) in rules.enumerated() {
            html.open("section", ["class": "threshold-rule", "id": "threshold-\(rule.rule)", "aria-labelledby": "threshold-\(ruleIndex)-heading"])
            html.element("h3", ["id": "threshold-\(ruleIndex)-heading"], rule.rule + " \u{2014} " + rule.metric)
            html.element("p", ["class": "note"], limits(rule))
            html.open("div", ["class": "charts"])
            for (index, series) in rule.series.enumerated() {
                html.open("figure", ["class": "chart"])
                html.open("figcaption")
                html.text(series.unitName)
                if let highest = series.highest {
                    html.element("span", [:], words.highest + " " + language.number(highest.value) + " (" + words.shortPeriod(highest.period) + ")"
                        + (series.periodsMissing > 0 ? " \u{00B7} " + words.missingPeriods.lowercased() + " " + language.number(series.periodsMissing) : ""))
                } else {
                    html.element("span", [:], words.noValue)
                }
                html.close("figcaption")
                LineChart(series: series, rule: rule, words: words, id: "chart-\(ruleIndex)-\(index)").write(into: &html)
                html.close("figure")
            }
            html.close("div")
            valuesTable(rule)
            html.close("section")
        }
        html.close("section")
        html.newline()
    }

    /// `Varning över 15, kritisk över 20; 2 perioder i följd; slut under 14.`
    private func limits(_ rule: ReportThresholdRule) -> String {
        var parts: [String] = []
        if let warning = rule.warning { parts.append(words.warning + " " + words.condition(warning)) }
        if let critical = rule.critical { parts.append(words.critical.lowercased() + " " + words.condition(critical)) }
        var text = parts.joined(separator: ", ")
        if rule.forPeriods > 1 { text += "; " + words.forPeriods(rule.forPeriods) }
        if let clear = rule.clear { text += "; " + words.clears + " " + words.condition(clear) }
        return text + "."
    }

    /// Unit × period: each value, marked when the alert was at warning (W/V) or critical (C/K) at the
    /// period's end, `missing` for a missing one; then the counts and the state at the end.
    private mutating func valuesTable(_ rule: ReportThresholdRule) {
        let periods = rule.series.first?.periods.map(\.period) ?? []
        html.open("table", ["class": "values", "data-rule": rule.rule])
        html.open("thead")
        html.open("tr")
        html.element("th", ["scope": "col"], words.unit)
        for period in periods { html.element("th", ["scope": "col", "class": "n"], columnName(period)) }
        for heading in [words.warning, words.critical, words.missingPeriods, words.stateAtEndShort] {
            html.element("th", ["scope": "col", "class": "n"], heading)
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for series in rule.series {
            html.open("tr", ["data-unit": series.unit])
            html.element("th", ["scope": "row"], series.unitName)
            for period in series.periods {
                let level = period.level
                let cls = period.isMissing ? "n missing" : level == .critical ? "n critical" : level == .warning ? "n warning" : "n"
                html.open("td", ["class": cls])
                if let value = period.value {
                    html.text(language.number(value))
                    if let level { html.element("sup", [:], level == .critical ? words.criticalMark : words.warningMark) }
                } else if period.isMissing {
                    html.text(words.missingPeriods.lowercased())
                } else if period.hasEnded {
                    html.text("\u{2013}")
                }
                html.close("td")
            }
            for count in [series.periodsAtWarning, series.periodsAtCritical, series.periodsMissing] {
                html.element("td", ["class": "n"], language.number(count))
            }
            html.element("td", ["class": "n"], words.state(series.stateAtEnd))
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.element("p", ["class": "note"], words.marksLegend)
    }

    private func columnName(_ period: Period) -> String {
        switch period.kind {
        case .month: language.monthAbbreviation(period.index)
        default: period.description
        }
    }
}

extension ReportWords {
    /// A period in a caption: `okt 2026`, `2026-T1`, `2026-Q3`, `2026`.
    func shortPeriod(_ period: Period) -> String {
        period.kind == .month ? language.monthAbbreviation(period.index) + " " + String(period.year) : period.description
    }
}

extension ReportWords {
    var warningMark: String { language == .swedish ? "V" : "W" }
    var criticalMark: String { language == .swedish ? "K" : "C" }
    var clears: String { language == .swedish ? "larmet upphör" : "the alert ends" }

    func forPeriods(_ count: Int) -> String {
        language == .swedish ? "\(language.number(count)) perioder i följd" : "\(language.number(count)) periods running"
    }

    var marksLegend: String {
        language == .swedish
            ? "V: larm på varningsnivå vid periodens slut, K: på kritisk nivå (efter regelns krav på perioder i följd och dess gräns för när larmet upphör). – : inget värde."
            : "W: alert at warning level at the period's end, C: at critical level (after the rule's periods running and its limit for ending the alert). – : no value."
    }
}
