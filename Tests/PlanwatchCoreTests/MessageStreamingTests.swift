import PlanwatchCore
import Testing

/// What a listing writes straight into its output — a finding's texts rendered piece by piece, the
/// stage names it keeps, the variables it looks up by their precomputed keys — is what the plain
/// forms give (`titles`, `title(in:)`, `Stage.description`, the table's definitions).
@Suite struct MessageStreamingTests {
    typealias F = Fixtures

    /// Collects what ``FindingMessage/write(_:to:begin:end:)`` writes, a language at a time.
    struct Collected: TextOutputStream {
        var texts: [(language: String, text: String)] = []
        var open = false

        mutating func write(_ text: String) {
            #expect(open, "text written outside begin/end")
            texts[texts.count - 1].text += text
        }
    }

    static func written(_ message: FindingMessage, _ part: FindingMessage.Part) -> [(language: String, text: String)] {
        var collected = Collected()
        message.write(part, to: &collected,
                      begin: { collected, language in
                          #expect(!collected.open)
                          collected.texts.append((language, ""))
                          collected.open = true
                      },
                      end: { collected in
                          #expect(collected.open)
                          collected.open = false
                      })
        #expect(!collected.open)
        return collected.texts
    }

    /// The messages compared: rendered from templates in two languages, in one, and written out.
    static func messages() -> [FindingMessage] {
        var rule = F.yearlyFollowUp()
        rule.title = LocalizedTemplates(["sv": try! MessageTemplate("Uppföljning: {{item.title}} {{#is_due}}i dag{{/is_due}}"),
                                         "en": try! MessageTemplate("Follow-up: {{item.title}}, {{due}}")])
        rule.text = F.template("{{item.title}} ska vara klar {{due}} ({{days_left_text}}).")
        let findings = F.evaluate([rule], items: [F.indicator()], at: "2027-01-20 09:00").findings
        return findings.map(\.message) + [
            .fixed(title: ["sv": "Rubrik \"citat\"", "en": "Title", "de": "Titel"], text: ["en": "Only English"]),
            .fixed(title: [:], text: [:]),
        ]
    }

    @Test func everyLanguageIsWrittenAsItRendersFromTheLastCodeToTheFirst() {
        let messages = Self.messages()
        #expect(messages.count == 3)
        for message in messages {
            for (part, whole) in [(FindingMessage.Part.title, message.titles), (.text, message.texts)] {
                let written = Self.written(message, part)
                #expect(written.map(\.language) == whole.keys.sorted(by: >))
                #expect(written.map(\.language) == message.languages(part))
                #expect(Dictionary(uniqueKeysWithValues: written.map { ($0.language, $0.text) }) == whole)
            }
        }
    }

    @Test(arguments: ["sv", "en", "de", "fi"])
    func theTextShownToAReaderIsWrittenWithTheSameFallback(language: String) {
        for message in Self.messages() {
            var title = "", text = ""
            message.write(.title, shownTo: language, to: &title)
            message.write(.text, shownTo: language, to: &text)
            #expect(title == message.title(in: language) ?? "")
            #expect(text == message.text(in: language) ?? "")
        }
    }

    @Test func stageNamesAreEachStagesDescriptionPastTheFewComparedToo() {
        let stages: [Stage] = [.due, .escalated, .resolved, .missing, .completed,
                               .reminder(RuleDuration(28, .days)), .reminder(RuleDuration(10, .workdays))]
            + (1...30).map { Stage.overdue($0) }
            + [.firing(.warning, notice: 1), .firing(.critical, notice: 1), .firing(.warning, notice: 2)]
        #expect(stages.count > StageNames.compared)
        var names = StageNames()
        // Twice over, backwards the second time: each is named as it was the first time.
        for stage in stages + stages.reversed() {
            #expect(names(stage) == stage.description)
        }
    }

    /// A context whose every variable answers with its own name.
    struct Named: TabulatedTemplateContext {
        static let variables = TemplateVariableTable<Named>(
            (0..<200).map { index in .value("v\(index).x\(index % 7)", "variable \(index)") { _, _ in .text("v\(index).x\(index % 7)") } }
                + [.family("family", "a family") { _, _ in ["a": "A", "b": "B"] }])
    }

    @Test func aTableFindsEachOfManyVariablesByItsKeyEvenWhereTheirSlotsCollide() {
        let context = Named()
        for index in 0..<200 {
            let name = "v\(index).x\(index % 7)"
            #expect(context.value(of: TemplateVariable(name), in: .swedish)?.shown == name)
        }
        #expect(context.value(of: TemplateVariable("v1.x2"), in: .swedish) == nil)
        #expect(context.value(of: TemplateVariable("nothing"), in: .swedish) == nil)
        #expect(context.value(of: TemplateVariable("family.b"), in: .english)?.shown == "B")
        #expect(context.value(of: TemplateVariable("family.c"), in: .english) == nil)
        // Equal names, equal keys; the key does not depend on the process (Swift's hashing is seeded).
        #expect(TemplateVariable("item.title").key == TemplateVariable("item.title").key)
        #expect(TemplateVariable.key(of: "a") == 0xAF63_DC4C_8601_EC8C)
    }
}
