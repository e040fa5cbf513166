import Foundation
import PlanwatchCore
import PlanwatchLoader
import Testing

/// `\u` escapes of UTF-16 surrogates in bulk item files: a pair is one character; anything else
/// (found by fuzzing: `\ud83d\ud83d` trapped on an arithmetic overflow) is left to the general
/// reader, which reports it at the escape.
@Suite struct JSONSurrogateTests {
    func load(_ json: String) throws -> LoadedProject {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-surrogate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try json.write(to: folder.appendingPathComponent("items.json"), atomically: true, encoding: .utf8)
        var project = try ProjectLoader.load(paths: [folder.path], configuration: Configuration())
        project.diagnostics = project.diagnostics.map { var d = $0; d.location.file = (d.location.file as NSString).lastPathComponent; return d }
        return project
    }

    @Test func aSurrogatePairIsOneCharacter() throws {
        let project = try load(#"{"items": [{"id": "a", "kind": "indicator", "title": "\ud83d\ude00"}]}"#)
        #expect(project.diagnostics.isEmpty)
        #expect(project.plan.items.first?.title == "😀")
    }

    @Test(arguments: [#"\ud83d\ud83d\ude00"#, #"\ud83d"#, #"\ude00"#, #"\ud83dx"#, #"\ud83d\u0041"#, #"\ud83d\n"#])
    func aBrokenSurrogateIsReportedAtTheEscape(escape: String) throws {
        let project = try load(#"{"items": [{"id": "a", "kind": "indicator", "title": ""# + escape + #""}]}"#)
        #expect(project.diagnostics.map(\.description).first?.hasPrefix("items.json:1:57: error: YAML syntax:") == true,
                "\(project.diagnostics)")
    }
}
