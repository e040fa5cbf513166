/// The titles and texts a rule gets when it writes none, in Swedish and English. The mail adds
/// what kind of message it is ("Påminnelse:", "Larm:", …) before the title.
public enum DefaultTemplates {
    public static func title(kind: RuleKind) -> LocalizedTemplates {
        switch kind {
        case .deadline, .report:
            make(sv: "{{item.title}}", en: "{{item.title}}")
        case .threshold:
            make(sv: "{{unit.name}}: {{metric}} {{#is_missing}}saknas för {{period}}{{/is_missing}}{{^is_missing}}{{value}}{{/is_missing}}",
                 en: "{{unit.name}}: {{metric}} {{#is_missing}}missing for {{period}}{{/is_missing}}{{^is_missing}}{{value}}{{/is_missing}}")
        }
    }

    public static func text(kind: RuleKind) -> LocalizedTemplates {
        switch kind {
        case .deadline, .report:
            make(sv: "{{#is_reminder}}{{item.title}} ska vara klar senast {{due}}, {{days_left_text}}.{{/is_reminder}}"
                    + "{{#is_due}}I dag, {{due}}, är sista dagen för {{item.title}}.{{/is_due}}"
                    + "{{#is_overdue}}{{item.title}} skulle ha varit klar senast {{due}} och är {{days_overdue_text}} försenad.{{/is_overdue}}"
                    + "{{#is_escalated}}{{item.title}} skulle ha varit klar senast {{due}} och är {{days_overdue_text}} försenad; "
                    + "därför får fler det här beskedet.{{/is_escalated}}"
                    + "{{#is_completed}}{{item.title}} är klar. Kalenderposten tas bort.{{/is_completed}}",
                 en: "{{#is_reminder}}{{item.title}} is due on {{due}}, {{days_left_text}}.{{/is_reminder}}"
                    + "{{#is_due}}Today, {{due}}, is the due date of {{item.title}}.{{/is_due}}"
                    + "{{#is_overdue}}{{item.title}} was due on {{due}} and is {{days_overdue_text}} overdue.{{/is_overdue}}"
                    + "{{#is_escalated}}{{item.title}} was due on {{due}} and is {{days_overdue_text}} overdue; "
                    + "so more people are told.{{/is_escalated}}"
                    + "{{#is_completed}}{{item.title}} is done. The calendar entry is removed.{{/is_completed}}")
        case .threshold:
            make(sv: "{{#is_missing}}{{unit.name}} har inte rapporterat {{metric}} för {{period}}; värdet saknas sedan {{missing_since}}.{{/is_missing}}"
                    + "{{#is_firing}}{{metric}} för {{unit.name}} är {{value}} för {{period}}, {{limit_text}}, sedan {{firing_since}} "
                    + "({{firing_periods_text}}). Larmet upphör när ett rapporterat värde är {{clear_text}}.{{/is_firing}}"
                    + "{{#is_resolved}}{{metric}} för {{unit.name}} är {{value}} för {{period}}, {{limit_text}}: larmet har upphört.{{/is_resolved}}",
                 en: "{{#is_missing}}{{unit.name}} has not reported {{metric}} for {{period}}; the value is missing since {{missing_since}}.{{/is_missing}}"
                    + "{{#is_firing}}{{metric}} for {{unit.name}} is {{value}} for {{period}}, {{limit_text}}, since {{firing_since}} "
                    + "({{firing_periods_text}}). The alert ends when a reported value is {{clear_text}}.{{/is_firing}}"
                    + "{{#is_resolved}}{{metric}} for {{unit.name}} is {{value}} for {{period}}, {{limit_text}}: the alert has ended.{{/is_resolved}}")
        }
    }

    private static func make(sv: String, en: String) -> LocalizedTemplates {
        // These templates are fixed and valid; a failure here is a programming error.
        LocalizedTemplates(["sv": try! MessageTemplate(sv), "en": try! MessageTemplate(en)])
    }
}
