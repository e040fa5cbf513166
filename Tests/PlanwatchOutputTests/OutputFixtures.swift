import Foundation
import PlanwatchCore

enum OutputFixtures {
    static let zone = Zone(identifier: "Europe/Stockholm")!
    static let here = SourceLocation(file: "t")

    static func finding(title: String = "Årlig uppföljning: Personalomsättning", subjectTitle: String = "Personalomsättning",
                        stage: Stage = .reminder(RuleDuration(28, .days)), kind: RuleKind = .deadline) -> Finding {
        Finding(rule: "yearly", kind: kind, subject: "ind-1", subjectTitle: subjectTitle, unit: "farsta",
                occurrence: kind == .deadline ? .date(LocalDate(iso: "2027-02-01")!) : .period(Period("2027-01")!),
                stage: stage, severity: .warning, since: LocalDate(iso: "2027-01-04")!, due: kind == .deadline ? LocalDate(iso: "2027-02-01")! : nil,
                value: kind == .deadline ? nil : 22, limit: kind == .deadline ? nil : .above(20),
                recipients: [person()],
                message: .fixed(title: ["sv": title, "en": "Yearly follow-up"],
                                text: ["sv": "Indikatorn ska följas upp senast 2027-02-01.", "en": "Due 2027-02-01."]))
    }

    static func person(name: String = "Åsa Öberg", email: String = "asa@example.se") -> NotifiedPerson {
        NotifiedPerson(id: "p-asa", name: name, email: email, language: "sv", via: "owner")
    }

    static func batch(_ finding: Finding, person: NotifiedPerson = person()) -> MailBatch {
        let key = NotificationKey(finding, recipient: person.id)
        let slot = try! Timestamp.parse("2027-01-04 08:00", in: zone)
        return MailBatch(recipient: person, slot: slot, notifications: [PlannedNotification(key: key, finding: finding, recipient: person, slot: slot)],
                         isDigest: false)
    }

    /// The header block, unfolded, as (name, value) pairs.
    static func headers(_ data: [UInt8]) -> [(String, String)] {
        let text = String(decoding: data, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        var result: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !result.isEmpty {
                result[result.count - 1].1 += line
            } else if let colon = line.firstIndex(of: ":") {
                result.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }

    /// RFC 2047 B words decoded.
    static func decode(_ value: String) -> String {
        value.split(separator: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="), let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else {
                return " " + word
            }
            return String(decoding: data, as: UTF8.self)
        }.joined().trimmingCharacters(in: .whitespaces)
    }
}
