/// What an incoming mail to the reply address is, as far as its content tells.
///
/// Only ``completion(_:)`` may record a completion, and only after the caller has verified the
/// reply token (``ReplyAddressPattern/token(in:)``): the classification says nothing
/// about who sent the mail.
public enum ReplyClassification: Sendable, Hashable, CustomStringConvertible {
    /// A reply whose own first line, or subject, starts with this completion word (lowercased, as configured).
    case completion(String)
    /// A delivery status notification (bounce) about a mail planwatch sent.
    case bounce(DeliveryStatus)
    /// Mail sent by a machine (auto-reply, out-of-office, read receipt): never a completion, never
    /// answered (answering it could start a mail loop).
    case automatic(AutomaticReason)
    /// A mail from a person that does not say "done"; the reason can be explained in the answer.
    case unrecognised(UnrecognisedReason)

    /// A short English description for the journal.
    /// A short English description for the journal.
    public var description: String {
        switch self {
        case .completion(let word): "completion ('\(word)')"
        case .bounce(let status):
            "bounce" + (status.failedRecipients.isEmpty ? "" : " for " + status.failedRecipients.map(\.finalRecipient).joined(separator: ", "))
        case .automatic(let reason): "automatic: \(reason)"
        case .unrecognised(let reason): "unrecognised: \(reason)"
        }
    }
}
