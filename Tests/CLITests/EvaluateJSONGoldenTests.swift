import Foundation
import PlanwatchTestSupport
import Testing

/// `evaluate --format json` keeps the documented format (docs/evaluate-json.md) byte for byte: the
/// files under Golden/ were first written by planwatch before its JSON writer was replaced (keys,
/// order, layout and numbers are theirs) and rewritten once when the texts changed to dates in
/// words (issue 13); the output must match them.
@Suite struct EvaluateJSONGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: ["2027-01-04", "2027-02-16"])
    func theJSONIsTheDocumentedFormatByteForByte(day: String) throws {
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("evaluate-\(day).json"), encoding: .utf8)
        let output = try PlanwatchProcess.run(["evaluate", "--config", PlanwatchProcess.root.appendingPathComponent("Tests/Fixtures/planwatch.yaml").path,
                                               "--at", "\(day) 09:00", "--horizon", "14d", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(lines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(output.stdout == expected, "first difference on line \((first?.offset ?? -1) + 1): \(first.map { "\($0.element.0) ≠ \($0.element.1)" } ?? "lengths")")
        // And it is JSON.
        #expect(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) is [String: Any])
    }
}
