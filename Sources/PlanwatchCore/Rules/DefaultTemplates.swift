/// The titles and texts a rule gets when it writes none, in Swedish and English.
public enum DefaultTemplates {
    public static func title(kind: String) -> LocalizedTemplates {
        kind == "deadline"
            ? make(sv: "{{item.title}}: {{stage}} (senast {{due}})", en: "{{item.title}}: {{stage}} (due {{due}})")
            : make(sv: "{{unit.name}}: {{metric}} {{value}} ({{stage}})", en: "{{unit.name}}: {{metric}} {{value}} ({{stage}})")
    }

    public static func text(kind: String) -> LocalizedTemplates {
        kind == "deadline"
            ? make(sv: "{{item.title}} ska vara klar senast {{due}}.", en: "{{item.title}} is due on {{due}}.")
            : make(sv: "{{metric}} för {{unit.name}} är {{value}} för perioden {{period}} (gräns {{threshold}}).",
                   en: "{{metric}} for {{unit.name}} is {{value}} for the period {{period}} (limit {{threshold}}).")
    }

    private static func make(sv: String, en: String) -> LocalizedTemplates {
        // These templates are fixed and valid; a failure here is a programming error.
        LocalizedTemplates(["sv": try! MessageTemplate(sv), "en": try! MessageTemplate(en)])
    }
}
