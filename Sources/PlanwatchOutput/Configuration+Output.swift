public import PlanwatchCore

extension MailComposer {
    /// The composer of a configuration (`mail.from`, `timezone`).
    public init(configuration: Configuration) {
        self.init(from: configuration.mailFrom, zone: configuration.timezone,
                  replies: configuration.replyAddress.flatMap { try? ReplyAddressPattern(parsing: $0) })
    }

    /// The Message-ID a mail of this name gets.
    public func messageID(name: String) -> String { "<\(name)@\(domain)>" }
}

extension SpoolFlusher {
    /// The flusher of a configuration: its sender, how long sent mail is kept.
    public init(configuration: Configuration, spool: any MailSpool, transport: any MailTransport, journal: any JournalSink) {
        self.init(spool: spool, transport: transport, sender: MailComposer(configuration: configuration).envelopeSender, journal: journal)
        rules.keepSent = configuration.keepSent.seconds ?? rules.keepSent
    }
}

extension SendmailTransport {
    /// The sendmail of a configuration (`mail.sendmail`, `mail.timeout`).
    public init(configuration: Configuration) {
        self.init(path: configuration.sendmailPath, timeout: configuration.sendmailTimeout)
    }
}
