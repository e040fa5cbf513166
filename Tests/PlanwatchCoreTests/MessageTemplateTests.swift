import PlanwatchCore
import Testing

/// Templates without lists or partials are rendered by a compiled path, not by Mustache: both must
/// give the same text. A trailing comment tag (`{{!…}}`, which renders as nothing) sends the same
/// template through Mustache for comparison.
@Suite struct MessageTemplateTests {
    func both(_ source: String, _ context: [String: Any]) throws -> (compiled: String, mustache: String) {
        (try MessageTemplate(source).render(context), try MessageTemplate(source + "{{! through Mustache }}").render(context))
    }

    static var contexts: [[String: Any]] {
        [true, false].map { flag in
        ["unit": ["name": "Farsta & Co", "employees": "12"], "metric": "ärenden", "value": "17,5", "period": "2026-10",
         "is_missing": flag, "is_due": !flag, "days_left": 3, "item": ["labels": ["plan": "p23"]]]
        }
    }

    @Test(arguments: [
        "{{unit.name}}: {{metric}} {{#is_missing}}saknas för {{period}}{{/is_missing}}{{^is_missing}}{{value}}{{/is_missing}}",
        "{{#is_missing}}A{{#is_due}}B{{/is_due}}{{^is_due}}C {{unit.name}}{{/is_due}}{{/is_missing}}D",
        "{{^is_missing}}{{{unit.name}}} {{& metric}} {{ days_left }} dagar{{/is_missing}}",
        "{{item.labels.plan}}/{{item.labels.none}}/{{nothing}}/{{is_due}}/{{#is_unknown}}x{{/is_unknown}}{{^is_unknown}}y{{/is_unknown}}",
    ])
    func compiledRenderingMatchesMustache(source: String) throws {
        for context in Self.contexts {
            let (compiled, mustache) = try both(source, context)
            #expect(compiled == mustache, "\(source)")
        }
    }

    @Test func sectionsOnOtherValuesAndLineBreaksGoThroughMustache() throws {
        // A section on a list repeats; around a standalone section line Mustache drops the line breaks.
        let context: [String: Any] = ["names": ["a", "b"], "is_due": true, "x": "X"]
        #expect(try MessageTemplate("{{#names}}[{{.}}]{{/names}}").render(context) == "[a][b]")
        #expect(try MessageTemplate("Start\n{{#is_due}}\n{{x}}\n{{/is_due}}\nSlut").render(context) == "Start\nX\nSlut")
    }
}

/// A deadline finding answers each variable directly, without building the nested dictionaries
/// Mustache needs; the answers must be the dictionaries' values.
@Suite struct DeadlineTemplateVariableTests {
    typealias F = Fixtures

    // Whole objects (`{{item}}`) are left out: Swift prints a dictionary in no fixed order.
    static let names = TemplateVariables.catalog(for: .deadline).names.sorted()
        + ["item.labels.plan", "item.labels.none", "item.label_ids.plan", "item.label_ids.none", "nothing"]

    @Test(arguments: ["2027-01-20 09:00", "2027-02-01 09:00", "2027-02-03 09:00"])
    func everyVariableIsWhatMustacheFindsInTheDictionaries(at time: String) {
        var rule = F.yearlyFollowUp(overdue: OverduePolicy(repeat: RuleDuration(1, .workdays), escalateAfter: nil, escalateTo: [],
                                                           maxOverdue: RuleDuration(30, .days)))
        let compiled = Self.names.map { "\($0)=[{{\($0)}}]" }.joined(separator: " ")
        rule.title = F.template(compiled)
        rule.text = F.template(compiled + "{{! through Mustache }}")
        let findings = F.evaluate([rule], items: [F.indicator()], at: time).findings
        #expect(findings.count == 1)
        for finding in findings {
            #expect(finding.title(in: "sv") == finding.text(in: "sv"))
            #expect(finding.title(in: "sv")?.contains("item.title=[Personalomsättning]") == true)
        }
    }

