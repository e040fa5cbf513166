import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchState

/// `planwatch silence add|list|expire`.
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Mute matching notifications for a while (they still reach the journal).",
        subcommands: [Add.self, List.self, Expire.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a silence.",
            discussion: """
                A silence mutes the notifications that match all the given fields (at least one), \
                from now until it expires. Muted notifications are recorded and journalled, not mailed.

                Example:
                  planwatch silence add --rule arenden-per-socialsekreterare --subject farsta \\
                    --expires 14d \\
                    --comment "Ny bemanning från 1 december; värdena är kända"
                """
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: "The rule id to mute.") var rule: String?
        @Option(help: "The item or unit id to mute.") var subject: String?
        @Option(help: "The stage to mute (remind-28d, overdue-1, warning, missing, …).") var stage: String?
        @Option(help: "The recipient (person id) to mute.") var recipient: String?
        @Option(help: "How long (e.g. 7d, 36h) or until when ('YYYY-MM-DD [HH:MM]').") var expires: String
        @Option(help: "Why (required).") var comment: String
        @Option(help: "Who (default: $SUDO_USER or $USER).") var author: String?

        func validate() throws {
            guard rule != nil || subject != nil || stage != nil || recipient != nil else {
                throw ValidationError("give at least one of --rule, --subject, --stage, --recipient")
            }
            guard !comment.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--comment must say why") }
            if let stage, Stage(stage) == nil {
                throw ValidationError("--stage '\(stage)' is not a stage (e.g. remind-28d, remind-10-workdays, due, overdue-1, escalated, "
                    + "warning, critical, resolved, missing)")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let environment = Environment(configuration: configuration)
                let now = Environment.now()
                let expiry: Instant
                if let duration = try? RuleDuration(parsing: expires), let seconds = duration.seconds {
                    expiry = now.adding(seconds: seconds)
                } else {
                    expiry = try environment.instant(expires, option: "--expires")
                }
                guard expiry > now else { throw CommandFailure(.dataError, "silence: --expires lies in the past") }
                let who = author ?? Environment.unixUser
                let runtime = try environment.runtime(.create)
                let id = try await runtime.state.add(Silence(rule: rule, subject: subject, stage: stage.flatMap { Stage($0) },
                                                             recipient: recipient, author: who, comment: comment, createdAt: now,
                                                             expiresAt: expiry))
                print("planwatch: silence #\(id) added (state: \(configuration.statePath))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List silences (those in force, or --all).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Flag(help: "Also list expired silences.") var all = false

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let store = try Environment(configuration: configuration).runtime(.existing).state
                let now = Environment.now()
                let silences = try await store.silences().filter { all || $0.isActive(at: now) }
                if silences.isEmpty { print("(no silences)") }
                for silence in silences {
                    let state = silence.isActive(at: now) ? "active" : "expired"
                    let until = configuration.timezone.localDateTime(at: silence.expiredAt ?? silence.expiresAt)
                    print("#\(silence.id)  \(state)  \(silence.matcherDescription)  until \(until.date) "
                        + "\(LocalDate.pad(until.hour, 2)):\(LocalDate.pad(until.minute, 2))  \(silence.author): \(silence.comment)")
                }
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "expire", abstract: "End a silence now.")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: "The silence's number.") var id: Int64

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let store = try Environment(configuration: configuration).runtime(.existing).state
                guard try await store.expireSilence(id: id, at: Environment.now()) else {
                    throw CommandFailure(.dataError, "silence: no silence #\(id) in force")
                }
                print("planwatch: silence #\(id) expired")
            }
        }
    }
}
