import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchState

/// `planwatch silence add|list|expire`.
struct SilenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Mute matching notifications for a while (they still reach the journal).",
        subcommands: [Add.self, List.self, Expire.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a silence.",
            discussion: """
                A silence mutes the notifications that match all the given fields (at least one), \
                from now until it expires. Muted notifications are recorded and journalled, not mailed.

                Example:
                  planwatch silence add --rule arenden-per-handlaggare --subject farsta --expires 14d \\
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
        }

        func run() throws {
            try reportingFailures {
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
                let who = author ?? ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
                let store = try environment.openStore()
                let id = try store.add(Silence(rule: rule, subject: subject, stage: stage, recipient: recipient, author: who,
                                               comment: comment, createdAt: now, expiresAt: expiry))
                print("planwatch: silence #\(id) added")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List silences (those in force, or --all).")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Flag(help: "Also list expired silences.") var all = false

        func run() throws {
            try reportingFailures {
                let configuration = try configurationOptions.load()
                let store = try Environment(configuration: configuration).openStore()
                let now = Environment.now()
                let silences = try store.silences().filter { all || $0.isActive(at: now) }
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

    struct Expire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a silence now.")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Argument(help: "The silence's number.") var id: Int64

        func run() throws {
            try reportingFailures {
                let configuration = try configurationOptions.load()
                let store = try Environment(configuration: configuration).openStore()
                guard try store.expireSilence(id: id, at: Environment.now()) else {
                    throw CommandFailure(.dataError, "silence: no silence #\(id) in force")
                }
                print("planwatch: silence #\(id) expired")
            }
        }
    }
}
