public import PlanwatchCore

extension MailComposer {
    /// The composer of a configuration (`mail.from`, `timezone`).
    public init(configuration: Configuration) {
        self.init(from: configuration.mailFrom, zone: configuration.timezone)
    }

    /// The envelope sender: the address of `From:`.
    public var envelopeSender: String { fromAddress }

    /// The Message-ID a mail of this name gets.
    public func messageID(name: String) -> String { "<\(name)@\(domain)>" }
}

extension SpoolFlusher {
    /// The flusher of a configuration: its sendmail, its sender, how long sent mail is kept.
    public init(configuration: Configuration, spool: MaildirSpool, journal: any JournalSink) {
        let sender = MailComposer(configuration: configuration).envelopeSender
        self.init(spool: spool, transport: SendmailTransport(path: configuration.sendmailPath, sender: sender), journal: journal)
        keepSent = configuration.keepSent.seconds ?? keepSent
    }
}
