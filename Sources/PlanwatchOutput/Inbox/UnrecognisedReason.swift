/// Why a mail from a person was not read as a completion.
public enum UnrecognisedReason: Sendable, Hashable, CustomStringConvertible {
    /// The mail was larger than the size limit, so only its headers were read.
    case tooLarge(size: Int, limit: Int)
    /// The mail has no plain-text part (HTML only, only attachments, or a Outlook `winmail.dat`).
    case noTextPart
    /// Neither the text (outside quotes and signatures) nor the subject says anything.
    case empty
    /// The writer's first line, which does not start with a completion word.
    case notACompletion(firstLine: String)

    /// A short English description for the journal.
    public var description: String {
        switch self {
        case .tooLarge(let size, let limit): "the mail is \(size) bytes, over the limit of \(limit)"
        case .noTextPart: "the mail has no plain-text part"
        case .empty: "the reply says nothing outside the quoted reminder"
        case .notACompletion(let line): "the first line '\(line)' does not start with a completion word"
        }
    }
}
