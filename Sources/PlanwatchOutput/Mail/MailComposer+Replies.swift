public import PlanwatchCore

/// The answers to replies: a confirmation when a completion was recorded, an explanation when a
/// reply could not be read as one. Both answer the reply (`In-Reply-To`), say they are automatic
/// (`Auto-Submitted: auto-replied`), and are named after the reply, so answering twice is a no-op.
extension MailComposer {
    /// Why a reply was not taken as a completion, as the explanation says it.
    public enum Refusal: Sendable, Hashable {
        /// No reply address with a token we issued (or the token was revoked).
        case unknownToken
        /// The first line (or subject) does not start with a completion word.
        case notACompletion(firstLine: String)
        /// Only HTML, or no text at all.
        case unreadable
        /// Larger than planwatch reads.
        case tooLarge(megabytes: Int)
    }

    /// "Registrerat som klart 3 december: …" to the one who replied.
    public func confirmation(to recipient: Mailbox, language: MessageLanguage, title: String, done: LocalDate, due: LocalDate?,
                             inReplyTo: String?, date: Instant) throws(MailError) -> ComposedMail {
        let sv = language == .swedish
        let wording = MailWording(language: language)
        let subject = (sv ? "Registrerat som klart: " : "Recorded as done: ") + title
        var text = [wording.greeting(recipient.name ?? ""), ""]
        text.append(sv ? "Registrerat som klart \(language.dayAndMonth(done)): \(title)." : "Recorded as done on \(language.dayAndMonth(done)): \(title).")
        if let due { text.append(sv ? "Sista dagen var \(language.date(due))." : "The due date was \(language.date(due)).") }
        text.append(sv ? "Inga fler påminnelser om detta." : "No more reminders about this.")
        text += ["", sv ? "Blev det fel? Den som sköter planwatch kan ångra registreringen." : "A mistake? Whoever runs planwatch can undo it.",
                 "", wording.signature(replies: true), ""]
        return try answer(to: recipient, subject: subject, text: text.joined(separator: "\n"), inReplyTo: inReplyTo, kind: "confirmation", date: date)
    }

    /// A short, polite explanation of why a reply recorded nothing, and how to do it.
    public func explanation(to recipient: Mailbox, language: MessageLanguage, refusal: Refusal, originalSubject: String?,
                            inReplyTo: String?, date: Instant) throws(MailError) -> ComposedMail {
        let sv = language == .swedish
        let wording = MailWording(language: language)
        let subject = (sv ? "Inte registrerat: " : "Not recorded: ") + (originalSubject ?? (sv ? "ditt svar" : "your reply"))
        let why: String = switch refusal {
        case .unknownToken:
            sv ? "Ditt svar gick inte att koppla till någon påminnelse som gäller nu. Svara direkt på påminnelsen, utan att ändra adressen."
               : "Your reply could not be matched to a reminder that is still open. Reply to the reminder itself, without changing the address."
        case .notACompletion(let line):
            sv ? "Ditt svar började inte med ordet klar (första raden var: ”\(line.prefix(80))”), så inget har registrerats."
               : "Your reply did not start with the word done (its first line was: “\(line.prefix(80))”), so nothing was recorded."
        case .unreadable:
            sv ? "Ditt svar hade ingen vanlig text som gick att läsa, så inget har registrerats."
               : "Your reply had no plain text to read, so nothing was recorded."
        case .tooLarge(let megabytes):
            sv ? "Ditt svar var för stort för att läsas (\(megabytes) MB), så inget har registrerats. Skicka det utan bilagor."
               : "Your reply was too large to read (\(megabytes) MB), so nothing was recorded. Send it without attachments."
        }
        let how = sv ? "När uppföljningen är gjord: svara på påminnelsen med ordet klar på första raden."
                     : "When the follow-up is done: reply to the reminder with the word done on the first line."
        let text = [wording.greeting(recipient.name ?? ""), "", why, "", how, "", wording.signature(replies: true), ""].joined(separator: "\n")
        return try answer(to: recipient, subject: subject, text: text, inReplyTo: inReplyTo, kind: "explanation", date: date)
    }

    private func answer(to recipient: Mailbox, subject: String, text: String, inReplyTo: String?, kind: String,
                        date: Instant) throws(MailError) -> ComposedMail {
        let name = String(SHA256.hex("\(kind)\n\(inReplyTo ?? "")\n\(recipient.address)").prefix(32))
        let messageID = "<\(name)@\(domain)>"
        var headers = ["Date: " + rfc5322Date(date)]
        headers.append(HeaderEncoding.headerLine("From", words: try HeaderEncoding.mailbox(name: from.name, email: from.address)))
        headers.append(HeaderEncoding.headerLine("To", words: try HeaderEncoding.mailbox(name: recipient.name, email: recipient.address)))
        headers.append(HeaderEncoding.unstructured("Subject", Self.cut(subject)))
        headers.append("Message-ID: \(messageID)")
        if let inReplyTo, inReplyTo.hasPrefix("<"), inReplyTo.hasSuffix(">"), HeaderEncoding.isPlainASCII(inReplyTo), !inReplyTo.contains(" ") {
            headers.append("In-Reply-To: \(inReplyTo)")
            headers.append("References: \(inReplyTo)")
        }
        headers += ["MIME-Version: 1.0", "Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All", "X-Planwatch-Answer: \(kind)",
                    "X-Planwatch-Rcpt: <\(recipient.address)>"]
        let message = MIMEMessage(headers: headers, text: text, boundary: "planwatch-\(name)").bytes
        return ComposedMail(name: "answer-" + name, messageID: messageID, recipients: [recipient.address], data: message, keys: [])
    }
}
