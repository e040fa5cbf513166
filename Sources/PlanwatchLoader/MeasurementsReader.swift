import PlanwatchCore

/// Reads measurements from CSV: a header naming the columns `unit,metric,period,value` (in any
/// order), then one value per line. `#` starts a comment line; blank lines are skipped.
struct MeasurementsReader {
    let file: String
    let diagnostics: DiagnosticCollector

    static let columns = ["unit", "metric", "period", "value"]

    func read(_ text: String) -> [Measurement] {
        var text = text
        return text.withUTF8 { read(bytes: $0) }
    }

    /// A cell: its text without quotes and surrounding spaces, and the byte offset it starts at.
    private struct Cell {
        var text: String
        var start: Int
    }

    /// Works on bytes (the file can hold many thousand values); positions become character
    /// columns only for diagnostics.
    private func read(bytes: UnsafeBufferPointer<UInt8>) -> [Measurement] {
        var result: [Measurement] = []
        var columnIndex: [String: Int]?
        var lineNumber = 0
        var lineStart = 0
        var scratch: [UInt8] = []
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            var line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if line.last == UInt8(ascii: "\r") { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) || line.first == UInt8(ascii: "#") { continue }
            let cells = split(line, scratch: &scratch)
            guard let index = columnIndex else {
                columnIndex = header(cells, line, lineNumber)
                if columnIndex == nil { return [] }
                continue
            }
            func at(_ column: Int) -> SourceLocation {
                SourceLocation(file: file, line: lineNumber, column: Self.column(of: column < cells.count ? cells[column].start : line.count, in: line))
            }
            guard cells.count == index.count else {
                diagnostics.error(at(min(cells.count, index.count)), "expected \(index.count) values, found \(cells.count)",
                                  hint: "columns: " + Self.columns.joined(separator: ","))
                continue
            }
            let unit = cells[index["unit"]!].text, metric = cells[index["metric"]!].text
            let periodText = cells[index["period"]!].text, valueText = cells[index["value"]!].text
            var ok = true
            if unit.isEmpty { diagnostics.error(at(index["unit"]!), "the unit is empty"); ok = false }
            if metric.isEmpty { diagnostics.error(at(index["metric"]!), "the metric is empty"); ok = false }
            let period = Period(periodText)
            if period == nil {
                diagnostics.error(at(index["period"]!), "'\(periodText)' is not a period",
                                  hint: "write a month 2026-10, a quarter 2026-Q3, a tertial 2026-T2 or a year 2026")
                ok = false
            }
            let value = PlainDecimal.value(of: valueText)
            if value == nil {
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

    /// The 1-based character column of a byte offset in a line.
    private static func column(of offset: Int, in line: UnsafeBufferPointer<UInt8>) -> Int {
        String(decoding: UnsafeBufferPointer(rebasing: line[..<offset]), as: UTF8.self).count + 1
    }

    private func header(_ cells: [Cell], _ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) -> [String: Int]? {
        var index: [String: Int] = [:]
        for (position, cell) in cells.enumerated() {
            let key = cell.text.lowercased()
            guard Self.columns.contains(key) else {
                diagnostics.error(SourceLocation(file: file, line: lineNumber, column: Self.column(of: cell.start, in: line)),
                                  "unknown column '\(cell.text)'",
                                  hint: closestMatch(to: key, in: Self.columns).map { "did you mean '\($0)'?" } ?? "columns: " + Self.columns.joined(separator: ","))
                return nil
            }
            // A column named twice would leave the values of one of them unread, and the line
            // lengths checked against the wrong count (found by fuzzing: an index out of range).
            guard index[key] == nil else {
                diagnostics.error(SourceLocation(file: file, line: lineNumber, column: Self.column(of: cell.start, in: line)),
                                  "the column '\(cell.text)' is named twice", hint: "columns: " + Self.columns.joined(separator: ","))
                return nil
            }
            index[key] = position
        }
        for column in Self.columns where index[column] == nil {
            diagnostics.error(SourceLocation(file: file, line: lineNumber, column: 1), "the header lacks the column '\(column)'")
            return nil
        }
        return index
    }

    /// Cells split on commas (double quotes may enclose a cell, and are dropped), trimmed.
    private func split(_ line: UnsafeBufferPointer<UInt8>, scratch current: inout [UInt8]) -> [Cell] {
        var cells: [Cell] = []
        var start = 0, quoted = false
        current.removeAll(keepingCapacity: true)
        func finish() {
            cells.append(Cell(text: String(decoding: current, as: UTF8.self).trimmingSpaces, start: start))
            current.removeAll(keepingCapacity: true)
        }
        for (offset, byte) in line.enumerated() {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if byte == UInt8(ascii: ","), !quoted {
                finish()
                start = offset + 1
            } else {
                current.append(byte)
            }
        }
        finish()
        return cells
    }
}
