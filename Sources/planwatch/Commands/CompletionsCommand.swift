import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchOutput
import PlanwatchState

/// `planwatch completions list|undo|export`: the completions recorded in the state.
struct CompletionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "List, undo or export the completions recorded by reply or by 'planwatch complete'.",
        subcommands: [List.self, Undo.self, Export.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the recorded completions, oldest first (undone ones marked).",
            discussion: "The JSON output is an array of objects with the fields of the CSV export (see 'completions export --help')."
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let store = try Environment(configuration: configuration).runtime(.existing).state
                let completions = try await store.recordedCompletions()
                let export = CompletionExport(completions: completions, zone: configuration.timezone)
                switch format {
                case .json:
                    var json = JSONWriter()
                    json.beginArray()
                    for completion in completions {
                        json.beginObject()
                        json.key("id"); json.integer(Int(completion.id))
                        json.key("item"); json.string(completion.item)
                        json.key("rule"); json.string(completion.rule)
                        json.key("occurrence"); json.string(completion.occurrence?.description)
                        json.key("on"); json.string(completion.on.description)
                        json.key("by"); json.string(completion.by.description)
                        json.key("how"); json.string(completion.how.rawValue)
                        json.key("recorded_at"); json.string(export.time(completion.recordedAt))
                        json.key("note"); json.string(completion.note)
                        json.key("message_id"); json.string(completion.messageID)
                        json.key("revoked_at"); json.string(completion.revoked.map { export.time($0.at) })
                        json.key("revoked_by"); json.string(completion.revoked?.by.description)
                        json.endObject()
                    }
                    json.endArray()
                    print(json.text)
                case .text:
                    if completions.isEmpty { print("(no recorded completions; state: \(configuration.statePath))") }
                    for completion in completions {
                        var line = "#\(completion.id)  \(completion.rule ?? "(every rule)")  \(completion.item)"
                        line += completion.occurrence.map { "  due \($0)" } ?? ""
                        line += "  done \(completion.on)  by \(completion.by) (\(completion.how.rawValue), \(export.time(completion.recordedAt)))"
                        if let note = completion.note { line += "  — \(note)" }
                        if let revoked = completion.revoked { line += "  [undone \(export.time(revoked.at)) by \(revoked.by)]" }
                        print(line)
                    }
                }
            }
        }
    }

    struct Undo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            abstract: "Undo a recorded completion (it stays in the history, marked undone).",
            discussion: """
                The occurrence is open again from the daemon's next cycle: stages not yet sent are sent \
                when their time comes. Completions written in the plan files are undone by editing them.
                """
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: "The completion's number (see 'planwatch completions list').") var id: Int64

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let runtime = try Environment(configuration: configuration).runtime(.existing)
                let author = RecordedCompletion.Author.operator(Environment.unixUser)
                let now = Environment.now()
                guard let revoked = try await runtime.state.revokeCompletion(id: id, at: now, by: author) else {
                    let exists = try await runtime.state.recordedCompletions().contains { $0.id == id }
                    throw CommandFailure(.dataError, exists ? "completions: #\(id) is undone already"
                        : "completions: there is no recorded completion #\(id) ('planwatch completions list' shows them)")
                }
                let subject = [revoked.rule, revoked.item, revoked.occurrence?.description].compactMap { $0 }.joined(separator: "/")
                runtime.journal.send(JournalEntry(
                    message: "completion #\(id) of \(subject) undone by \(author)", priority: .notice, messageID: .completionRevoked,
                    fields: [("PLANWATCH_COMPLETION", String(id)), ("PLANWATCH_SUBJECT", revoked.item), ("PLANWATCH_RULE", revoked.rule),
                             ("PLANWATCH_AUTHOR", author.description)]))
                print("planwatch: completion #\(id) of \(subject) undone (state: \(configuration.statePath))")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the recorded completions as a plan file (YAML) or as CSV.",
            discussion: """
                YAML: a standalone plan file with a completions: list, which 'planwatch check' and the \
                daemon read like any plan file — put it in the plan folder to keep the completions in \
                the plan data (undone ones are left out). The note says how and when each was recorded.

                CSV (RFC 4180, UTF-8, CRLF): one row per completion with the columns \
                \(CompletionExport.columns.joined(separator: ", ")); undone ones only with --include-undone.

                Examples:
                  planwatch completions export \\
                    > /var/lib/planwatch/plan/completions-2027.yaml
                  planwatch completions export --format csv --output uppfoljning.csv
                """
        )
        enum Format: String, ExpressibleByArgument, CaseIterable { case yaml, csv }
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: "yaml (a plan file) or csv.") var format: Format = .yaml
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
        @Flag(help: "CSV: also the undone completions.") var includeUndone = false

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let store = try Environment(configuration: configuration).runtime(.existing).state
                let export = CompletionExport(completions: try await store.recordedCompletions(), zone: configuration.timezone)
                let bytes: [UInt8] = switch format {
                case .yaml:
                    Array(export.yaml(header: [
                        "Completions recorded by planwatch, exported \(export.time(Environment.now())) from \(configuration.statePath).",
                        "A plan file: in the plan folder, these completions are part of the plan data.",
                    ]).utf8)
                case .csv: export.csv(includeRevoked: includeUndone)
                }
                if let output {
                    do {
                        try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                    } catch {
                        throw CommandFailure(.cannotCreate, "completions: cannot write \(output): \(error.localizedDescription)")
                    }
                } else {
                    writeStandardOutput(bytes)
                }
            }
        }
    }
}
