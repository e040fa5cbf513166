import Foundation
import PlanwatchTestSupport
import Testing

/// Every example in `planwatch help …` and in the README works as printed: each command and subcommand's help is
/// read, its example lines (`planwatch …` under `Example:`/`Examples:`, with `\` continuations)
/// are run from a folder that looks like a checkout (rules/, examples/, tests/), and each exits 0.
///
/// Nothing outside a temporary folder is touched: the example's configuration is copied there with
/// its state, spool and inbox inside it, the installed paths an example names
/// (`/etc/planwatch/planwatch.yaml`, `/var/lib/planwatch/plan/`) are pointed at the copy, and a
/// command that takes `--config` and names none gets the copy.
@Suite(.serialized) struct HelpExamplesTests {
    /// The help text of a command path (`[]`, `["silence"]`, `["silence", "add"]`).
    static func help(_ path: [String]) throws -> String {
        let output = try PlanwatchProcess.run(["help"] + path)
        return output.stdout
    }

    /// The subcommands a help text lists.
    static func subcommands(in help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return name == "See" ? nil : String(name)
        }
    }

    /// The example command lines of a help text: a command goes on over the lines indented deeper
    /// than its first (after a `\`). A line the help's layout wrapped starts at the margin and ends
    /// the examples, so a command too long for a terminal fails to run here, as it would for a
    /// person copying it.
    static func examples(in help: String) -> [String] {
        var commands: [String] = []
        var inExamples = false
        var indent = Int.max
        for raw in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let depth = raw.prefix { $0 == " " }.count
            if line == "Example:" || line == "Examples:" { inExamples = true; continue }
            guard inExamples else { continue }
            if line.hasPrefix("planwatch ") {
                commands.append(line)
                indent = depth
            } else if !line.isEmpty, depth > indent, let last = commands.popLast() {
                commands.append((last.hasSuffix("\\") ? String(last.dropLast()) : last + " ") + line)
            } else {
                inExamples = false
                indent = .max
            }
        }
        return commands.map { $0.hasSuffix("\\") ? String($0.dropLast()) : $0 }
    }

    /// A folder like a checkout, with the example's configuration copied into it.
    static func workspace() throws -> (folder: URL, config: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-help-examples-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("var"), withIntermediateDirectories: true)
        for name in ["rules", "examples", "tests"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name),
                                                       withDestinationURL: PlanwatchProcess.root.appendingPathComponent(name))
        }
        let example = PlanwatchProcess.root.appendingPathComponent("examples/stockholm")
        let text = try String(contentsOf: example.appendingPathComponent("planwatch.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "rules: [../../rules]", with: "rules: [\(PlanwatchProcess.root.appendingPathComponent("rules").path)]")
            .replacingOccurrences(of: "plan: .", with: "plan: \(example.path)")
        let config = folder.appendingPathComponent("planwatch.yaml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return (folder, config.path)
    }

    @Test func everyExampleInTheHelpTextsRuns() throws {
        let (folder, config) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Every command path, breadth first.
        var paths: [[String]] = [[]]
        var index = 0
        var examples: [(path: [String], command: String, help: String)] = []
        while index < paths.count {
            let path = paths[index]
            index += 1
            let help = try Self.help(path)
            paths += Self.subcommands(in: help).filter { $0 != "help" }.map { path + [$0] }
            examples += Self.examples(in: help).map { (path, $0, help) }
        }
        #expect(examples.count >= 15, "\(examples.map(\.command))")
        let executable = PlanwatchProcess.executable.path
        for example in examples {
            var command = example.command
                .replacingOccurrences(of: "/etc/planwatch/planwatch.yaml", with: config)
                .replacingOccurrences(of: "examples/stockholm/planwatch.yaml", with: config)
                .replacingOccurrences(of: "/var/lib/planwatch/plan/", with: folder.path + "/")
            // An example on a PostgreSQL state runs against a fresh database of the test server.
            if command.contains("postgresql://planwatch@db.example:5432/planwatch") {
                command = command
                    .replacingOccurrences(of: "postgresql://planwatch@db.example:5432/planwatch",
                                          with: "'" + TestPostgresServer.address(try TestPostgresServer.freshDatabase()) + "'")
                    .replacingOccurrences(of: "/etc/planwatch/pg-password", with: TestPostgresServer.passwordFile)
            }
            if !command.contains("--config"), example.help.contains("--config") {
                command = command.replacingOccurrences(of: "planwatch " + example.path.joined(separator: " "),
                                                       with: "planwatch " + example.path.joined(separator: " ") + " --config \(config)")
            }
            command = executable + command.dropFirst("planwatch".count)
            let output = try runProgram("/bin/sh", ["-c", "cd '\(folder.path)' && " + command])
            #expect(output.status == 0, "\(example.command)\nexit \(output.status): \(output.stderr.prefix(600))")
        }
    }

    /// The README's example commands: in a block that shows a session, the `$ planwatch …` lines
    /// (an error shown on the next line means the command is expected to fail); elsewhere, lines
    /// that are a plain `planwatch …` command (a synopsis, with `[…]`, `|` or placeholders in
    /// capitals, is not one). A trailing `# comment` is left out.
    static func readmeExamples(_ readme: String) -> [(command: String, fails: Bool)] {
        var examples: [(String, Bool)] = []
        var block: [String]?
        for raw in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("```") {
                if let lines = block {
                    let session = lines.contains { $0.hasPrefix("$ ") }
                    for (index, line) in lines.enumerated() {
                        if session {
                            guard line.hasPrefix("$ planwatch ") else { continue }
                            let next = index + 1 < lines.count ? lines[index + 1] : ""
                            examples.append((String(line.dropFirst(2)), next.hasPrefix("planwatch: ")))
                        } else if line.hasPrefix("planwatch ") {
                            let command = line.split(separator: "#", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces)
                            let placeholder = command.range(of: #"\b[A-Z]{2,}\b"#, options: .regularExpression) != nil
                            if command.contains("[") || command.contains("|") || command.contains("…") || placeholder { continue }
                            examples.append((command, false))
                        }
                    }
                    block = nil
                } else {
                    block = []
                }
                continue
            }
            block?.append(raw)
        }
        return examples
    }

    @Test func everyExampleCommandInTheREADMEWorks() throws {
        let (folder, config) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let readme = try String(contentsOf: PlanwatchProcess.root.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = Self.readmeExamples(readme)
        #expect(examples.count >= 4, "\(examples.map(\.command))")
        // The operations section's commands are for a daemon that has run: one cycle first.
        let cycle = try PlanwatchProcess.run(["run", "--once", "--no-deliver", "--config", config, "--at", "2027-01-04 09:00"])
        #expect(cycle.status == 0, "\(cycle.stderr)")
        for example in examples {
            var command = example.command
                .replacingOccurrences(of: "/etc/planwatch/planwatch.yaml", with: config)
                .replacingOccurrences(of: "examples/stockholm/planwatch.yaml", with: config)
            let words = command.split(separator: " ")
            // The help of the command as far as its words name subcommands (`completions list`):
            // that is where `--config` is listed.
            var path = words.count > 1 ? [String(words[1])] : [""]
            var help = try Self.help(path)
            while path.count + 1 < words.count, Self.subcommands(in: help).contains(String(words[path.count + 1])) {
                path.append(String(words[path.count + 1]))
                help = try Self.help(path)
            }
            if !command.contains("--config"), help.contains("--config"), !command.contains(" rules/") {
                command += " --config \(config)"
            }
            let output = try runProgram("/bin/sh", ["-c", "cd '\(folder.path)' && " + PlanwatchProcess.executable.path + command.dropFirst("planwatch".count)])
            if example.fails {
                #expect(output.status != 0, "\(example.command) should fail as the README shows")
            } else {
                #expect(output.status == 0, "\(example.command)\nexit \(output.status): \(output.stderr.prefix(600))")
            }
        }
    }

}
