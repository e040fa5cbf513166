public import PlanwatchCore

/// One journal entry: its fields in order (`MESSAGE`, `PRIORITY`, `MESSAGE_ID`, `PLANWATCH_*`, …).
public struct JournalEntry: Hashable, Sendable {
    /// Field name and value; names are `[A-Z0-9_]`, not starting with `_` or a digit.
    public var fields: [(name: String, value: String)]

    public init(message: String, priority: JournalPriority, messageID: MessageID?, fields extra: [(String, String?)] = []) {
        var fields: [(name: String, value: String)] = [("MESSAGE", message), ("PRIORITY", String(priority.rawValue))]
        if let messageID { fields.append(("MESSAGE_ID", messageID.rawValue)) }
        fields.append(("SYSLOG_IDENTIFIER", "planwatch"))
        for (name, value) in extra {
            if let value { fields.append((JournalEntry.sanitize(name), value)) }
        }
        self.fields = fields
    }

    /// The value of a field.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// A field name journald accepts: upper case letters, digits and `_`, not starting with `_` or a
    /// digit, at most 64 characters (`request.id` → `REQUEST_ID`).
    public static func sanitize(_ name: String) -> String {
        var result = String(name.uppercased().unicodeScalars.map { scalar -> Character in
            (("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        })
        while result.hasPrefix("_") { result.removeFirst() }
        if result.first?.isNumber == true { result = "F" + result }
        if result.isEmpty { result = "FIELD" }
        return String(result.prefix(64))
    }

    public static func == (lhs: JournalEntry, rhs: JournalEntry) -> Bool {
        lhs.fields.map { "\($0.name)=\($0.value)" } == rhs.fields.map { "\($0.name)=\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields { hasher.combine(field.name); hasher.combine(field.value) }
    }
}

/// syslog priorities as journald uses them.
public enum JournalPriority: Int, Sendable {
    case emergency = 0, alert, critical, error, warning, notice, info, debug
}

/// The stable 128-bit ids of planwatch's journal events; `systemd/planwatch.catalog` explains each.
public enum MessageID: String, Sendable, CaseIterable {
    case reminder = "81aaef6bf2214afd9e62f5e0403a23b2"
    case due = "a6768c9dadda48ffb0a7f9beea67bea9"
    case overdue = "ffbb71e03baa473387a1cf613d1059d5"
    case escalated = "07c2e595c211470f865b4c70f947752a"
    case thresholdWarning = "62111e2c0fac4000987994b9e89b0397"
    case thresholdCritical = "9fa33e0e303a408f8417d00ed2a328ac"
    case thresholdResolved = "5840befd5a0c44caaa923343a356d15c"
    case missing = "d3fdc870244f48ee856604d4f0620921"
    case muted = "cc1ba4083a494d8aa2e66f084baaff39"
    case catchUp = "cf9d243bf58449749e7fda59acdb49c7"
    case alertTransition = "6ac51d8fc6394a669d34662d98df2cb8"
    case delivered = "4c5e31de95db4a8a9a47b95588661cd1"
    case deliveryDeferred = "e045085feb30481c83b422fdadc03fb3"
    case deliveryFailed = "1f0731c19c974199b0f40f63a42e6883"
    case recovered = "2b2144a0fb034526a91d3c8bc144a60e"
    case runCompleted = "b1658a21878d4ef899cd7364dcbc517f"
    case runFailed = "e2273cd5232242dfbc340cfa6749492e"
    case reloaded = "be31c20154c8414fbe65775b7ba40499"
    case reloadFailed = "5095f808594e4844a9598a7b29381a6b"
    case redelivery = "d64d828aedbf4245874515c43d0e2ea2"
    case staleStage = "e297b2f3f10f496183fc857addb83605"
    case report = "ee0bc26428ff42ae8aaa1b5d1428adb4"
    case completed = "5013dba376ce41f3b1be71ac8bc7adc1"
    case completionRecorded = "c266ac31fd444dc28bac841a2fa9efa6"
    case completionRevoked = "a5bc8c257e60432ebc79b45825e2ed10"
    case replyRefused = "d3ccac21ae9d4aac94490e129706b1e1"
    case replyFromElsewhere = "519323533b154963834083a7db201915"
    case bounce = "1f8c340d867045d68158b6e1bd7c46e1"
    case inputDisappeared = "0f18c58cab404115a6e71f92bf348a1e"
}

extension JournalEntry {
    /// The entry for a notification (or a muted one): the design's fields, priority by stage.
    public static func notification(_ finding: Finding, key: NotificationKey, language: String, muted: Bool = false,
                                    silence: Int64? = nil, mailFile: String? = nil) -> JournalEntry {
        let (priority, id) = classify(finding)
        let title = finding.title(in: language) ?? finding.rule
        let prefix = muted ? "muted (silence \(silence.map(String.init) ?? "?")): " : ""
        return JournalEntry(
            message: "\(prefix)\(finding.stage) \(finding.rule)/\(finding.subject) → \(key.recipient): \(title)",
            priority: muted ? .info : priority, messageID: muted ? .muted : id,
            fields: [
                ("PLANWATCH_RULE", finding.rule), ("PLANWATCH_SUBJECT", finding.subject), ("PLANWATCH_UNIT", finding.unit),
                ("PLANWATCH_STAGE", finding.stage.description), ("PLANWATCH_OCCURRENCE", finding.occurrence.description),
                ("PLANWATCH_DUE", finding.due?.description), ("PLANWATCH_SEVERITY", finding.severity.rawValue),
                ("PLANWATCH_VALUE", finding.value.map(formatNumber)), ("PLANWATCH_THRESHOLD", finding.threshold),
                ("PLANWATCH_RECIPIENT", key.recipient), ("PLANWATCH_MESSAGE_KEY", key.description),
                ("PLANWATCH_MAIL", mailFile), ("PLANWATCH_SILENCE", silence.map(String.init)),
            ])
    }

    /// Priority and message id of a finding's stage: reminder 6, due 5, overdue and warning 4,
    /// escalation 3, critical 2, resolved 6, missing 4.
    public static func classify(_ finding: Finding) -> (JournalPriority, MessageID) {
        switch finding.stage {
        case .reminder: (.info, .reminder)
        case .due: (.notice, .due)
        case .overdue: (.warning, .overdue)
        case .escalated: (.error, .escalated)
        case .firing(.critical, _): (.critical, .thresholdCritical)
        case .firing: (.warning, .thresholdWarning)
        case .resolved: (.info, .thresholdResolved)
        case .missing: (.warning, .missing)
        case .report: (.info, .report)
        case .completed: (.info, .completed)
        }
    }
}
