/// Where, in the text of a reply, the writer's own words are: not the quoted reminder, the
/// attribution line, the Outlook header block, the signature or "Sent from my iPhone".
public enum ReplyText {
    /// The first line the writer wrote, trimmed; `nil` when the text has none (empty, or only
    /// quoted material and signatures).
    ///
    /// Blank lines, `>`-quoted lines and attribution lines (`Den tis 1 dec. 2026 kl 08:00 skrev
    /// Planwatch <…>:`, `On Tue, 1 Dec 2026 at 08:00, Planwatch <…> wrote:`, Apple Mail's `1 dec.
    /// 2026 kl. 08:00 skrev …:`, also when wrapped over two lines) are skipped, so a reply written
    /// below the quote (bottom-posting) is found. Reading stops at what starts the rest of the
    /// mail: an Outlook header block (`Från:` followed by `Skickat:`/`Datum:`/`Till:`/`Ämne:`, or
    /// `From:` by `Sent:`/`Date:`/`To:`/`Subject:`), `-----Original Message-----`,
    /// `-----Ursprungligt meddelande-----`, a forwarded-message line, a line of underscores, the
    /// signature separator `-- `, and mobile signatures (`Skickat från min iPhone`, `Sent from my …`).
    public static func firstOwnLine(in text: String) -> String? {
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.map { cleaned(String($0)) }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            defer { index += 1 }
            if line.isEmpty || line.hasPrefix(">") { continue }
            if endsReply(lines, at: index) { return nil }
            if isAttribution(line) { continue }
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            if !next.isEmpty, !next.hasPrefix(">"), !isAttribution(next), isAttribution(line + " " + next) {
                index += 1  // an attribution wrapped over two lines
                continue
            }
            return line
        }
        return nil
    }

    /// `subject` without reply and forward prefixes (`Re:`, `RE:`, `SV:`, `Sv:`, `VS:`, `VB:`,
    /// `AW:`, `WG:`, `Fw:`, `Fwd:`, `TR:`, `Antw:`, also `Re[2]:`), however many, and trimmed.
    public static func subjectWithoutReplyPrefixes(_ subject: String) -> String {
        var rest = Substring(cleaned(subject))
        while true {
            let word = rest.prefix { $0.isLetter }
            guard replyPrefixes.contains(word.lowercased()) else { break }
            var after = rest.dropFirst(word.count)
            if after.first == "[" || after.first == "(" {
                let close: Character = after.first == "[" ? "]" : ")"
                let counter = after.dropFirst().prefix { $0.isNumber }
                guard !counter.isEmpty, after.dropFirst(counter.count + 1).first == close else { break }
                after = after.dropFirst(counter.count + 2)
            }
            after = after.drop { $0 == " " }
            guard after.first == ":" || after.first == "：" else { break }
            rest = after.dropFirst().drop { $0.isWhitespace }
        }
        return String(rest)
    }

    private static let replyPrefixes: Set<String> = ["re", "sv", "vs", "vb", "aw", "wg", "fw", "fwd", "tr", "antw", "ref"]

    /// A line without zero-width characters and byte-order marks, no-break spaces as spaces, trimmed.
    static func cleaned(_ line: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: continue
            case 0x00A0, 0x202F, 0x2007, 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return HeaderBlock.trimmed(String(scalars))
    }

    /// `Den … skrev … <…>:`, `On … wrote:`, `1 dec. 2026 kl. 08:00 skrev …:`: a line ending in a colon
    /// that says someone wrote, with an address in it or starting with a date (`Den`, `On`, `1 dec.`),
    /// or ending in `wrote:`/`skrev:`.
    static func isAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.hasSuffix(":") else { return false }
        for verb in ["wrote", "skrev", "schrieb", "a écrit", "kirjoitti", "skrev følgende"]
        where lower.hasSuffix(" " + verb + ":") && lower.count > verb.count + 2 {
            return true  // `Planwatch wrote:`, but not `wrote:` alone (the end of a wrapped attribution)
        }
        guard [" skrev ", " wrote ", " schrieb ", " a écrit "].contains(where: { lower.contains($0) }) else { return false }
        if lower.contains("@") { return true }
        let startsLikeADate = ["den ", "on ", "am ", "le "].contains(where: { lower.hasPrefix($0) }) || lower.first?.isASCIIDigit == true
        return startsLikeADate && lower.contains { $0.isASCIIDigit }
    }

    /// Whether the line at `index` starts the quoted or appended rest of the mail.
    private static func endsReply(_ lines: [String], at index: Int) -> Bool {
        let line = lines[index]
        let lower = line.lowercased()
        if lower == "--" { return true }
        if line.count >= 10, line.allSatisfy({ $0 == "_" }) { return true }
        if lower.hasPrefix("---"),
           ["original", "ursprungligt", "originalmeddelande", "forwarded", "vidarebefordrat"].contains(where: { lower.contains($0) }) { return true }
        if lower.hasPrefix("begin forwarded message") || lower.hasPrefix("början på vidarebefordrat meddelande") { return true }
        if ["skickat från min ", "sent from my ", "skickat från outlook", "sent from outlook", "hämta outlook för", "get outlook for",
            "skickat från e-post för windows", "sent from mail for windows", "skickat från min mobil"].contains(where: { lower.hasPrefix($0) }) { return true }
        // An Outlook header block: `Från:` (perhaps `*Från:*`) with `Skickat:`/`Datum:`/… within the next lines.
        let bare = lower.drop { $0 == "*" }
        guard bare.hasPrefix("från:") || bare.hasPrefix("from:") || bare.hasPrefix("von:") else { return false }
        let fields = ["skickat:", "sent:", "datum:", "date:", "till:", "to:", "ämne:", "subject:", "kopia:", "cc:", "gesendet:"]
        if fields.contains(where: { lower.contains(" " + $0) || lower.contains("*" + $0) }) { return true }  // all on one line
        var checked = 0
        for next in lines[(index + 1)...] where !next.isEmpty {
            let field = next.lowercased().drop { $0 == "*" }
            if fields.contains(where: { field.hasPrefix($0) }) { return true }
            checked += 1
            if checked == 2 { break }
        }
        return false
    }
}
