import Foundation
import PlanwatchTestSupport
import Testing

/// The examples of docs/rules.md are real: every code block that starts with `# file: PATH` is
/// written out, the rule and plan files must pass `planwatch check`, the test files `planwatch test`.
@Suite struct DocumentationExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `# file:` blocks of a Markdown file, by path.
    static func examples(in document: String) throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        var result: [String: String] = [:]
        var current: (path: String, lines: [String])?
        var inBlock = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if inBlock, let block = current { result[block.path] = block.lines.joined(separator: "\n") + "\n" }
                inBlock.toggle()
                current = nil
                continue
            }
            guard inBlock else { continue }
            if current == nil, line.hasPrefix("# file: ") {
                current = (String(line.dropFirst("# file: ".count)), [line])
            } else {
                current?.lines.append(line)
            }
        }
        return result
    }

    @Test func rulesReferenceExamplesCheckAndTheirTestsPass() throws {
        let examples = try Self.examples(in: "docs/rules.md")
        #expect(examples.keys.sorted() == ["plan/derived.csv", "plan/items.yaml", "plan/measurements.csv", "plan/organisation.yaml",
                                          "rules/derived.yaml", "rules/handlingsplan.yaml", "tests/derived.test.yaml",
                                          "tests/handlingsplan.test.yaml"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-docs-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, content) in examples {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        let check = try PlanwatchProcess.run(["check", folder.appendingPathComponent("rules").path, folder.appendingPathComponent("plan").path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.isEmpty, "no warnings either: \(check.stderr)")
        let test = try PlanwatchProcess.run(["test", folder.appendingPathComponent("tests/handlingsplan.test.yaml").path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("SUCCESS: 2 passed, 0 failed"))
        let derived = try PlanwatchProcess.run(["test", folder.appendingPathComponent("tests/derived.test.yaml").path])
        #expect(derived.status == 0, "\(derived.stdout)\(derived.stderr)")
        #expect(derived.stdout.contains("SUCCESS: 3 passed, 0 failed"))
    }
}
