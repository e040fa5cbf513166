/// Hands a message to the mail system: sendmail today (``SendmailTransport``); an SMTP client would
/// be one more implementation.
public protocol MailTransport: Sendable {
    /// Delivers `message` from the envelope sender to the envelope recipients.
    func deliver(_ message: [UInt8], from sender: String, to recipients: [String]) async -> DeliveryResult
}

/// What became of one hand-over to the MTA.
public enum DeliveryResult: Hashable, Sendable {
    case delivered
    /// Try again later (the MTA is down, the queue is full, …).
    case temporary(String)
    /// Do not try again (the address is refused, the message is malformed).
    case permanent(String)
}

/// A transport that keeps what it is given (for tests): every hand-over, and a result to give.
public actor MemoryTransport: MailTransport {
    /// What was handed over, in order.
    public private(set) var deliveries: [(message: [UInt8], sender: String, recipients: [String])] = []
    private let result: @Sendable ([UInt8]) -> DeliveryResult

    /// A transport that answers every message with `result` (delivered by default).
    public init(result: @escaping @Sendable ([UInt8]) -> DeliveryResult = { _ in .delivered }) {
        self.result = result
    }

    public func deliver(_ message: [UInt8], from sender: String, to recipients: [String]) -> DeliveryResult {
        deliveries.append((message, sender, recipients))
        return result(message)
    }
}
