@testable import PlanwatchCore
import Testing

/// A label value's display name: the language asked for, else Swedish, else English, else the
/// value itself.
@Suite struct LabelVocabularyTests {
    static let here = SourceLocation(file: "rules.yaml", line: 3, column: 3)

    static let focusAreas = LabelVocabulary(key: "focus_area", values: [
        .init(id: "god-arbetssituation", names: ["sv": "En god arbetssituation som präglas av trygghet, delaktighet och inflytande",
                                                 "en": "A good work situation marked by security, participation and influence"],
              location: here),
        .init(id: "gott-ledarskap", names: ["sv": "Ett gott ledarskap"], location: here),
        .init(id: "digital-utveckling", names: ["en": "Digital development and innovation"], location: here),
        .init(id: "namnlos", names: [:], location: here),
    ], location: here)

    static let vocabularies = Vocabularies([focusAreas])

    @Test func theNameInTheLanguageElseSwedishElseEnglishElseTheValue() {
        let v = Self.vocabularies
        #expect(v.displayName(of: "god-arbetssituation", label: "focus_area", in: "sv")
            == "En god arbetssituation som präglas av trygghet, delaktighet och inflytande")
        #expect(v.displayName(of: "god-arbetssituation", label: "focus_area", in: "en")
            == "A good work situation marked by security, participation and influence")
        #expect(v.displayName(of: "god-arbetssituation", label: "focus_area", in: "fi")
            == "En god arbetssituation som präglas av trygghet, delaktighet och inflytande")
        #expect(v.displayName(of: "gott-ledarskap", label: "focus_area", in: "en") == "Ett gott ledarskap")
        #expect(v.displayName(of: "digital-utveckling", label: "focus_area", in: "sv") == "Digital development and innovation")
        #expect(v.displayName(of: "namnlos", label: "focus_area", in: "sv") == "namnlos")
        #expect(v.displayName(of: "god-arbetssituation", label: "focus_area", in: MessageLanguage.english)
            == "A good work situation marked by security, participation and influence")
    }

    @Test func aValueOutsideTheVocabularyOrALabelWithoutOneIsShownAsWritten() {
        #expect(Self.vocabularies.displayName(of: "okänd", label: "focus_area", in: "sv") == "okänd")
        #expect(Self.vocabularies.displayName(of: "handlingsplan-2023", label: "plan", in: "sv") == "handlingsplan-2023")
        #expect(Vocabularies.none.displayName(of: "gott-ledarskap", label: "focus_area", in: "sv") == "gott-ledarskap")
        #expect(Self.focusAreas.displayName(of: "okänd", in: "sv") == nil)
    }

    @Test func valuesKeepTheirOrderAndAValueOrKeyGivenTwiceCountsOnce() {
        let twice = LabelVocabulary(key: "scope", values: [
            .init(id: "lokal", names: ["sv": "Lokal"], location: Self.here),
            .init(id: "stad", names: ["sv": "Stadsövergripande"], location: Self.here),
            .init(id: "lokal", names: ["sv": "Annan"], location: Self.here),
        ], location: Self.here)
        #expect(twice.valueIDs == ["lokal", "stad"])
        #expect(twice.displayName(of: "lokal", in: "sv") == "Lokal")
        let other = LabelVocabulary(key: "focus_area", values: [.init(id: "x", names: ["sv": "X"], location: Self.here)], location: Self.here)
        let both = Vocabularies([Self.focusAreas, twice, other])
        #expect(both.all.map(\.key) == ["focus_area", "scope"])
        #expect(both[label: "focus_area"]?.contains("gott-ledarskap") == true)
        #expect(both.keys == ["focus_area", "scope"])
    }

    @Test func theSameDeclarationInAnyOrderAndPlaceIsTheSame() {
        let elsewhere = SourceLocation(file: "plan/labels.yaml", line: 9, column: 1)
        let reordered = LabelVocabulary(key: "focus_area", values: Self.focusAreas.values.reversed().map {
            LabelVocabulary.Value(id: $0.id, names: $0.names, location: elsewhere)
        }, location: elsewhere)
        #expect(reordered.declaresTheSame(as: Self.focusAreas))
        var renamed = Self.focusAreas.values
        renamed[1].names = ["sv": "Gott ledarskap"]
        #expect(!LabelVocabulary(key: "focus_area", values: renamed, location: elsewhere).declaresTheSame(as: Self.focusAreas))
        #expect(!LabelVocabulary(key: "focus_area", values: Array(renamed.prefix(2)), location: elsewhere).declaresTheSame(as: Self.focusAreas))
    }

    @Test func labelsWithoutAVocabularyAreTheSameDictionary() {
        let labels = ["plan": "handlingsplan-2023", "scope": "lokal"]
        #expect(Self.vocabularies.displayNames(of: labels, in: .swedish) == labels)
        #expect(Self.vocabularies.displayNames(of: ["plan": "p", "focus_area": "gott-ledarskap"], in: .english)
            == ["plan": "p", "focus_area": "Ett gott ledarskap"])
    }
}

