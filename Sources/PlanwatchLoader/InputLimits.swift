import PlanwatchCore
import Yams

/// The limits on what a rule or plan file may hold, so that no file — by mistake or made to hurt —
/// can crash planwatch or make it use the machine up. Each is checked before the work it protects,
/// and reported as an error naming the file and the limit. Documented in docs/rules.md ("Limits").
enum InputLimits {
    /// The largest rule, plan or measurements file, in bytes (bulk JSON item files are larger than any
    /// hand-written file: a million items are about 150 MB).
    static let maximumFileBytes = 512 << 20
    /// The largest YAML file (read into a tree of nodes, which takes several times the file's size).
    static let maximumYAMLBytes = 64 << 20
    /// How deeply mappings and lists may nest.
    static let maximumDepth = 64
    /// How many values a YAML file may hold once its aliases are expanded.
    static let maximumNodes = 2_000_000

    /// The problem with the raw text of a YAML (or general JSON) file, before it is parsed.
    static func problem(withYAML text: String) -> (line: Int, column: Int, message: String)? {
        if text.utf8.count > maximumYAMLBytes {
            return (1, 1, "the file has \(text.utf8.count >> 20) MiB; a YAML file may have at most \(maximumYAMLBytes >> 20) MiB "
                + "(write bulk items as JSON: {\"items\": [ … ]})")
        }
        // Nesting, counted on the text: flow brackets outside quotes and comments, and block
        // indentation. Conservative (it may count what YAML would not nest), and cheap.
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil, comment = false, lineStart = true, indentation = 0, dashes = 0
        // The last byte that was not a space: a quote begins a quoted scalar only where a value begins.
        var previous: UInt8 = 0x0A, last: UInt8 = 0x0A
        // An alias as a mapping key (`? *name` or `*name :`): the parser compares keys in full, so a
        // key that stands for millions of values takes for ever. Rule and plan files never need one.
        var alias: (line: Int, column: Int, explicitKey: Bool, inName: Bool)? = nil
        for byte in text.utf8 {
            defer { last = byte }
            column += 1
            if let current = alias {
                let nameByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                if current.inName, nameByte {
                    // still the alias's name
                } else if byte == 0x20 || byte == 0x09 {
                    alias = (current.line, current.column, current.explicitKey, false)
                    if current.explicitKey { return aliasKey(current.line, current.column) }
                } else {
                    if current.explicitKey || byte == UInt8(ascii: ":") { return aliasKey(current.line, current.column) }
                    alias = nil
                }
            }
            if byte == 0x0A {
                line += 1; column = 0; comment = false; lineStart = true; indentation = 0; dashes = 0
                if quote == nil { previous = 0x0A }
                continue
            }
            if lineStart, quote == nil {
                if byte == 0x20 { indentation += 1; continue }
                // `- - - x` nests sequences on one line.
                if byte == UInt8(ascii: "-") { dashes += 1; previous = byte; continue }
                lineStart = false
                if indentation + dashes > maximumDepth * 8 || dashes > maximumDepth {
                    return (line, 1, "mappings and lists nest more than \(maximumDepth) levels deep here")
                }
            }
            if comment { continue }
            if let open = quote {
                if byte == open { quote = nil; previous = byte }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if [0x0A, UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(previous) {
                    quote = byte
                }
            case UInt8(ascii: "*"):
                if [0x0A, UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "?")].contains(previous) {
                    alias = (line, column, previous == UInt8(ascii: "?"), true)
                }
            case UInt8(ascii: "#"):
                if last == 0x20 || last == 0x09 || previous == 0x0A { comment = true }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth {
                    return (line, column, "mappings and lists nest more than \(maximumDepth) levels deep here")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
            if byte != 0x20 { previous = byte }
        }
        if let current = alias, current.explicitKey { return aliasKey(current.line, current.column) }
        return nil
    }

    private static func aliasKey(_ line: Int, _ column: Int) -> (line: Int, column: Int, message: String) {
        (line, column, "an alias (*name) cannot be a mapping key; write the key out")
    }

    /// The problem with a parsed tree: too deep, or more values than allowed once aliases are
    /// expanded (a few kilobytes of aliases can stand for billions of values). Walks the tree
    /// without recursion and stops at the limit.
    static func problem(with root: Node) -> (node: Node, message: String)? {
        var stack: [(node: Node, depth: Int)] = [(root, 1)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > maximumNodes {
                return (node, "the file holds more than \(maximumNodes) values once its aliases (*name) are expanded")
            }
            if depth > maximumDepth { return (node, "mappings and lists nest more than \(maximumDepth) levels deep here") }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            case .sequence(let sequence):
                for element in sequence { stack.append((element, depth + 1)) }
            case .scalar, .alias:
                break
            }
        }
        return nil
    }
}
