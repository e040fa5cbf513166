import PlanwatchCore

/// Reads measurements from CSV: a header naming the columns `unit,metric,period,value` (in any
/// order), then one value per line. `#` starts a comment line; blank lines are skipped.
struct MeasurementsReader {
    let file: String
    let diagnostics: DiagnosticCollector

    static let columns = ["unit", "metric", "period", "value"]

    func read(_ text: String) -> [Measurement] {
        var result: [Measurement] = []
        var columnIndex: [String: Int]?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let (cells, starts) = split(line)
            guard let index = columnIndex else {
                columnIndex = header(cells, starts, lineNumber)
                if columnIndex == nil { return [] }
                continue
            }
            func at(_ column: Int) -> SourceLocation {
                SourceLocation(file: file, line: lineNumber, column: column < starts.count ? starts[column] : line.count + 1)
            }
            guard cells.count == index.count else {
                diagnostics.error(at(min(cells.count, index.count)), "expected \(index.count) values, found \(cells.count)",
                                  hint: "columns: " + Self.columns.joined(separator: ","))
                continue
            }
            let unit = cells[index["unit"]!], metric = cells[index["metric"]!]
            let periodText = cells[index["period"]!], valueText = cells[index["value"]!]
            var ok = true
            if unit.isEmpty { diagnostics.error(at(index["unit"]!), "the unit is empty"); ok = false }
            if metric.isEmpty { diagnostics.error(at(index["metric"]!), "the metric is empty"); ok = false }
            let period = Period(periodText)
            if period == nil {
                diagnostics.error(at(index["period"]!), "'\(periodText)' is not a period",
                                  hint: "write a month 2026-10, a quarter 2026-Q3, a tertial 2026-T2 or a year 2026")
                ok = false
            }
            let value = Double(valueText.replacingComma)
            if value == nil || !(value!.isFinite) {
                diagnostics.error(at(index["value"]!), "'\(valueText)' is not a number")
                ok = false
            }
            if ok, let period, let value {
                result.append(Measurement(unit: unit, metric: metric, period: period, value: value, location: at(0)))
            }
        }
        if columnIndex == nil {
            diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "the file has no header line",
                              hint: "the first line names the columns: " + Self.columns.joined(separator: ","))
        }
        return result
    }

    private func header(_ cells: [String], _ starts: [Int], _ line: Int) -> [String: Int]? {
        var index: [String: Int] = [:]
        for (position, name) in cells.enumerated() {
            let key = name.lowercased()
            guard Self.columns.contains(key) else {
                diagnostics.error(SourceLocation(file: file, line: line, column: starts[position]), "unknown column '\(name)'",
                                  hint: closestMatch(to: key, in: Self.columns).map { "did you mean '\($0)'?" } ?? "columns: " + Self.columns.joined(separator: ","))
                return nil
            }
            index[key] = position
        }
        for column in Self.columns where index[column] == nil {
            diagnostics.error(SourceLocation(file: file, line: line, column: 1), "the header lacks the column '\(column)'")
            return nil
        }
        return index
    }

    /// Cells split on commas (double quotes may enclose a cell), trimmed, with their 1-based columns.
    private func split(_ line: Substring) -> ([String], [Int]) {
        var cells: [String] = [], starts: [Int] = []
        var current = "", start = 1, column = 0, quoted = false
        for character in line {
            column += 1
            if character == "\"" { quoted.toggle(); continue }
            if character == ",", !quoted {
                cells.append(current.trimmingSpaces)
                starts.append(start)
                current = ""
                start = column + 1
            } else {
                current.append(character)
            }
        }
        cells.append(current.trimmingSpaces)
        starts.append(start)
        return (cells, starts)
    }
}

private extension String {
    /// `17,5` (Swedish decimal comma in a quoted cell) → `17.5`.
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}
