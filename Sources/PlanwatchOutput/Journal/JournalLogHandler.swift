public import Logging
import Foundation

/// A swift-log handler for operational logging: to journald (field names sanitised to
/// `[A-Z0-9_]`, levels mapped to priorities), or to standard error without a journal.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: any JournalSink

    public init(label: String, sink: any JournalSink = defaultJournalSink()) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// swift-log level → syslog priority: trace/debug 7, info 6, notice 5, warning 4, error 3, critical 2.
    public static func priority(_ level: Logger.Level) -> JournalPriority {
        switch level {
        case .trace, .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var fields: [(String, String?)] = merged.sorted { $0.key < $1.key }.map { (JournalEntry.sanitize($0.key), "\($0.value)") }
        fields.append(("PLANWATCH_LOGGER", label))
        var messageID: MessageID?
        if case .string(let id)? = merged["message_id"] { messageID = MessageID(rawValue: id) }
        fields.removeAll { $0.0 == "MESSAGE_ID" || $0.0 == "PRIORITY" || $0.0 == "MESSAGE" || $0.0 == "SYSLOG_IDENTIFIER" }
        sink.send(JournalEntry(message: event.message.description, priority: Self.priority(event.level), messageID: messageID, fields: fields))
    }
}
