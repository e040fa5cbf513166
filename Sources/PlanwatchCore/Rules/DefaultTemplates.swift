/// The titles and texts a rule gets when it writes none, in Swedish and English.
public enum DefaultTemplates {
    public static func title(kind: RuleKind) -> LocalizedTemplates {
        kind == .deadline
            ? make(sv: "{{item.title}}: {{stage}} (senast {{due}})", en: "{{item.title}}: {{stage}} (due {{due}})")
            : make(sv: "{{unit.name}}: {{metric}} {{#is_missing}}saknas för {{period}}{{/is_missing}}{{^is_missing}}{{value}} ({{stage}}){{/is_missing}}",
                   en: "{{unit.name}}: {{metric}} {{#is_missing}}missing for {{period}}{{/is_missing}}{{^is_missing}}{{value}} ({{stage}}){{/is_missing}}")
    }

    public static func text(kind: RuleKind) -> LocalizedTemplates {
        kind == .deadline
            ? make(sv: "{{item.title}} ska vara klar senast {{due}}.", en: "{{item.title}} is due on {{due}}.")
            : make(sv: "{{#is_missing}}{{unit.name}} har inte rapporterat {{metric}} för {{period}}.{{/is_missing}}{{^is_missing}}{{metric}} för {{unit.name}} är {{value}} för perioden {{period}} (gräns {{threshold}}).{{/is_missing}}",
                   en: "{{#is_missing}}{{unit.name}} has not reported {{metric}} for {{period}}.{{/is_missing}}{{^is_missing}}{{metric}} for {{unit.name}} is {{value}} for the period {{period}} (limit {{threshold}}).{{/is_missing}}")
    }

    private static func make(sv: String, en: String) -> LocalizedTemplates {
        // These templates are fixed and valid; a failure here is a programming error.
        LocalizedTemplates(["sv": try! MessageTemplate(sv), "en": try! MessageTemplate(en)])
    }
}
