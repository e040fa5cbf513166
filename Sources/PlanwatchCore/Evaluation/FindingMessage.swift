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
}
