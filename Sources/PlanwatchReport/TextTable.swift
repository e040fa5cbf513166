/// Rows of cells written as aligned columns for a terminal: two spaces between columns, numbers
/// right-aligned, the last column not padded.
struct TextTable {
    var header: [String]
    /// Which columns are right-aligned.
    var rightAligned: Set<Int>
    var rows: [[String]] = []

    init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table, indented by `indent` spaces, each line ending in a newline.
    func write(into output: inout [UInt8], indent: Int = 2) {
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) {
            var text = String(repeating: " ", count: indent)
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let last = column == cells.count - 1
                if rightAligned.contains(column) {
                    text += padding + cell
                } else {
                    text += cell + (last ? "" : padding)
                }
                if !last { text += "  " }
            }
            while text.last == " " { text.removeLast() }
            output += (text + "\n").utf8
        }
        line(header)
        for row in rows { line(row) }
    }
}
