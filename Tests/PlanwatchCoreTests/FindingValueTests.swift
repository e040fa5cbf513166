import PlanwatchCore
import Testing

/// A finding is a value, though its fields live in a shared box: a change to one copy is never
/// seen by another.
@Suite struct FindingValueTests {
    @Test func changingACopyLeavesTheOriginalAsItWas() {
        let original = Finding(rule: "r", kind: .deadline, subject: "s", subjectTitle: "S", unit: "farsta", occurrence: "2027-01-31",
                               stage: "due", severity: .warning, since: LocalDate(iso: "2027-01-31")!, due: nil, value: nil, limit: nil,
                               recipients: [NotifiedPerson(id: "p", name: "P", email: "p@x", language: "sv", via: "owner")],
                               message: .fixed(title: ["sv": "T"], text: ["sv": "T"]))
        var copy = original
        copy.obligation = "r/s"
        copy.recipients = []
        copy.severity = .critical
        copy.guidance["sv"] = "Gör så här"
        #expect(original.obligation == nil)
        #expect(original.recipients.map(\.id) == ["p"])
        #expect(original.severity == .warning)
        #expect(original.guidance.isEmpty)
        #expect(copy.obligation == "r/s" && copy.recipients.isEmpty && copy.severity == .critical && copy.guidance == ["sv": "Gör så här"])
        // A copy changed again keeps its own box; the original still reads the same.
        var second = copy
        second.unit = nil
        #expect(copy.unit == "farsta" && second.unit == nil && original.unit == "farsta")
    }
}
