import Foundation
import PlanwatchCore
@testable import PlanwatchLoader
import Testing

/// What the loader reads and refuses: every configured path must exist, links are followed, what
/// cannot be read is an error, and no file can make it crash or use the machine up.
@Suite struct InputTests {
    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plan"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        return folder
    }

    let organisation = """
        units: [ { id: farsta, name: "Farsta", kind: district, roles: { manager: p-omar } } ]
        people: [ { id: p-omar, name: "Omar", email: omar@example.se } ]
        """

    func configuration(rules: [URL], plan: URL) -> Configuration {
        var configuration = Configuration()
        configuration.rulePaths = rules.map(\.path)
        configuration.planPath = plan.path
        return configuration
    }

    @Test func aRulePathThatDoesNotExistIsAnErrorNotZeroRules() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = configuration(rules: [folder.appendingPathComponent("rulez")], plan: folder.appendingPathComponent("plan"))
        do {
            _ = try ProjectLoader.load(configuration: configuration)
            Issue.record("a missing rule folder was accepted")
        } catch {
            #expect(error.path == folder.appendingPathComponent("rulez").path)
        }
    }

    @Test func anEmptyPlanFolderIsValidWithANote() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")],
                                                                           plan: folder.appendingPathComponent("plan")))
        #expect(!project.hasErrors)
        #expect(project.diagnostics.map(\.severity) == [.note, .note])
        #expect(project.diagnostics.contains { $0.location.file.hasSuffix("/plan") && $0.message.contains("holds no rule, plan or measurements file") })
    }

    @Test func symbolicLinksAreFollowedAndALoopIsReadOnce() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try organisation.write(to: elsewhere.appendingPathComponent("organisation.yaml"), atomically: true, encoding: .utf8)
        try "items: [ { id: i1, kind: task, title: T, unit: farsta } ]\n"
            .write(to: elsewhere.appendingPathComponent("items.yaml.real"), atomically: true, encoding: .utf8)
        let plan = folder.appendingPathComponent("plan")
        try FileManager.default.createSymbolicLink(at: plan.appendingPathComponent("linked"), withDestinationURL: elsewhere)
        try FileManager.default.createSymbolicLink(at: plan.appendingPathComponent("items.yaml"),
                                                   withDestinationURL: elsewhere.appendingPathComponent("items.yaml.real"))
        // A loop: a link back to the plan folder, and a second link to the same folder.
        try FileManager.default.createSymbolicLink(at: elsewhere.appendingPathComponent("back"), withDestinationURL: plan)
        try FileManager.default.createSymbolicLink(at: plan.appendingPathComponent("again"), withDestinationURL: elsewhere)
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        #expect(project.diagnostics.filter { $0.severity == .error }.isEmpty, "\(project.diagnostics)")
        #expect(project.plan.items.map(\.id) == ["i1"])
        #expect(project.plan.units.map(\.id) == ["farsta"])
    }

    @Test func aLinkToNothingIsAnErrorNamingIt() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        try organisation.write(to: plan.appendingPathComponent("organisation.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: plan.appendingPathComponent("items.yaml"),
                                                   withDestinationURL: folder.appendingPathComponent("nowhere.yaml"))
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        #expect(project.hasErrors)
        #expect(project.diagnostics.contains { $0.location.file == plan.appendingPathComponent("items.yaml").path
            && $0.message == "a symbolic link to something that does not exist" })
    }

    @Test func deepNestingInABulkFileIsAnErrorNotACrash() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        try organisation.write(to: plan.appendingPathComponent("organisation.yaml"), atomically: true, encoding: .utf8)
        let nested = String(repeating: "{\"a\": ", count: 10_000) + "\"x\"" + String(repeating: "}", count: 10_000)
        try "{\"items\": [\n  {\"id\": \"i1\", \"kind\": \"task\", \"title\": \"T\", \"labels\": \(nested)}\n]}\n"
            .write(to: plan.appendingPathComponent("items.json"), atomically: true, encoding: .utf8)
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        #expect(project.hasErrors)
        let error = try #require(project.diagnostics.first { $0.severity == .error })
        #expect(error.location.file.hasSuffix("items.json") && error.location.line == 2)
        #expect(error.message.contains("nest more than \(InputLimits.maximumDepth) levels"), "\(error)")
    }

    @Test func deepNestingInYAMLIsAnErrorNotACrash() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        for (name, text) in [("flow.yaml", "items: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n"),
                             ("block.yaml", (0..<3_000).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n") + " x\n"),
                             ("dashes.yaml", String(repeating: "- ", count: 3_000) + "x\n")] {
            try text.write(to: plan.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        let errors = project.diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.map { URL(fileURLWithPath: $0.location.file).lastPathComponent }) == ["flow.yaml", "block.yaml", "dashes.yaml"],
                "\(errors)")
        #expect(errors.allSatisfy { $0.message.contains("nest more than") })
    }

    @Test func aliasesThatExpandToBillionsAreRefused() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "items: [ { id: i1, kind: task, title: T, labels: { x: *a11 } } ]\n"
        try text.write(to: plan.appendingPathComponent("bomb.yaml"), atomically: true, encoding: .utf8)
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        let error = try #require(project.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("more than \(InputLimits.maximumNodes) values once its aliases"), "\(error)")
    }

    /// The parser compares mapping keys in full, so an alias of a huge value as a key would take for
    /// ever: refused on the text in each way YAML writes a key, while aliases as values still work.
    @Test func anAliasAsAMappingKeyIsRefusedWhereverItIsWritten() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        let bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            + (1..<9).map { "a\($0): &a\($0) [" + Array(repeating: "*a\($0 - 1)", count: 10).joined(separator: ", ") + "]\n" }.joined()
        for (name, key) in [("explicit.yaml", "? *a8\n: 1\n"), ("implicit.yaml", "*a8 : 1\n"),
                            ("flow.yaml", "m: {*a8 : 1}\n"), ("explicit-last.yaml", "? *a8")] {
            try (bomb + key).write(to: plan.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try "items: [ { id: i1, kind: &t task, title: \"a *b: c\" }, { id: i2, kind: *t, title: T } ]\n"
            .write(to: plan.appendingPathComponent("fine.yaml"), atomically: true, encoding: .utf8)
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        let errors = project.diagnostics.filter { $0.severity == .error }
        let expected: [String: Int] = ["explicit.yaml": 3, "implicit.yaml": 1, "flow.yaml": 5, "explicit-last.yaml": 3]
        #expect(Dictionary(uniqueKeysWithValues: errors.map { (URL(fileURLWithPath: $0.location.file).lastPathComponent, $0.location.column) })
                == expected, "\(errors)")
        #expect(errors.allSatisfy { $0.location.line == 10 && $0.message.contains("alias (*name) cannot be a mapping key") }, "\(errors)")
    }

    @Test func aFileLargerThanTheLimitIsRefusedUnread() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan")
        let path = plan.appendingPathComponent("huge.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(InputLimits.maximumFileBytes) + 1)  // sparse: nothing is written
        try handle.close()
        let project = try ProjectLoader.load(configuration: configuration(rules: [folder.appendingPathComponent("rules")], plan: plan))
        #expect(project.diagnostics.contains { $0.location.file == path && $0.message.contains("a file may have at most 512 MiB") })
    }
}
