import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchState

/// `planwatch state copy --to postgresql://…`: moving a running installation to high availability.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Move the state to another backend.",
        subcommands: [Copy.self]
    )

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy the configured state (ledger, alert states, silences, completions, reply tokens) to a PostgreSQL state.",
            discussion: """
                Run it with the daemon stopped, then change state: to the address and start the daemons: what \
                the ledger holds as sent is not sent again. The password comes from --password-file (or \
                postgresql.password_file, or $CREDENTIALS_DIRECTORY/postgresql-password), never from the address. \
                Running it again adds nothing twice. It takes the leader lease for the copy and refuses while \
                any daemon leads (exit 75).

                Example:
                  planwatch state copy --to postgresql://planwatch@db.example:5432/planwatch \\
                    --password-file /etc/planwatch/pg-password
                """
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Option(help: "The PostgreSQL state to copy to: postgresql://USER@HOST:PORT/DATABASE.") var to: String
        @Option(help: "The file with the PostgreSQL password.") var passwordFile: String?

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                guard configuration.postgresql == nil else {
                    throw CommandFailure(.usage, "state copy: the configured state is PostgreSQL already (\(configuration.statePath)); "
                        + "copy from the SQLite configuration")
                }
                let address: PostgresAddress
                do {
                    address = try PostgresAddress(parsing: to)
                } catch {
                    throw CommandFailure(.usage, "state copy: --to: \(error)" + ((error as? PostgresAddressError)?.hint.map { " (\($0))" } ?? ""))
                }
                let environment = Environment(configuration: configuration)
                let source = try environment.runtime(.existing)
                var target = configuration
                target.postgresql = address
                target.statePath = address.description
                if let passwordFile { target.highAvailability.passwordFile = passwordFile }
                let destination = try Environment(configuration: target).runtime(.create)
                let grant = try await RunCommand.lead(destination, for: "state copy")
                let summary: StateCopy.Summary
                do {
                    summary = try await StateCopy(source: source.state, target: destination.state).run(at: Environment.now())
                } catch {
                    throw CommandFailure(.unavailable, "state copy: \(error)")
                }
                if let grant { try? await destination.lease?.releaseLease(grant) }
                print("planwatch: state copy to \(address): \(summary.ledgerRows) ledger rows copied (\(summary.ledgerRowsThere) there already), "
                    + "\(summary.alertStates) alert states, \(summary.silences) silences, \(summary.completions) completions, "
                    + "\(summary.replyTokens) reply tokens")
            }
        }
    }
}
