import Foundation
public import PlanwatchCore
import Yams

/// Reads `planwatch.yaml`. Relative paths resolve against the file's folder, except a relative
/// `state`, which resolves against `$STATE_DIRECTORY` when systemd sets it.
public enum ConfigurationReader {
    /// The configuration a package installs, and the `StateDirectory=` of its unit.
    public static let installedPath = "/etc/planwatch/planwatch.yaml"
    public static let installedStateDirectory = "/var/lib/planwatch"

    static let keys = ["timezone", "workdays", "language", "rules", "plan", "state", "spool", "send_at", "digest", "mail", "roles",
                       "replies", "inbox"]

    /// Reads a configuration file.
    /// - Parameters:
    ///   - path: the file.
    ///   - environment: the process environment (for `STATE_DIRECTORY`).
    /// - Returns: the configuration, or `nil` with the diagnostics that say why.
    public static func read(path: String, environment: [String: String]) -> (Configuration?, [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        guard let text = UTF8Validation.text(ofFile: path, diagnostics: diagnostics, unreadable: "cannot read the configuration file") else {
            return (nil, diagnostics.all)
        }
        let reader = YAMLReader(file: path, diagnostics: diagnostics, sites: ReferenceSites())
        guard let root = reader.parse(text) else { return (nil, diagnostics.all) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let configuration = read(root, reader: reader, folder: folder, environment: environment, path: path)
        return (diagnostics.hasErrors ? nil : configuration, diagnostics.all)
    }

    /// Reads a configuration from a parsed node (also used for the inline `config:` of test files).
    static func read(_ root: Node, reader: YAMLReader, folder: String, environment: [String: String], path: String? = nil) -> Configuration {
        let diagnostics = reader.diagnostics
        var configuration = Configuration()
        configuration.source = reader.file
        guard let fields = reader.mapping(root, "the configuration", allowed: keys) else { return configuration }
        func resolve(_ value: String, against base: String) -> String {
            value.hasPrefix("/") ? value : URL(fileURLWithPath: base).appendingPathComponent(value).standardized.path
        }
        if let node = fields["timezone"], let name = reader.string(node, "timezone") {
            if let zone = Zone(identifier: name) {
                configuration.timezone = zone
            } else {
                diagnostics.error(reader.location(node), "unknown time zone '\(name)'", hint: "an IANA name such as Europe/Stockholm, or UTC")
            }
        }
        if let node = fields["workdays"], let name = reader.string(node, "workdays") {
            switch name {
            case "se": configuration.workdays = SwedishWorkdayCalendar.shared
            case "mon-fri", "none": configuration.workdays = MondayToFridayCalendar()
            default: diagnostics.error(reader.location(node), "unknown working-day calendar '\(name)'", hint: "use se or mon-fri")
            }
        }
        if let node = fields["language"], let language = reader.string(node, "language") {
            if ["sv", "en"].contains(language) {
                configuration.language = language
            } else {
                diagnostics.error(reader.location(node), "unknown language '\(language)'", hint: "use sv or en")
            }
        }
        if let node = fields["rules"], let list = reader.list(node, "rules", single: true) {
            configuration.rulePaths = list.compactMap { reader.string($0, "a rules path") }.map { resolve($0, against: folder) }
        }
        if let node = fields["plan"], let value = reader.string(node, "plan") { configuration.planPath = resolve(value, against: folder) }
        if let node = fields["spool"], let value = reader.string(node, "spool") { configuration.spoolPath = resolve(value, against: folder) }
        // A relative state: under $STATE_DIRECTORY when systemd sets it; for the installed
        // configuration without it (the operator's shell), where the unit's StateDirectory= is —
        // so the CLI opens the daemon's database, never one of its own next to the configuration.
        let stateBase = environment["STATE_DIRECTORY"].map { String($0.split(separator: ":").first ?? "") }
            ?? (path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } == installedPath ? installedStateDirectory : folder)
        if let node = fields["state"], let value = reader.string(node, "state") {
            configuration.statePath = resolve(value, against: stateBase)
        } else {
            configuration.statePath = resolve(configuration.statePath, against: stateBase)
        }
        if let node = fields["send_at"], let text = reader.string(node, "send_at") {
            let parts = text.split(separator: ":")
            if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute), parts[1].count == 2 {
                configuration.sendAt = hour * 60 + minute
            } else {
                diagnostics.error(reader.location(node), "send_at must be a time HH:MM, not '\(text)'")
            }
        }
        if let node = fields["digest"], let text = reader.string(node, "digest") {
            if DigestPolicy(text) != nil {
                configuration.digest = text
            } else {
                diagnostics.error(reader.location(node), "digest must be immediate, daily or a weekly time such as 'Mon 08:00', not '\(text)'")
            }
        }
        if let node = fields["mail"], let mail = reader.mapping(node, "mail", allowed: ["from", "transport", "sendmail", "keep_sent", "timeout"]) {
            if let fromNode = mail["from"], let value = reader.string(fromNode, "mail from") {
                if let mailbox = Mailbox(parsing: value) {
                    configuration.mailFrom = mailbox
                } else {
                    diagnostics.error(reader.location(fromNode), "mail from '\(value)' is not a sender mail can be sent from: "
                        + (Mailbox.problem(with: value) ?? "not a mail address"),
                        hint: "write it as \"Planwatch <planwatch@example.se>\" or planwatch@example.se")
                }
            }
            if let transportNode = mail["transport"], let value = reader.string(transportNode, "mail transport") {
                if let transport = MailTransportSetting(rawValue: value) {
                    configuration.mailTransport = transport
                } else {
                    diagnostics.error(reader.location(transportNode), "unknown mail transport '\(value)'", hint: "use sendmail or none")
                }
            }
            if let value = mail["sendmail"].flatMap({ reader.string($0, "sendmail path") }) { configuration.sendmailPath = value }
            if let timeoutNode = mail["timeout"], let text = reader.string(timeoutNode, "mail timeout") {
                if let seconds = Self.seconds(text), (1...86_400).contains(seconds) {
                    configuration.sendmailTimeout = Double(seconds)
                } else {
                    diagnostics.error(reader.location(timeoutNode), "mail timeout must be a time from 1s to 24h such as 120s, 5min or 1h, not '\(text)'")
                }
            }
            if let keepNode = mail["keep_sent"], let text = reader.string(keepNode, "keep_sent") {
                if let duration = try? RuleDuration(parsing: text), duration.seconds != nil {
                    configuration.keepSent = duration
                } else {
                    diagnostics.error(reader.location(keepNode), "keep_sent must be a duration such as 30d, not '\(text)'")
                }
            }
        }
        if let node = fields["replies"], let replies = reader.mapping(node, "replies", allowed: ["address"], required: ["address"]),
           let addressNode = replies["address"], let address = reader.string(addressNode, "replies address") {
            do {
                _ = try ReplyAddressPattern(parsing: address)
                configuration.replyAddress = address
            } catch {
                diagnostics.error(reader.location(addressNode), error.description, hint: error.hint)
            }
        }
        if let node = fields["inbox"] {
            if let path = node.scalar?.string {
                configuration.inboxPath = resolve(path, against: folder)
            } else if let inbox = reader.mapping(node, "inbox", allowed: ["path", "keep"]) {
                if let value = inbox["path"].flatMap({ reader.string($0, "inbox path") }) { configuration.inboxPath = resolve(value, against: folder) }
                if let keepNode = inbox["keep"], let text = reader.string(keepNode, "inbox keep") {
                    if let duration = try? RuleDuration(parsing: text), duration.seconds != nil {
                        configuration.keepInbox = duration
                    } else {
                        diagnostics.error(reader.location(keepNode), "inbox keep must be a duration such as 90d, not '\(text)'")
                    }
                }
            }
        } else {
            // Next to the spool by default (Postfix delivers there as the planwatch user).
            configuration.inboxPath = (configuration.spoolPath as NSString).appendingPathComponent("inbox")
        }
        if let node = fields["roles"], let mapping = node.mapping {
            for (key, value) in mapping {
                guard let role = key.scalar?.string, let people = reader.list(value, "holders of role \(role)", single: true) else { continue }
                configuration.roles[role] = people.compactMap { reader.identifier($0, "person id") }
            }
        } else if let node = fields["roles"] {
            diagnostics.error(reader.location(node), "roles must map role names to lists of person ids")
        }
        return configuration
    }

    /// `120s`, `5min`, `1h` (also `120 seconds`, `5 minutes`, `1 hour`) in seconds; `nil` for anything else.
    static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let amount = Int(digits) else { return nil }
        switch trimmed.dropFirst(digits.count).trimmingSpaces.lowercased() {
        case "s", "sec", "second", "seconds": return amount
        case "min", "minute", "minutes": return amount * 60
        case "h", "hour", "hours": return amount * 3600
        default: return nil
        }
    }
}
