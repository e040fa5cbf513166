/// How planwatch is set up (`/etc/planwatch/planwatch.yaml`), as values; the loader reads it.
public struct Configuration: Sendable {
    /// The zone of all dates and times (default Europe/Stockholm).
    public var timezone: Zone
    /// The working-day calendar (`se` or `mon-fri`).
    public var workdays: any WorkdayCalendar
    /// The default message language (`sv` or `en`).
    public var language: String
    /// Rule files or folders.
    public var rulePaths: [String]
    /// The plan data folder.
    public var planPath: String
    /// The state database.
    public var statePath: String
    /// The mail spool folder.
    public var spoolPath: String
    /// The daily send time, minutes after midnight.
    public var sendAt: Int
    /// `immediate`, `daily`, or a weekly calendar expression such as `Mon 08:00`.
    public var digest: String
    /// `From:` of mails (and the envelope sender).
    public var mailFrom: Mailbox
    /// How mail leaves the spool.
    public var mailTransport: MailTransportSetting
    /// The sendmail program.
    public var sendmailPath: String
    /// How long one hand-over to sendmail may take, in seconds.
    public var sendmailTimeout: Double
    /// How long delivered mail stays in the spool's `sent/` folder.
    public var keepSent: RuleDuration
    /// Where replies go, with a place for the token (`planwatch+{token}@example.se`); `nil`: no
    /// replies (mails say so).
    public var replyAddress: String?
    /// The Maildir replies are delivered into.
    public var inboxPath: String
    /// How long processed and refused replies are kept (they hold personal data).
    public var keepInbox: RuleDuration
    /// Named roles and the person ids who hold them (added to the roles people carry themselves).
    public var roles: [String: [String]]
    /// Where the configuration came from (for messages), or `nil` for the defaults.
    public var source: String?

    /// The defaults: Europe/Stockholm, Swedish working days, Swedish messages, 08:00, daily digests.
    public init() {
        timezone = Zone(identifier: "Europe/Stockholm") ?? .utc
        workdays = SwedishWorkdayCalendar.shared
        language = "sv"
        rulePaths = ["/usr/share/planwatch/rules", "/etc/planwatch/rules.d"]
        planPath = "/var/lib/planwatch/plan"
        statePath = "state.sqlite"
        spoolPath = "/var/spool/planwatch"
        sendAt = 8 * 60
        digest = "daily"
        mailFrom = Mailbox(name: "Planwatch", address: "planwatch@localhost")!
        mailTransport = .sendmail
        sendmailPath = "/usr/sbin/sendmail"
        sendmailTimeout = 120
        keepSent = RuleDuration(30, .days)
        replyAddress = nil
        inboxPath = "/var/spool/planwatch/inbox"
        keepInbox = RuleDuration(90, .days)
        roles = [:]
        source = nil
    }
}

/// How mail leaves the spool (`mail.transport`).
public enum MailTransportSetting: String, Hashable, Sendable, CaseIterable {
    /// `planwatch spool flush` hands each message to the sendmail program.
    case sendmail
    /// Mail stays in the spool (for trying things out).
    case none
}

extension SwedishWorkdayCalendar {
    /// One shared instance (its table of holidays is computed once).
    public static let shared = SwedishWorkdayCalendar()
}
