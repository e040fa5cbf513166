import ArgumentParser
import Foundation
import PlanwatchCore
import PlanwatchDaemon
import PlanwatchOutput
import PlanwatchState

/// `planwatch spool list|flush`.
struct SpoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spool",
        abstract: "Look at and deliver the mail spool.",
        subcommands: [List.self, Flush.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List spooled mail: waiting, sent and failed.")
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Flag(help: "Also list sent mail.") var sent = false

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let spool = MaildirSpool(root: configuration.spoolPath)
                var states: [SpoolState] = [.waiting, .inFlight, .failed]
                if sent { states.append(.sent) }
                var total = 0
                for folder in states {
                    for name in await spool.names(in: folder) {
                        guard let data = await spool.message(name, in: folder) else { continue }
                        let (keys, recipients) = MaildirSpool.headers(of: data)
                        let subject = Self.subject(of: data)
                        let state = switch folder {
                        case .waiting: "waiting"
                        case .inFlight: "in-flight"
                        default: folder.rawValue
                        }
                        print("\(name)  \(state)  \(recipients.joined(separator: ","))  \(keys.count) notification\(keys.count == 1 ? "" : "s")  \(subject)")
                        total += 1
                    }
                }
                if total == 0 { print("(the spool is empty)") }
            }
        }

        /// The decoded `Subject:` (RFC 2047 B words) of a message.
        static func subject(of data: [UInt8]) -> String {
            let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
            guard let start = text.range(of: "\r\nSubject: ") else { return "" }
            var value = ""
            for line in text[start.upperBound...].components(separatedBy: "\r\n") {
                if value.isEmpty { value = line; continue }
                guard line.hasPrefix(" ") else { break }
                value += line
            }
            return value.split(separator: " ").map { word -> String in
                guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                      let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return String(word) + " " }
                return String(decoding: data, as: UTF8.self)
            }.joined().trimmingCharacters(in: .whitespaces)
        }
    }

    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "flush",
            abstract: "Hand waiting mail to sendmail.",
            discussion: """
                Delivers every message in the spool's new/ whose retry time has come: to sendmail as an \
                argv (-i -f FROM -- RECIPIENTS). Delivered mail moves to sent/ (kept 30 days); a temporary \
                failure is retried with exponential backoff (1 min doubling to 1 h, for up to 3 days); a \
                permanent failure moves to failed/ and is logged at priority err.
                """
        )
        @OptionGroup var configurationOptions: ConfigurationOptions
        @Flag(help: "Retry deferred mail now, regardless of its retry time.") var force = false
        @Option(help: "Act as if it were this time (for tests; default now).") var at: String?

        func run() async throws {
            try await reportingFailures {
                let configuration = try configurationOptions.load()
                let environment = Environment(configuration: configuration)
                let spool = MaildirSpool(root: configuration.spoolPath)
                do {
                    try spool.prepare()
                } catch {
                    throw CommandFailure(.temporaryFailure, "spool flush: \(error)")
                }
                guard configuration.mailTransport == .sendmail else {
                    print("planwatch: spool flush: the mail transport is none; mail stays in the spool")
                    return
                }
                // On PostgreSQL the outbox too (after what the Maildir spool still holds from before).
                let flusher: any MailDelivery
                if configuration.postgresql == nil {
                    flusher = SpoolFlusher(configuration: configuration, spool: spool, transport: SendmailTransport(configuration: configuration),
                                           journal: environment.journal)
                } else if let delivery = try environment.runtime(.existing).delivery {
                    flusher = delivery
                } else {
                    return
                }
                let summary: SpoolFlusher.Summary
                do {
                    summary = try await flusher.flush(now: try environment.instant(at), force: force)
                } catch let error as LockError {
                    throw CommandFailure(.temporaryFailure, "spool flush: \(error)")
                } catch let error as StateError {
                    throw CommandFailure(.temporaryFailure, "spool flush: \(error)")
                }
                print("planwatch: spool flush: \(summary.delivered) delivered, \(summary.deferred) deferred, \(summary.failed) failed, "
                    + "\(summary.waiting) waiting for a retry" + (summary.redelivered > 0 ? ", \(summary.redelivered) handed over again after an interruption" : ""))
                if summary.deferred > 0 { throw ExitCode(ExitStatus.temporaryFailure.rawValue) }
            }
        }
    }
}
