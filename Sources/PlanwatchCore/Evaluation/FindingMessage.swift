/// The title and text of a finding: the rule's templates and the finding's variables, rendered
/// when asked for (or, for messages made by hand, texts written out already).
///
/// A class: a finding is copied as it is sorted and planned, and its message then costs one
/// reference, not the templates' and the context's each.
public final class FindingMessage: Sendable {
    private enum Source: Sendable {
        case templates(title: LocalizedTemplates, text: LocalizedTemplates, context: any TemplateContext)
        case fixed(title: [String: String], text: [String: String])
    }

    private let source: Source

    /// The rule's templates with the finding's variables.
    public convenience init(title: LocalizedTemplates, text: LocalizedTemplates, context: any TemplateContext) {
        self.init(source: .templates(title: title, text: text, context: context))
    }

    /// Texts written out already, per language code.
    public static func fixed(title: [String: String], text: [String: String]) -> FindingMessage {
        FindingMessage(source: .fixed(title: title, text: text))
    }

    private init(source: Source) { self.source = source }

    /// The title shown to a reader of `language` (see ``LocalizedTemplates/render(_:for:)``).
    public func title(in language: String) -> String? {
        switch source {
        case .templates(let title, _, let context): title.render(context, for: language)
        case .fixed(let title, _): LocalizedTemplates.shownLanguage(language, among: title.keys).flatMap { title[$0] }
        }
    }

    /// The text shown to a reader of `language`.
    public func text(in language: String) -> String? {
        switch source {
        case .templates(_, let text, let context): text.render(context, for: language)
        case .fixed(_, let text): LocalizedTemplates.shownLanguage(language, among: text.keys).flatMap { text[$0] }
        }
    }

    /// The title in every language it is written in, by language code.
    public var titles: [String: String] {
        switch source {
        case .templates(let title, _, let context): title.rendered(context)
        case .fixed(let title, _): title
        }
    }

    /// The text in every language it is written in, by language code.
    public var texts: [String: String] {
        switch source {
        case .templates(_, let text, let context): text.rendered(context)
        case .fixed(_, let text): text
        }
    }

    /// The title or the text.
    public enum Part: Sendable {
        case title, text
    }

    /// The languages `part` is written in, from the last code to the first (`sv` before `en`).
    public func languages(_ part: Part) -> [String] {
        switch (source, part) {
        case (.templates(let title, _, _), .title): title.listed.map(\.language)
        case (.templates(_, let text, _), .text): text.listed.map(\.language)
        case (.fixed(let title, _), .title): title.keys.sorted(by: >)
        case (.fixed(_, let text), .text): text.keys.sorted(by: >)
        }
    }

    /// Writes `part` in each language it is written in, in the order of ``languages(_:)``: `begin`
    /// before each (with the language code), the text to `output`, `end` after each. What ``titles``
    /// and ``texts`` hold, without a dictionary or a `String` made in between (a listing writes thousands).
    public func write<Output: TextOutputStream>(_ part: Part, to output: inout Output,
                                                begin: (inout Output, String) -> Void, end: (inout Output) -> Void) {
        switch source {
        case .templates(let title, let text, let context):
            for (language, template, renderedIn) in (part == .title ? title : text).listed {
                begin(&output, language)
                template.render(context, in: renderedIn, to: &output)
                end(&output)
            }
        case .fixed(let title, let text):
            let texts = part == .title ? title : text
            for language in texts.keys.sorted(by: >) {
                begin(&output, language)
                output.write(texts[language]!)
                end(&output)
            }
        }
    }

    /// Writes `part` as shown to a reader of `language` (``title(in:)``, ``text(in:)``) to `output`;
    /// nothing when it is written in no language.
    public func write(_ part: Part, shownTo language: String, to output: inout some TextOutputStream) {
        switch source {
        case .templates(let title, let text, let context):
            let templates = part == .title ? title : text
            let shown = templates.byLanguage[language] != nil ? language : LocalizedTemplates.shownLanguage(language, among: templates.byLanguage.keys)
            guard let shown, let template = templates.byLanguage[shown] else { return }
            template.render(context, in: MessageLanguage(code: shown) ?? .swedish, to: &output)
        case .fixed:
            if let shown = part == .title ? title(in: language) : text(in: language) { output.write(shown) }
        }
    }
}
