import Mustache

/// A message template (Mustache), rendered as plain text: `Årlig uppföljning: {{item.title}}`.
///
/// The variables a template uses are known when it is parsed, so the loader can reject names
/// that do not exist before anything is sent.
public struct MessageTemplate: Sendable {
    /// The template as written.
    public let source: String
    /// The variables the template refers to, as dotted paths, with the sections they stand in.
    public let references: [Reference]
    private let template: MustacheTemplate

    /// A variable reference.
    public struct Reference: Hashable, Sendable {
        /// The name as written (`item.title`).
        public let name: String
        /// The names of the sections it stands in, outermost first.
        public let sections: [String]
        /// The offset of the tag in the source (in characters), for diagnostics.
        public let offset: Int
    }

    /// Parses a template.
    /// - Throws: ``MessageTemplateError`` with the line and column inside the template.
    public init(_ source: String) throws(MessageTemplateError) {
        self.source = source
        do {
            // Plain text: no HTML escaping of names such as "Åke & Co".
            template = try MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + source)
        } catch let error as MustacheTemplate.ParserError {
            throw MessageTemplateError(
                line: error.context.lineNumber, column: max(1, error.context.columnNumber - (error.context.lineNumber == 1 ? 22 : 0)),
                message: "invalid template: " + Self.explain(error.error))
        } catch {
            throw MessageTemplateError(line: 1, column: 1, message: "invalid template: \(error)")
        }
        references = Self.scanReferences(source)
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case MustacheTemplate.Error.expectedSectionEnd: "a section {{#name}} or {{^name}} is not closed with {{/name}}"
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with another name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed with }}"
        case MustacheTemplate.Error.invalidSetDelimiter: "invalid delimiter change {{= =}}"
        default: "\(error)"
        }
    }

    /// Renders the template with a context of nested dictionaries.
    public func render(_ context: [String: Any]) -> String {
        template.render(context)
    }

    /// The `{{…}}` tags of a template, with the sections each stands in.
    static func scanReferences(_ source: String) -> [Reference] {
        let characters = Array(source)
        var result: [Reference] = []
        var sections: [String] = []
        var index = 0
        while index + 1 < characters.count {
            guard characters[index] == "{", characters[index + 1] == "{" else { index += 1; continue }
            let start = index
            var end = index + 2
            while end + 1 < characters.count, !(characters[end] == "}" && characters[end + 1] == "}") { end += 1 }
            var tag = String(characters[(index + 2)..<min(end, characters.count)])
            index = end + 2
            if tag.hasPrefix("{") { tag.removeFirst(); if index < characters.count, characters[index] == "}" { index += 1 } }
            tag = tag.trimmingSpaces
            guard let sigil = tag.first else { continue }
            var name = tag
            switch sigil {
            case "!", "%", "=", ">", "<", "$": continue
            case "#", "^", "&":
                name = String(tag.dropFirst()).trimmingSpaces
            case "/":
                if !sections.isEmpty { sections.removeLast() }
                continue
            default:
                break
            }
            // A transform such as uppercased(item.title) refers to its argument.
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingSpaces
            }
            result.append(Reference(name: name, sections: sections, offset: start))
            if sigil == "#" || sigil == "^" { sections.append(name) }
        }
        return result
    }
}

/// Why a template was rejected.
public struct MessageTemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line inside the template, from 1.
    public let line: Int
    /// The column inside the template, from 1.
    public let column: Int
    public let message: String

    public var description: String { message }
}

/// A text per language: `{ sv: "…", en: "…" }`.
public struct LocalizedTemplates: Sendable {
    /// Templates by language code.
    public var byLanguage: [String: MessageTemplate]

    public init(_ byLanguage: [String: MessageTemplate] = [:]) {
        self.byLanguage = byLanguage
    }

    /// Renders in `language`, else Swedish, else English, else any language there is.
    public func render(language: String, context: [String: Any]) -> String? {
        let template = byLanguage[language] ?? byLanguage["sv"] ?? byLanguage["en"] ?? byLanguage.values.first
        return template?.render(context)
    }

    public var isEmpty: Bool { byLanguage.isEmpty }
}
