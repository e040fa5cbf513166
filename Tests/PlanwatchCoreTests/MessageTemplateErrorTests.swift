import PlanwatchCore
import Testing

/// A template is refused at the tag that is wrong (line and column inside the template), not where
/// Mustache stopped reading.
@Suite struct MessageTemplateErrorTests {
    @Test(arguments: [
        ("Påminnelse {{=<% %>=}}<%item.title%>", 1, 12, "invalid template: changing the delimiters ({{= =}}) is not supported"),
        ("Påminnelse: {{> rubrik}}", 1, 13, "invalid template: partials ({{> rubrik}}) are not supported"),
        ("Reminder: {{item.title", 1, 11, "invalid template: a tag {{ is not closed with }}"),
        ("{{#is_due}}Due: {{item.title}}{{/is_late}}", 1, 31, "invalid template: the section {{#is_due}} is closed with {{/is_late}}"),
        ("Hej\n{{#item}}{{title}}", 2, 1, "invalid template: the section {{#item}} is not closed with {{/item}}"),
        ("{{title}}{{/item}}", 1, 10, "invalid template: {{/item}} closes a section that was not opened"),
    ])
    func aWrongTagIsReportedWhereItIs(source: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: MessageTemplateError.self) { try MessageTemplate(source) }
        #expect((error.line, error.column, error.message) == (line, column, message))
    }

    @Test func nestedAndInvertedSectionsAreAccepted() throws {
        let template = try MessageTemplate("{{#item}}{{^is_due}}{{title}}{{/is_due}}{{/item}}")
        #expect(template.render(["item": ["title": "T"] as [String: Any], "is_due": false]) == "T")
    }
}
