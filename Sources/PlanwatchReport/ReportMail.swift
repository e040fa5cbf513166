public import PlanwatchCore

/// What a report rule's mail says, in one language: the subject, the body's text (what the report
/// covers, what is attached or why nothing is, and the text summary) and the files' names. The
/// mail itself is composed at the edge; this is its wording, pure.
public struct ReportMail: Sendable {
    /// `Årlig uppföljning 2026: Handlingsplan för en hållbar arbetssituation`.
    public var subject: String
    /// The body between greeting and signature.
    public var text: String

    /// The attachments' file names for a period: `uppfoljning-2026.html` and `.csv` (`follow-up-…` in English).
    public static func fileName(_ period: ReportPeriod, language: MessageLanguage, extension suffix: String) -> String {
        let base = language == .swedish ? "uppfoljning" : "follow-up"
        let span = period.calendarYear.map(String.init) ?? "\(period.from)--\(period.to)"
        return "\(base)-\(span).\(suffix)"
    }

    /// A size in words: `6,2 MB`, `140 kB` (decimal units, as `attachment_limit` takes them).
    static func size(_ bytes: Int, _ language: MessageLanguage) -> String {
        bytes >= 1_000_000 ? language.number(Double(bytes) / 1_000_000, maximumFractionDigits: 1) + " MB"
            : language.number(max(1, (bytes + 500) / 1000)) + " kB"
    }

    /// How the attachments turned out.
    public enum Attachments: Sendable {
        /// Attached, with their names.
        case attached([String])
        /// Left out: together they would take `size` bytes in the mail, above the rule's `limit`.
        case tooLarge(size: Int, limit: Int)
    }

    /// The wording of a report mail.
    /// - Parameters:
    ///   - report: the report mailed.
    ///   - title: the rule's `title:` in this language, if any.
    ///   - attachments: what is attached, or that it was too large.
    ///   - command: the command that makes the report on the server (shown when it was too large).
    ///   - language: the recipient's language.
    ///   - labels: the names of label values.
    public init(report: ComplianceReport, title: String?, attachments: Attachments, command: String,
                language: MessageLanguage, labels: ReportLabels) {
        let sv = language == .swedish
        let words = ReportWords(language: language)
        let period = report.period.written(in: language)
        subject = words.title + " " + period + (title.map { ": " + $0 } ?? "")
        var lines: [String] = []
        let span = report.period.calendarYear == nil ? period
            : language.dayAndMonth(report.period.from) + "–" + language.dayAndMonth(report.period.to) + " " + period
        lines.append(sv ? "Här är uppföljningen av \(span)\(title.map { " (\($0))" } ?? "")."
                        : "Here is the follow-up of \(span)\(title.map { " (\($0))" } ?? "").")
        switch attachments {
        case .attached(let names):
            let html = names.first { $0.hasSuffix(".html") }, csv = names.first { $0.hasSuffix(".csv") }
            if let html {
                lines.append(sv ? "Hela rapporten med diagram finns i \(html) (öppnas i en webbläsare och går att skriva ut på A4)."
                                : "The whole report with its charts is in \(html) (opens in a web browser; prints on A4).")
            }
            if let csv {
                lines.append(sv ? "Varje sista dag under perioden och varje värde för arbetsbelastningen finns i \(csv), för kalkylprogram."
                                : "Every due date in the period and every workload figure is in \(csv), for spreadsheets.")
            }
        case .tooLarge(let size, let limit):
            let (needed, cap) = (Self.size(size, language), Self.size(limit, language))
            lines.append(sv ? "Rapporten bifogas inte: den skulle ta \(needed) i brevet, och gränsen är \(cap). Ta fram den på servern:"
                            : "The report is not attached: it would take \(needed) in the mail, and the limit is \(cap). Make it on the server:")
            lines.append("")
            lines.append("  " + command)
        }
        lines.append("")
        lines.append(String(decoding: renderTextSummary(report, language: language, labels: labels), as: UTF8.self))
        text = lines.joined(separator: "\n")
    }
}
