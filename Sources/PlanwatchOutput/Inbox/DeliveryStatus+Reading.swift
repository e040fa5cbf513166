extension DeliveryStatus {
    /// What a bounce says, read from its `message/delivery-status` part and its returned
    /// `message/rfc822` or `text/rfc822-headers` part; failing those, from `X-Failed-Recipients`
    /// and from original header lines quoted in its text (as some MTAs send them).
    init(reading mail: IncomingMail) {
        let parts = [mail.root] + mail.root.allParts
        let report = mail.report
        let isStandard = report?.reportType == "delivery-status"
        var reportingMTA: String?
        var recipients: [Recipient] = []
        for part in parts where ["message/delivery-status", "message/global-delivery-status"].contains(part.contentType.mediaType) {
            let (perMessage, perRecipient) = Self.fieldBlocks(part.body)
            reportingMTA = reportingMTA ?? perMessage.first(named: "Reporting-MTA").map(Self.withoutType)
            for block in perRecipient {
                guard let final = block.first(named: "Final-Recipient") ?? block.first(named: "Original-Recipient") else { continue }
                recipients.append(Recipient(
                    finalRecipient: Self.withoutType(final),
                    originalRecipient: block.first(named: "Original-Recipient").map(Self.withoutType),
                    action: block.first(named: "Action").map { HeaderBlock.trimmed($0).lowercased() },
                    status: block.first(named: "Status").map { String(HeaderBlock.trimmed($0).prefix { !$0.isWhitespace }) },
                    diagnosticCode: block.first(named: "Diagnostic-Code").map(Self.withoutType)))
            }
        }
        if recipients.isEmpty {
            let failed = mail.root.headers.filter { $0.hasName("X-Failed-Recipients") }.flatMap { MailAddress.list(parsing: $0.rawValue) }
            recipients = failed.map { Recipient(finalRecipient: $0.address, action: "failed") }
        }

        let returned = parts.first { ["message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers"].contains($0.contentType.mediaType) }
        var keys: [String] = []
        var messageID: String?
        var originals: [String] = []
        if let original = returned?.parts.first {
            keys = original.headers("X-Planwatch-Key").map(HeaderBlock.trimmed)
            messageID = original.headers.first(named: "Message-ID").flatMap(IncomingMail.messageIdentifier)
            originals = original.headers.filter { $0.hasName("X-Planwatch-Rcpt") }.flatMap { MailAddress.list(parsing: $0.rawValue) }.map(\.address)
        } else {
            // Some bounces quote the original headers in their text.
            for part in parts where part.contentType.type == "text" && part.contentType.subtype == "plain" {
                let body = part.body
                let fields = MessageLines.of(body).flatMap { line -> [HeaderField] in
                    let text = body[line]
                    guard text.first != 0x20, text.first != 0x09 else { return [] }
                    return HeaderBlock.parse(Array(text), [0..<text.count][...], skippingMboxLine: false).fields
                }
                keys += fields.filter { $0.hasName("X-Planwatch-Key") }.map { HeaderBlock.trimmed($0.value) }
                messageID = messageID ?? fields.first(named: "Message-ID").flatMap(IncomingMail.messageIdentifier)
                originals += fields.filter { $0.hasName("X-Planwatch-Rcpt") }.flatMap { MailAddress.list(parsing: $0.rawValue) }.map(\.address)
            }
        }
        self.init(isStandard: isStandard, reportingMTA: reportingMTA, recipients: recipients, planwatchKeys: keys.filter { !$0.isEmpty },
                  originalMessageID: messageID, originalRecipients: originals)
    }

    /// The per-message fields and the per-recipient field blocks of a delivery-status body
    /// (header-like blocks separated by blank lines).
    private static func fieldBlocks(_ body: [UInt8]) -> (perMessage: [HeaderField], perRecipient: [[HeaderField]]) {
        let lines = MessageLines.of(body)
        var blocks: [[HeaderField]] = []
        var index = 0
        while index < lines.count {
            if MessageLines.isBlank(body, lines[index]) {
                index += 1
                continue
            }
            let (fields, next) = HeaderBlock.parse(body, lines[index...], skippingMboxLine: false)
            if !fields.isEmpty { blocks.append(fields) }
            index = max(next, index + 1)
        }
        guard let first = blocks.first else { return ([], []) }
        // A report without per-message fields starts with a recipient block.
        if first.first(named: "Final-Recipient") != nil { return ([], blocks) }
        return (first, Array(blocks.dropFirst()))
    }

    /// `rfc822; a@example.se` → `a@example.se`; `smtp; 550 …` → `550 …`; values without a type as they are.
    /// Runs of spaces (from unfolding) become one space.
    private static func withoutType(_ value: String) -> String {
        let value = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard let semicolon = value.firstIndex(of: ";") else { return value }
        let type = value[..<semicolon]
        guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return value }
        var rest = HeaderBlock.trimmed(String(value[value.index(after: semicolon)...]))
        if rest.hasPrefix("<"), rest.hasSuffix(">") { rest = String(rest.dropFirst().dropLast()) }
        return rest
    }
}
