import Foundation
import PlanwatchCore
import Yams

/// Reads YAML (and JSON, which YAML reads too) into nodes that keep their line and column, and
/// pulls typed values out of them, reporting every problem with its position.
struct YAMLReader {
    let file: String
    let diagnostics: DiagnosticCollector
    let sites: ReferenceSites

    /// Parses `text`; a syntax error becomes a diagnostic and the result is `nil`.
    func parse(_ text: String) -> Node? {
        if let problem = InputLimits.problem(withYAML: text) {
            diagnostics.error(SourceLocation(file: file, line: problem.line, column: problem.column), problem.message)
            return nil
        }
        do {
            // The basic resolver: values are read as text and converted here, so Yams need not run
            // its regular expressions on every scalar (they took most of the time of a large file).
            let root = try Yams.compose(yaml: text, .basic) ?? Node.mapping(Node.Mapping([]))
            if let problem = InputLimits.problem(with: root) {
                diagnostics.error(location(problem.node), problem.message)
                return nil
            }
            return root
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let (place, message) = Self.syntaxError(context: context, problem: problem, mark: mark, in: text)
                diagnostics.error(SourceLocation(file: file, line: place.line, column: place.column), message)
            case .duplicatedKeysInMapping(let duplicates, let context):
                diagnostics.error(SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                                  "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                                  hint: "each key may appear once; later values would silently win")
            case .reader(let problem, _, _, _):
                diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "cannot read the file: \(problem)")
            default:
                diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
            }
            return nil
        } catch {
            diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
            return nil
        }
    }

    /// Where a syntax error is reported (line and column), and how. libyaml gives the mark of the
    /// problem and, for most errors, the mark of what it was reading (`while scanning a quoted
    /// scalar`, `while parsing a flow mapping`). A quote, bracket or brace left open is found only
    /// where the file ends or lines later, far from the mistake: those are reported where they open,
    /// saying where the reading stopped. Other errors (an invalid escape, a misindented line inside a
    /// block) are reported where they are.
    static func syntaxError(context: YamlError.Context?, problem: String, mark: Mark, in text: String) -> (place: (line: Int, column: Int), message: String) {
        let problemPlace = clampedToTheText((mark.line, mark.column), text)
        guard let context, context.mark.line > 0 else { return (problemPlace, "YAML syntax: \(problem)") }
        let contextPlace = clampedToTheText((context.mark.line, context.mark.column), text)
        let atTheEnd = isEnd(problemPlace, of: text)
        let opened = ["quoted scalar", "flow mapping", "flow sequence", "flow collection", "block scalar",
                      "tag", "anchor", "alias", "directive", "simple key"].contains { context.text.hasSuffix($0) }
        // Left open: the reading ran on to the end of the file, or to a later line. A problem on the
        // same line (an invalid escape in a quoted scalar) is where it is.
        guard opened, atTheEnd || problemPlace.line > contextPlace.line else { return (problemPlace, "YAML syntax: \(problem)") }
        let stop = atTheEnd ? "where the file ends (line \(problemPlace.line))"
            : "at line \(problemPlace.line), column \(problemPlace.column)"
        return (contextPlace, "YAML syntax: \(problem) \(stop), \(context.text) that starts here")
    }

    /// A place inside the text: at the end of a file without a final line break, libyaml moves its
    /// mark to a line that is not there (a file of 5 lines reports `6:1`); that is the end of line 5.
    private static func clampedToTheText(_ place: (line: Int, column: Int), _ text: String) -> (line: Int, column: Int) {
        guard !text.isEmpty, text.last?.isNewline == false else { return place }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard place.line > lines.count, let last = lines.last else { return place }
        return (lines.count, last.count + 1)
    }

    /// Whether a place is at the end of the text (after its last character, or on the empty line
    /// after its final line break).
    private static func isEnd(_ place: (line: Int, column: Int), of text: String) -> Bool {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let last = lines.last else { return true }
        return place.line > lines.count || (place.line == lines.count && place.column > last.count)
    }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// The entries of a mapping in order, checking its keys: unknown keys (with "did you mean"),
    /// and missing required ones. Returns `nil` (and reports) when `node` is not a mapping.
    func mapping(_ node: Node, _ what: String, allowed: [String], required: [String] = [],
                 explain: [String: String] = [:]) -> Fields? {
        guard let mapping = node.mapping else {
            diagnostics.error(location(node), "\(what) must be a mapping (key: value), not \(describe(node))")
            return nil
        }
        var fields = Fields(node: node)
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                diagnostics.error(location(key), "keys of \(what) must be plain names")
                continue
            }
            if allowed.contains(name) {
                fields.values[name] = value
                fields.keys[name] = key
            } else if let reason = explain[name] {
                diagnostics.error(location(key), "'\(name)' is not allowed in \(what): \(reason)")
            } else {
                let problem = ItemSchema.unknownKey(name, in: what, allowed: allowed)
                diagnostics.error(location(key), problem.message, hint: problem.hint)
            }
        }
        for name in required where fields.values[name] == nil {
            diagnostics.error(location(node), "\(what) is missing '\(name)'")
        }
        return fields
    }

    /// A plain string (numbers and dates are taken as written).
    func string(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar else {
            diagnostics.error(location(node), "\(what) must be a text, not \(describe(node))")
            return nil
        }
        return scalar.string
    }

    /// An identifier: letters, digits, `-`, `_`, `.`; no spaces.
    func identifier(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        if let problem = ItemSchema.identifierProblem(text, what) {
            diagnostics.error(location(node), problem.message, hint: problem.hint)
            return nil
        }
        return text
    }

    func integer(_ node: Node, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalar?.string, let value = Int(text) else {
            diagnostics.error(location(node), "\(what) must be a whole number, not \(describe(node))")
            return nil
        }
        guard range.contains(value) else {
            diagnostics.error(location(node), "\(what) \(value) is out of range \(range.lowerBound)..\(range.upperBound)")
            return nil
        }
        return value
    }

    func number(_ node: Node, _ what: String) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            diagnostics.error(location(node), "\(what) must be a number, not \(describe(node))")
            return nil
        }
        return value
    }

    /// A `YYYY-MM-DD` date that exists.
    func date(_ node: Node, _ what: String) -> LocalDate? {
        guard let text = string(node, what) else { return nil }
        guard let date = LocalDate(iso: text) else {
            let problem = ItemSchema.dateProblem(text, what)
            diagnostics.error(location(node), problem.message, hint: problem.hint)
            return nil
        }
        return date
    }

    /// A list; a single scalar counts as a list of one when `single` is true.
    func list(_ node: Node, _ what: String, single: Bool = false) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        if single, node.scalar != nil { return [node] }
        diagnostics.error(location(node), "\(what) must be a list, not \(describe(node))")
        return nil
    }

    func stringMap(_ node: Node, _ what: String) -> [String: String]? {
        guard let mapping = node.mapping else {
            diagnostics.error(location(node), "\(what) must be a mapping, not \(describe(node))")
            return nil
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, let text = value.scalar?.string else {
                diagnostics.error(location(value), "\(what) must map names to texts")
                continue
            }
            result[name] = text
        }
        return result
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : "'\(scalar.string)'"
        }
    }
}

/// The checked entries of a mapping.
struct Fields {
    let node: Node
    var values: [String: Node] = [:]
    var keys: [String: Node] = [:]

    subscript(_ key: String) -> Node? { values[key] }
}