/// `{{item.labels.KEY}}` shows the display name in the message's language where the label has a
/// vocabulary; `{{item.label_ids.KEY}}` shows the value as written. The compiled path and Mustache
/// (a trailing comment sends a template through Mustache) agree.
@Suite struct LabelTemplateTests {
    static let item = PlanItem(id: "ind-1", kind: "indicator", title: "Personalomsättning",
                               labels: ["plan": "p23", "focus_area": "god-arbetssituation"], unit: "farsta",
                               location: LabelVocabularyTests.here)

    func context(_ vocabularies: Vocabularies) -> DeadlineTemplateContext {
        let due = LocalDate(iso: "2027-02-01")!
        return DeadlineTemplateContext(ruleID: "yearly", ruleGroup: "g", item: Self.item,
                                       party: FindingParty(unit: nil, employer: nil, owner: nil, people: []), due: due,
                                       nominal: due, today: due, stage: .due, severity: .warning, vocabularies: vocabularies)
    }

    func render(_ source: String, _ context: DeadlineTemplateContext, _ language: MessageLanguage) throws -> (String, String) {
        (try MessageTemplate(source).render(context, in: language),
         try MessageTemplate(source + "{{! through Mustache }}").render(context, in: language))
    }

    @Test(arguments: [(MessageLanguage.swedish, "En god arbetssituation som präglas av trygghet, delaktighet och inflytande"),
                      (MessageLanguage.english, "A good work situation marked by security, participation and influence")])
    func theLabelShowsItsDisplayNameAndTheIDStaysReachable(language: MessageLanguage, name: String) throws {
        let context = context(LabelVocabularyTests.vocabularies)
        let source = "{{item.labels.focus_area}} [{{item.label_ids.focus_area}}] {{item.labels.plan}}/{{item.label_ids.plan}}"
        let (compiled, mustache) = try render(source, context, language)
        #expect(compiled == "\(name) [god-arbetssituation] p23/p23")
        #expect(mustache == compiled)
        let (section, sectionMustache) = try render("{{#item}}{{labels.focus_area}}|{{label_ids.focus_area}}{{/item}}", context, language)
        #expect(section == "\(name)|god-arbetssituation")
        #expect(sectionMustache == section)
    }

    @Test func withoutVocabulariesLabelsShowAsWritten() throws {
        let (compiled, mustache) = try render("{{item.labels.focus_area}} {{item.label_ids.focus_area}}", context(.none), .english)
        #expect(compiled == "god-arbetssituation god-arbetssituation")
        #expect(mustache == compiled)
    }

    @Test func everyContextSharesThePlansVocabularies() {
        let vocabularies = LabelVocabularyTests.vocabularies
        #expect(context(vocabularies).vocabularies === context(vocabularies).vocabularies)
    }

    @Test
    func aFindingOfAPlanWithVocabulariesShowsTheDisplayName() {
        var rule = Fixtures.yearlyFollowUp()
        rule.title = LocalizedTemplates(["sv": try! MessageTemplate("{{item.labels.focus_area}}"),
                                         "en": try! MessageTemplate("{{item.labels.focus_area}} ({{item.label_ids.focus_area}})")])
        var item = Fixtures.indicator()
        item.labels["focus_area"] = "gott-ledarskap"
        let plan = PlanSnapshot(units: Fixtures.units, people: Fixtures.people, items: [item],
                                vocabularies: LabelVocabularyTests.vocabularies)
        let rules = RuleSet(groups: [RuleGroup(name: "g", rules: [rule], location: Fixtures.here)])
        let finding = Evaluator(rules: rules, plan: plan, settings: Fixtures.settings).evaluate(at: Fixtures.at("2027-01-20 09:00")).findings.first
        #expect(finding?.title(in: "sv") == "Ett gott ledarskap")
        #expect(finding?.title(in: "en") == "Ett gott ledarskap (gott-ledarskap)")
    }

    /// A cycle adds the recorded completions to the plan: the plan it evaluates keeps its
    /// vocabularies (it once lost them, and every mail of a cycle with a recorded completion showed slugs).
    @Test func aPlanWithRecordedCompletionsKeepsItsVocabularies() {
        var item = Fixtures.indicator()
        item.labels["focus_area"] = "gott-ledarskap"
        let plan = PlanSnapshot(units: Fixtures.units, people: Fixtures.people, items: [item], vocabularies: LabelVocabularyTests.vocabularies)
        let done = RecordedCompletion(item: item.id, rule: nil, occurrence: LocalDate(iso: "2027-02-01"), on: LocalDate(iso: "2027-01-20")!,
                                      recordedAt: Fixtures.at("2027-01-20 10:00"), by: .operator("test"), how: .command)
        let added = plan.adding([done])
        #expect(added.items[0].completed.count == item.completed.count + 1)
        #expect(added.vocabularies === plan.vocabularies)
    }

    @Test func theCheckKnowsTheLabelIDFamily() {
        let catalog = TemplateVariables.catalog(for: .deadline)
        #expect(catalog.families.contains("item.label_ids"))
        #expect(catalog.isKnown("item.label_ids.focus_area", familyKeys: ["focus_area"]))
        #expect(!catalog.isKnown("item.label_ids.fokus", familyKeys: ["focus_area"]))
    }
}
