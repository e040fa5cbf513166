import Foundation
import PlanwatchCore
import PlanwatchLoader

/// The loader targets: the input is written as one file and loaded as `planwatch check` loads it.
enum LoaderFuzzing {
    /// One configuration for every input: building the Swedish working-day table takes longer than
    /// reading a small file.
    static let configuration = Configuration()

    static func run(_ input: [UInt8], asFile name: String, in workspace: FuzzWorkspace) -> FuzzOutcome {
        let path = workspace.write(input, as: name)
        let project: LoadedProject
        do {
            project = try ProjectLoader.load(paths: [path], configuration: configuration)
        } catch {
            return FuzzOutcome(accepted: false, violations: ["the loader lost the file it was given: \(error)"])
        }
        let prefix = workspace.folder.path + "/"
        let diagnostics = project.diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "") }
        var violations: [String] = []
        let lines = lineLengths(input)
        for diagnostic in project.diagnostics {
            violations += placeProblems(diagnostic, file: path, lines: lines)
        }
        return FuzzOutcome(accepted: !project.hasErrors, diagnostics: diagnostics, violations: violations)
    }

    /// The length in bytes of each line (an upper bound on its length in characters), for both
    /// ways of counting lines: at `\n` only (the CSV and JSON readers, most editors) and at every line
    /// break (libyaml, which also breaks at a lone `\r`, U+0085, U+2028 and U+2029).
    static func lineLengths(_ input: [UInt8]) -> (newlines: [Int], breaks: [Int]) {
        var newlines: [Int] = [], current = 0
        for byte in input {
            if byte == UInt8(ascii: "\n") { newlines.append(current); current = 0 } else { current += 1 }
        }
        newlines.append(current)
        let breaks = String(decoding: input, as: UTF8.self)
            .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.utf8.count }
        return (newlines, breaks)
    }

    /// What is wrong with where a diagnostic points: it must name the file, and a line and column
    /// inside it (or no position at all, for what concerns the whole file).
    ///
    /// Not checked: the column of an error inside a template, or of a variable it names that does
    /// not exist. A quoted title that YAML folds over
    /// two lines (or writes with escapes) is one line of template, and its columns are counted from
    /// the opening quote (docs/fuzzing.md, open findings).
    static func placeProblems(_ diagnostic: Diagnostic, file: String, lines: (newlines: [Int], breaks: [Int])) -> [String] {
        let location = diagnostic.location
        guard location.file == file else { return ["a diagnostic names another file: \(diagnostic)"] }
        if location.line == 0 && location.column == 0 { return [] }
        let lineCount = max(lines.newlines.count, lines.breaks.count)
        guard location.line >= 1, location.line <= lineCount else {
            return ["line \(location.line) is outside the file's \(lineCount) lines: \(diagnostic)"]
        }
        if diagnostic.message.contains("invalid template") || diagnostic.message.contains(" uses unknown ") { return [] }
        let length = max(lines.newlines[safe: location.line - 1] ?? 0, lines.breaks[safe: location.line - 1] ?? 0)
        guard location.column >= 1, location.column <= length + 1 else {
            return ["column \(location.column) is outside line \(location.line): \(diagnostic)"]
        }
        return []
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
