/// Where an occurrence is in its life when planwatch tells someone about it: a reminder before the
/// due date, the due day, an overdue notice, an escalation; a threshold alert firing, resolved or a
/// missing value; a scheduled report; the cancellation of a calendar entry once the occurrence is done.
///
/// One textual form (``description``) and one parser (``init(_:)``): the form is what the ledger, the
/// journal (`PLANWATCH_STAGE`) and mail headers hold, so it never changes for a stage that exists.
public enum Stage: Hashable, Sendable, CustomStringConvertible {
    /// A reminder this long before the due date: `remind-28d`, `remind-10-workdays`.
    case reminder(RuleDuration)
    /// The due day itself: `due`.
    case due
    /// The n-th overdue notice, from 1: `overdue-1`, `overdue-2`, …
    case overdue(Int)
    /// The occurrence went to more people: `escalated`.
    case escalated
    /// A threshold alert firing at `level` (warning or critical); `notice` counts the mails sent while
    /// it keeps firing (`repeat:`), from 1: `warning`, `critical`, `warning-2`, …
    case firing(Severity, notice: Int)
    /// A firing alert resolved: `resolved`.
    case resolved
    /// A period's value was not reported in time: `missing`.
    case missing
    /// A scheduled report was mailed: `report`.
    case report
    /// The occurrence was completed; its calendar entry is cancelled: `completed`.
    case completed

    /// The first notice of a warning alert.
    public static let warning = Stage.firing(.warning, notice: 1)
    /// The first notice of a critical alert.
    public static let critical = Stage.firing(.critical, notice: 1)

    /// Parses the textual form; `nil` for anything that is not a stage.
    public init?(_ text: some StringProtocol) {
        switch text {
        case "due": self = .due
        case "escalated": self = .escalated
        case "warning": self = .warning
        case "critical": self = .critical
        case "resolved": self = .resolved
        case "missing": self = .missing
        case "report": self = .report
        case "completed": self = .completed
        default:
            if text.hasPrefix("remind-") {
                let lead = text.dropFirst("remind-".count).map { $0 == "-" ? " " : $0 }
                guard let duration = try? RuleDuration(parsing: String(lead)),
                      Stage.reminder(duration).description == String(text) else { return nil }
                self = .reminder(duration)
            } else if let (name, number) = Self.numbered(text), number >= 1 {
                switch name {
                case "overdue": self = .overdue(number)
                case "warning" where number >= 2: self = .firing(.warning, notice: number)
                case "critical" where number >= 2: self = .firing(.critical, notice: number)
                default: return nil
                }
            } else {
                return nil
            }
        }
    }

    /// `name-N` with N a plain decimal number (no sign, no leading zero).
    private static func numbered(_ text: some StringProtocol) -> (String, Int)? {
        guard let dash = text.lastIndex(of: "-") else { return nil }
        let digits = text[text.index(after: dash)...]
        guard !digits.isEmpty, digits.count <= 6, digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits) else { return nil }
        return (String(text[..<dash]), number)
    }

    public var description: String {
        switch self {
        case .reminder(let lead): "remind-" + String(lead.description.map { $0 == " " ? "-" : $0 })
        case .due: "due"
        case .overdue(let number): "overdue-\(number)"
        case .escalated: "escalated"
        case .firing(let level, let notice): notice <= 1 ? level.rawValue : "\(level.rawValue)-\(notice)"
        case .resolved: "resolved"
        case .missing: "missing"
        case .report: "report"
        case .completed: "completed"
        }
    }

    /// The lead of a reminder; `nil` for other stages.
    public var reminderLead: RuleDuration? {
        if case .reminder(let lead) = self { return lead }
        return nil
    }

    public var isReminder: Bool { reminderLead != nil }

    public var isOverdue: Bool {
        if case .overdue = self { return true }
        return false
    }

    /// The level of a firing alert; `nil` for other stages.
    public var firingLevel: Severity? {
        if case .firing(let level, _) = self { return level }
        return nil
    }

    /// Whether a stage on a non-working day is sent the working day before (reminders and the due
    /// day: before it is too late), rather than the working day after.
    public var isSentEarly: Bool { isReminder || self == .due }
}
