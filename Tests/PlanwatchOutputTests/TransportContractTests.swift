import Foundation
import PlanwatchOutput
import PlanwatchTestSupport
import Testing

/// The transports the contract tests run against: sendmail (a stub that keeps its argv and input)
/// and the in-memory one. Each is made to accept or to refuse every message.
enum TransportKind: String, CaseIterable, CustomTestStringConvertible {
    case sendmail, memory

    var testDescription: String { rawValue }

    /// A transport, and a way to read back what it was handed: (sender, recipients, message) each.
    func make(refusing: Bool) throws -> (transport: any MailTransport, handed: @Sendable () async throws -> [Handover]) {
        switch self {
        case .sendmail:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-transport-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder + "/calls", contents: nil)
            // Each call: argv on one line of `calls`, the message into `message-N`.
            let stub = try temporaryScript("""
                #!/bin/sh
                n=$(wc -l < '\(folder)/calls')
                printf '%s\\n' "$*" >> '\(folder)/calls'
                cat > "\(folder)/message-$n"
                exit \(refusing ? 67 : 0)
                """, name: "sendmail")
            let handed: @Sendable () async throws -> [Handover] = {
                let calls = try String(contentsOfFile: folder + "/calls", encoding: .utf8)
                return try calls.split(separator: "\n").enumerated().map { index, line in
                    // `-i -f SENDER -- RECIPIENT…`
                    let words = line.split(separator: " ").map(String.init)
                    let message = try Data(contentsOf: URL(fileURLWithPath: folder + "/message-\(index)"))
                    return Handover(sender: words[2], recipients: Array(words[4...]), message: Array(message))
                }
            }
            return (SendmailTransport(path: stub), handed)
        case .memory:
            let transport = MemoryTransport { _ in refusing ? .permanent("sendmail exited with 67") : .delivered }
            return (transport, {
                await transport.deliveries.map { Handover(sender: $0.sender, recipients: $0.recipients, message: $0.message) }
            })
        }
    }

    struct Handover: Equatable, Sendable {
        let sender: String
        let recipients: [String]
        let message: [UInt8]
    }
}

/// What every transport does, sendmail and the in-memory one alike: the same answers for the same
/// hand-overs, and the message, envelope sender and recipients handed on unchanged.
@Suite struct TransportContractTests {
    @Test(arguments: TransportKind.allCases)
    func anAcceptedMessageIsHandedOnWithItsEnvelopeUnchanged(kind: TransportKind) async throws {
        let (transport, handed) = try kind.make(refusing: false)
        let first = message(to: "anna@example.se")
        let second = message(to: "omar@example.se", key: "r/s/2027-02-01/due/q")
        #expect(await transport.deliver(first, from: "pw@example.se", to: ["anna@example.se"]) == .delivered)
        #expect(await transport.deliver(second, from: "pw@example.se", to: ["omar@example.se", "sara@example.se"]) == .delivered)
        #expect(try await handed() == [
            .init(sender: "pw@example.se", recipients: ["anna@example.se"], message: first),
            .init(sender: "pw@example.se", recipients: ["omar@example.se", "sara@example.se"], message: second),
        ])
    }

    @Test(arguments: TransportKind.allCases)
    func aRefusedMessageIsAPermanentFailure(kind: TransportKind) async throws {
        let (transport, _) = try kind.make(refusing: true)
        let result = await transport.deliver(message(to: "x@example.se"), from: "pw@example.se", to: ["x@example.se"])
        #expect(result == .permanent("sendmail exited with 67"))
    }
}
