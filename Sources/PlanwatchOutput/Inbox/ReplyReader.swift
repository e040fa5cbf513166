/// Reads replies to reminders: a bounce, an automatic mail, a completion ("klar"), or neither.
///
/// Pure: it looks only at the mail. Whether the reply token is valid, and what to record or answer,
/// is the caller's business.
public struct ReplyReader: Sendable {
    /// The completion words of planwatch: `klar`, `klart`, `gjort`, `done`.
    public static let defaultCompletionWords = ["klar", "klart", "gjort", "done"]

    /// The words (lowercased) that, first in a reply, mark the follow-up done.
    public let completionWords: [String]

    /// A reader accepting `completionWords` (compared case-insensitively; a word may be several
    /// words, `är klar`).
    public init(completionWords: [String] = ReplyReader.defaultCompletionWords) {
        self.completionWords = completionWords.map { HeaderBlock.trimmed($0).lowercased() }.filter { !$0.isEmpty }
    }

    /// What `mail` is.
    ///
    /// In this order: a bounce (see ``isBounce(_:)``); automatic mail (``automaticReason(_:)``); too
    /// large; no plain-text part (an HTML-only reply is not read: its text cannot be told from the
    /// quoted reminder reliably); then the writer's first own line (``ReplyText/firstOwnLine(in:)``)
    /// decides when there is one; only when the text says nothing of its own does the subject,
    /// without reply prefixes, decide.
    ///
    /// - Parameter reminderSubject: the subject of the reminder replied to, when the caller knows it:
    ///   a subject that is just that subject again (`SV: Klar för granskning`) is not read as the
    ///   writer's words, even when the reminder's title starts with a completion word.
    public func classify(_ mail: IncomingMail, reminderSubject: String? = nil) -> ReplyClassification {
        if isBounce(mail) { return .bounce(DeliveryStatus(reading: mail)) }
        if let reason = automaticReason(mail) { return .automatic(reason) }
        if mail.isTruncated { return .unrecognised(.tooLarge(size: mail.size, limit: mail.sizeLimit)) }
        guard let text = mail.text else { return .unrecognised(.noTextPart) }
        if let line = ReplyText.firstOwnLine(in: text) {
            if let word = completionWord(startingLine: line) { return .completion(word) }
            return .unrecognised(.notACompletion(firstLine: String(line.prefix(200))))
        }
        let subject = ReplyText.subjectWithoutReplyPrefixes(mail.subject ?? "")
        let isReminderSubject = reminderSubject.map {
            ReplyText.subjectWithoutReplyPrefixes($0).lowercased() == subject.lowercased()
        } ?? false
        if !isReminderSubject, let word = completionWord(startingLine: subject) { return .completion(word) }
        return .unrecognised(.empty)
    }

    /// The completion word `line` starts with, or `nil`.
    ///
    /// Case and punctuation do not matter (`Klar!`, `KLART.`, `klar, tack`, `Done :)`, `*klar*`),
    /// but words do: the first word must be a completion word as a whole (`klarar inte` is not), a
    /// question is not a completion (`Klar?`), and neither is a negation right after the word
    /// (`Klart inte`, "certainly not"; but `Klar, inte svårt` is).
    public func completionWord(startingLine line: String) -> String? {
        let words = Self.words(line, count: 3)
        for completion in completionWords {
            let parts = completion.split(separator: " ").map(String.init)
            guard words.count >= parts.count, zip(words, parts).allSatisfy({ $0.word == $1 }) else { continue }
            let last = words[parts.count - 1]
            if last.following.hasPrefix("?") { return nil }
            if words.count > parts.count, last.following.allSatisfy(\.isWhitespace),
               Self.negations.contains(words[parts.count].word) { return nil }
            return completion
        }
        return nil
    }

    private static let negations: Set<String> = ["inte", "ej", "icke", "not", "aldrig", "never"]

    /// The first `count` words of `line` (runs of letters and digits, lowercased), each with the
    /// characters up to the next word. Leading punctuation and symbols are skipped.
    private static func words(_ line: String, count: Int) -> [(word: String, following: String)] {
        var result: [(word: String, following: String)] = []
        var current: (word: String, following: String)?
        for character in line.lowercased() {
            if character.isLetter || character.isNumber {
                if let word = current, !word.following.isEmpty {
                    result.append(word)
                    if result.count == count { return result }
                    current = nil
                }
                current = ((current?.word ?? "") + String(character), "")
            } else if current != nil {
                current!.following.append(character)
            }
        }
        if let word = current { result.append(word) }
        return Array(result.prefix(count))
    }
}
