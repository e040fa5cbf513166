import PlanwatchCore

/// The recorded completions written out: as a plan file (`completions:`, which the loader reads,
/// to drop into the plan folder and keep them in the plan data) or as CSV for a follow-up system.
struct CompletionExport {
    var completions: [RecordedCompletion]
    var zone: Zone

    /// A standalone plan file. Revoked completions are left out: the plan holds what was done.
    func yaml(header: [String]) -> String {
        var text = header.map { "# \($0)\n" }.joined()
        let active = completions.filter { $0.revoked == nil }
        guard !active.isEmpty else { return text + "completions: []\n" }
        text += "completions:\n"
        for completion in active {
            text += "  - item: \(Self.quoted(completion.item))\n"
            if let rule = completion.rule { text += "    rule: \(Self.quoted(rule))\n" }
            if let occurrence = completion.occurrence { text += "    occurrence: \(occurrence)\n" }
            text += "    on: \(completion.on)\n"
            text += "    by: \(Self.quoted(completion.by.description))\n"
            text += "    note: \(Self.quoted(noteLine(completion)))\n"
        }
        return text
    }

    /// The note as the plan keeps it: the recorded note, and how and when it was recorded.
    private func noteLine(_ completion: RecordedCompletion) -> String {
        let recorded = "recorded #\(completion.id) by \(completion.how.rawValue) at \(time(completion.recordedAt))"
        return completion.note.map { "\($0) (\(recorded))" } ?? recorded
    }

    /// The CSV columns.
    static let columns = ["id", "item", "rule", "occurrence", "on", "by", "how", "recorded_at", "note", "message_id", "revoked_at", "revoked_by"]

    /// One row per completion (revoked ones too when `includeRevoked`), CRLF line ends (RFC 4180).
    func csv(includeRevoked: Bool) -> [UInt8] {
        var output: [UInt8] = []
        CSVField.appendRow(Self.columns, to: &output)
        for completion in completions where includeRevoked || completion.revoked == nil {
            CSVField.appendRow([String(completion.id), completion.item, completion.rule ?? "", completion.occurrence?.description ?? "",
                                completion.on.description, completion.by.description, completion.how.rawValue, time(completion.recordedAt),
                                completion.note ?? "", completion.messageID ?? "", completion.revoked.map { time($0.at) } ?? "",
                                completion.revoked?.by.description ?? ""], to: &output)
        }
        return output
    }

    /// A moment as local `YYYY-MM-DD HH:MM`.
    func time(_ instant: Instant) -> String {
        let local = zone.localDateTime(at: instant)
        return "\(local.date) \(LocalDate.pad(local.hour, 2)):\(LocalDate.pad(local.minute, 2))"
    }

    /// A YAML double-quoted scalar: any text reads back as itself.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