    @Test func objectsAreSectionsOverTheirFields() {
        var rule = F.yearlyFollowUp()
        rule.title = F.template("{{#item}}{{title}} ({{labels.plan}}){{/item}} {{#unit}}{{name}}{{/unit}}")
        let finding = F.evaluate([rule], items: [F.indicator()], at: "2027-01-20 09:00").findings.first
        #expect(finding?.title(in: "sv") == "Personalomsättning (p23) Farsta")
    }
}

/// The same for threshold findings: firing, resolved and missing.
@Suite struct ThresholdTemplateVariableTests {
    typealias F = Fixtures

    static let names = TemplateVariables.catalog(for: .threshold).names.sorted() + ["nothing"]

    @Test(arguments: [
        ([("2026-09", 21.0), ("2026-10", 22.5)], "2026-11-05 09:00", "critical"),
        ([("2026-09", 21.0), ("2026-10", 22.0), ("2026-11", 12.0)], "2026-12-05 09:00", "resolved"),
        ([("2026-09", 10.0)], "2026-12-05 09:00", "missing"),
    ])
    func everyVariableIsWhatMustacheFindsInTheDictionaries(values: [(String, Double)], at time: String, stage: Stage) {
        var rule = F.caseload()
        let compiled = Self.names.map { "\($0)=[{{\($0)}}]" }.joined(separator: " ")
        rule.title = F.template(compiled)
        rule.text = F.template(compiled + "{{! through Mustache }}")
        let findings = F.evaluate([rule], measurements: F.measurements(values), at: time).findings
        #expect(findings.contains { $0.stage == stage })
        for finding in findings {
            #expect(finding.title(in: "sv") == finding.text(in: "sv"))
            #expect(finding.title(in: "sv")?.contains("unit.name=[Farsta]") == true)
        }
    }
}

@Suite struct FindingLanguageTests {
    func finding(title: [String: String]) -> Finding {
        Finding(rule: "r", kind: .deadline, subject: "s", subjectTitle: "S", unit: nil, occurrence: "2027-01-31", stage: "due",
                severity: .warning, since: LocalDate(iso: "2027-01-31")!, due: nil, value: nil, limit: nil, recipients: [],
                message: .fixed(title: title, text: title))
    }

    @Test func theLanguageElseSwedishElseEnglishElseTheFirstByName() {
        #expect(finding(title: ["sv": "Hej", "en": "Hi", "de": "Hallo"]).title(in: "de") == "Hallo")
        #expect(finding(title: ["sv": "Hej", "en": "Hi", "de": "Hallo"]).title(in: "fi") == "Hej")
        #expect(finding(title: ["en": "Hi", "de": "Hallo"]).title(in: "fi") == "Hi")
        #expect(finding(title: ["fr": "Salut", "de": "Hallo"]).text(in: "fi") == "Hallo")
        #expect(finding(title: [:]).title(in: "sv") == nil)
    }
}

/// Findings carry their templates and variables; the texts are rendered when they are shown, in
/// the reader's language — the same texts whenever and however often they are asked for.
@Suite struct FindingMessagesTests {
    typealias F = Fixtures

    @Test(arguments: ["sv", "en", "fi"])
    func theTitleShownIsRenderedWhenAskedFor(language: String) {
        var rule = F.yearlyFollowUp()
        rule.title = LocalizedTemplates(["sv": try! MessageTemplate("Uppföljning: {{item.title}}"),
                                         "en": try! MessageTemplate("Follow-up: {{item.title}}")])
        let findings = F.evaluate([rule], items: [F.indicator()], at: "2027-01-20 09:00").findings
        #expect(findings.count == 1)
        let expected = language == "en" ? "Follow-up: Personalomsättning" : "Uppföljning: Personalomsättning"
        #expect(findings.first?.title(in: language) == expected)
        #expect(findings.first?.title(in: language) == findings.first?.title(in: language))
        #expect(findings.first?.message.titles == ["sv": "Uppföljning: Personalomsättning", "en": "Follow-up: Personalomsättning"])
    }
}
