import PlanwatchCore

/// A small SVG line chart of one threshold series: its values period by period, the warning and
/// critical levels as dashed lines, points coloured by the alert's level at each period's end, a
/// cross under each missing period. The values are also in the chart's `<desc>` as text.
struct LineChart {
    let series: ReportSeries
    let rule: ReportThresholdRule
    let words: ReportWords
    /// Unique within the page (for `aria-labelledby`).
    let id: String

    private let width = 300.0, height = 176.0
    /// The plot area.
    private let left = 34.0, right = 292.0, plotTop = 10.0, bottom = 152.0

    private var language: MessageLanguage { words.language }

    /// The levels drawn: each condition's limits, with the colour and the word.
    private var levels: [(value: Double, colour: String, name: String)] {
        var levels: [(value: Double, colour: String, name: String)] = []
        for (condition, colour, name) in [(rule.warning, ReportColors.warning, words.warning), (rule.critical, ReportColors.critical, words.critical)] {
            switch condition {
            case .above(let limit)?, .below(let limit)?: levels.append((limit, colour, name))
            case .outside(let low, let high)?:
                levels.append((low, colour, name))
                levels.append((high, colour, name))
            case nil: break
            }
        }
        return levels
    }

    func write(into html: inout HTMLWriter) {
        let values = series.periods.compactMap(\.value)
        let shown = values + levels.map(\.value)
        // The axis in round steps (about five): to a step above the highest value or limit, and
        // from zero — unless every value and limit lies well above it: then from a step below them,
        // so that the line's course shows (the axis says where it starts).
        let highest = max(shown.max() ?? 1, 0.1)
        let step = niceCeiling(highest / 5)
        let top = ((highest * 1.04) / step).rounded(.up) * step
        let lowest = shown.min() ?? 0
        let floor = lowest > top * 0.4 ? niceFloor(lowest - step / 2, step: step) : 0
        let plotTop = self.plotTop
        let count = max(series.periods.count, 1)
        func x(_ index: Int) -> Double { count == 1 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(count - 1) }
        func y(_ value: Double) -> Double { bottom - (bottom - plotTop) * min(max((value - floor) / (top - floor), 0), 1) }

        html.open("svg", ["role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))",
                          "width": svgNumber(width), "height": svgNumber(height)])
        html.element("title", ["id": "\(id)-title"], "\(series.unitName): \(rule.metric)")
        html.element("desc", ["id": "\(id)-desc"], description)
        // The frame: the zero line and the top value.
        html.empty("line", ["x1": svgNumber(left), "y1": svgNumber(bottom), "x2": svgNumber(right), "y2": svgNumber(bottom),
                            "stroke": "#9aa5b1", "stroke-width": "1"])
        axisLabel(html: &html, language.number(floor), y: bottom)
        axisLabel(html: &html, language.number(top), y: plotTop + 3)
        for level in levels {
            html.empty("line", ["x1": svgNumber(left), "y1": svgNumber(y(level.value)), "x2": svgNumber(right), "y2": svgNumber(y(level.value)),
                                "stroke": level.colour, "stroke-width": "1.3", "stroke-dasharray": "5 3"])
            axisLabel(html: &html, language.number(level.value), y: y(level.value) + 3, colour: level.colour)
        }
        // The values: a line through consecutive values, broken where one is missing.
        var run: [String] = []
        func flush() {
            if run.count > 1 {
                html.empty("polyline", ["points": run.joined(separator: " "), "fill": "none", "stroke": ReportColors.line, "stroke-width": "2",
                                        "stroke-linejoin": "round"])
            }
            run = []
        }
        for (index, period) in series.periods.enumerated() {
            if let value = period.value { run.append(svgNumber(x(index)) + "," + svgNumber(y(value))) } else { flush() }
        }
        flush()
        for (index, period) in series.periods.enumerated() {
            if let value = period.value {
                let colour = period.level == .critical ? ReportColors.critical : period.level == .warning ? ReportColors.warning : ReportColors.line
                html.open("circle", ["cx": svgNumber(x(index)), "cy": svgNumber(y(value)), "r": period.level == nil ? "2.6" : "3.6", "fill": colour])
                html.element("title", [:], pointText(period))
                html.close("circle")
            } else if period.isMissing {
                html.open("text", ["x": svgNumber(x(index)), "y": svgNumber(bottom - 3), "text-anchor": "middle", "font-size": "12",
                                   "font-weight": "bold", "fill": ReportColors.missed])
                html.text("\u{00D7}")
                html.element("title", [:], pointText(period))
                html.close("text")
            }
            if series.periods.count <= 13 || index % max(series.periods.count / 12, 1) == 0 {
                html.element("text", ["x": svgNumber(x(index)), "y": svgNumber(bottom + 15), "text-anchor": "middle", "font-size": "9.5",
                                      "fill": "#5b6773"], shortName(period.period))
            }
        }
        html.close("svg")
    }

    private func axisLabel(html: inout HTMLWriter, _ text: String, y: Double, colour: String = "#5b6773") {
        html.element("text", ["x": svgNumber(left - 4), "y": svgNumber(y), "text-anchor": "end", "font-size": "9", "fill": colour], text)
    }

    /// `jan 11,4`, `apr 21 (kritisk)`, `jul saknas`.
    private func pointText(_ period: ReportSeriesPeriod) -> String {
        let name = language.period(period.period)
        guard let value = period.value else {
            return name + ": " + (period.isMissing ? words.missingPeriods.lowercased() : period.hasEnded ? words.noValue : words.notEnded)
        }
        let level = period.level.map { " (" + ($0 == .critical ? words.critical : words.warning).lowercased() + ")" } ?? ""
        return name + ": " + language.number(value) + level
    }

    /// Every period's value in words, for those who cannot see the chart.
    private var description: String {
        let limits = levels.map { $0.name + " " + language.number($0.value) }.joined(separator: ", ")
        return limits + ". " + series.periods.filter(\.hasEnded).map(pointText).joined(separator: "; ")
    }

    /// The x axis label of a period: `jan`, `T1`, `Q3`, `2026`.
    private func shortName(_ period: Period) -> String {
        switch period.kind {
        case .month: language.monthAbbreviation(period.index)
        case .quarter: "Q\(period.index)"
        case .tertial: "T\(period.index)"
        case .year: String(period.year)
        }
    }
}

/// The largest multiple of `step` at most `value` (and at least 0).
func niceFloor(_ value: Double, step: Double) -> Double {
    guard step > 0, value > 0 else { return 0 }
    return (value / step).rounded(.down) * step
}

/// The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`.
func niceCeiling(_ value: Double) -> Double {
    guard value > 0, value.isFinite else { return 1 }
    var magnitude = 1.0
    while magnitude * 10 <= value { magnitude *= 10 }
    while magnitude > value { magnitude /= 10 }
    for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
    return 10 * magnitude
}
