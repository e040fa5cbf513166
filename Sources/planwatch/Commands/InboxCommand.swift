import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchLoader
import PlanwatchOutput
import PlanwatchState

/// `planwatch inbox process|list|retry`: the replies Postfix delivered.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Process the replies to reminders, list refused ones, retry one.",
        discussion: """
            Replies to reminders arrive in the inbox Maildir (inbox: in the configuration, by default \
            /var/spool/planwatch/inbox); the daemon processes them as they come. A reply whose first \
            line says klar, klart, gjort or done records the occurrence as done and is confirmed to \
            the sender; other replies are kept aside in refused/ and explained to the sender (once a \
            day at most); automatic replies are kept, bounces journaled. Nothing is deleted before it \
            is processed; processed and refused mail goes after inbox.keep (default 90 days).
            """,
        subcommands: [Process.self, List.self, Retry.self]
    )

    /// The configuration, checked for replies.
    static func loadForReplies(_ options: ConfigurationOptions) throws -> Configuration {
        let configuration = try options.load()
        guard configuration.replyAddress != nil else {
            throw CommandFailure(.configuration, "inbox: replies are not set up — add replies: { address: \"planwatch+{token}@example.se\" } "
                + "to \(configuration.source ?? "the configuration") (see README, Operations: replies)")
        }
        return configuration
    }

    static func summaryLine(_ summary: InboxProcessor.Summary, inbox: String) -> String {
        "planwatch: inbox \(inbox): \(summary.completed) completions recorded, \(summary.refused) refused (kept in refused/), "
            + "\(summary.automatic) automatic replies, \(summary.bounces) bounces; \(summary.answers) answers spooled"
    }

    struct Process: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "process",
            abstract: "Process what has arrived in the inbox now (one pass, as the daemon does).",
            discussion: "The answers (confirmations, explanations) go to the mail spool; planwatch-deliver sends them."
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: "Process as if it were this time (default: now).") var at: String?

        func run() async throws {
            try await reportingFailures {
                let configuration = try InboxCommand.loadForReplies(configurationOptions)
                let environment = Environment(configuration: configuration)
                let now = try environment.instant(at)
                let project = try loadProject(paths: [], configuration: configuration, warnings: false)
                let runtime = try environment.runtime(.create)
                let summary = try await InboxCommand.processing { try await InboxProcessor(runtime: runtime, project: project).run(at: now) }
                print(InboxCommand.summaryLine(summary, inbox: configuration.inboxPath))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the refused replies (or, with --all, every mail the inbox received), newest first."
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Flag(help: "Every outcome: completed, refused, automatic, bounce.") var all = false
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            try await reportingFailures {
                let configuration = try InboxCommand.loadForReplies(configurationOptions)
                let store = try Environment(configuration: configuration).runtime(.existing).state
                let entries = try await store.inboxEntries(outcome: all ? nil : .refused, limit: max(1, limit))
                let export = CompletionExport(completions: [], zone: configuration.timezone)
                let inbox = InboxMaildir(root: configuration.inboxPath)
                switch format {
                case .json:
                    var json = JSONWriter()
                    json.beginArray()
                    for entry in entries {
                        json.beginObject()
                        json.key("id"); json.string(entry.file)
                        json.key("received_at"); json.string(export.time(entry.receivedAt))
                        json.key("sender"); json.string(entry.sender)
                        json.key("message_id"); json.string(entry.messageID)
                        json.key("outcome"); json.string(entry.outcome.rawValue)
                        json.key("reason"); json.string(entry.reason)
                        json.key("occurrence"); json.string(entry.occurrence?.description)
                        json.key("completion"); entry.completion.map { json.integer(Int($0)) } ?? json.null()
                        json.key("answered"); json.bool(entry.answered)
                        json.key("still_kept"); json.bool(InboxMaildir.Folder.allCases.contains { inbox.contains(entry.file, in: $0) })
                        json.endObject()
                    }
                    json.endArray()
                    print(json.text)
                case .text:
                    if entries.isEmpty { print(all ? "(the inbox has received nothing)" : "(no refused replies)") }
                    for entry in entries {
                        var line = "\(entry.file)  \(export.time(entry.receivedAt))  \(entry.sender ?? "(no sender)")  \(entry.outcome.rawValue)"
                        if !entry.reason.isEmpty { line += ": \(entry.reason)" }
                        if let occurrence = entry.occurrence { line += "  [\(occurrence)]" }
                        if let completion = entry.completion { line += "  completion #\(completion)" }
                        print(line)
                    }
                    if !all, !entries.isEmpty {
                        print("Retry one with 'planwatch inbox retry ID' (after the reason is mended, e.g. the reply address).")
                    }
                }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Process a refused reply again (by its id, as 'planwatch inbox list' shows it)."
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: "The reply's id (its file name in the inbox).") var id: String

        func validate() throws {
            guard InboxMaildir.isMailName(id) else { throw ValidationError("'\(id)' is not an inbox file name") }
        }

        func run() async throws {
            try await reportingFailures {
                let configuration = try InboxCommand.loadForReplies(configurationOptions)
                let environment = Environment(configuration: configuration)
                guard InboxMaildir(root: configuration.inboxPath).contains(id, in: .refused) else {
                    throw CommandFailure(.noInput, "inbox: no refused reply '\(id)' in \(configuration.inboxPath)/refused "
                        + "('planwatch inbox list' shows them)")
                }
                let project = try loadProject(paths: [], configuration: configuration, warnings: false)
                let runtime = try environment.runtime(.create)
                let summary = try await InboxCommand.processing {
                    try await InboxProcessor(runtime: runtime, project: project).run(at: Environment.now(), retrying: id)
                }
                print(InboxCommand.summaryLine(summary, inbox: configuration.inboxPath))
            }
        }
    }

    /// Runs a pass; a lock or spool problem is a temporary failure, a state problem unavailable.
    static func processing(_ work: () async throws -> InboxProcessor.Summary) async throws -> InboxProcessor.Summary {
        do {
            return try await work()
        } catch let error as SpoolError {
            throw CommandFailure(.temporaryFailure, "inbox: \(error)")
        } catch let error as LockError {
            throw CommandFailure(.temporaryFailure, "inbox: \(error)")
        } catch let error as StateError {
            throw CommandFailure(.unavailable, "inbox: \(error)")
        } catch {
            throw CommandFailure(.dataError, "inbox: \(error)")
        }
    }
}
