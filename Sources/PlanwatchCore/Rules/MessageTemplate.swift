import Foundation
import Mustache

/// A message template (Mustache), rendered as plain text: `Årlig uppföljning: {{item.title}}`.
///
/// The variables a template uses are known when it is parsed, so the loader can reject names
/// that do not exist before anything is sent.
public struct MessageTemplate: Sendable {
    /// The template as written.
    public var source: String { storage.source }
    /// The variables the template refers to, as dotted paths, with the sections they stand in.
    public var references: [Reference] { storage.references }
    private var template: MustacheTemplate { storage.template }
    /// The template compiled to text, variables and `{{#is_…}}` sections, when it has nothing else
    /// (no lists, transforms, and no line breaks, which Mustache treats specially around sections):
    /// rendered without Mustache's generic machinery, which matters at scale.
    private var segments: [Segment]? { storage.segments }

    /// All of it in one object: a template is copied for every message rendered, at one retain.
    private let storage: Storage

    private final class Storage: Sendable {
        let source: String
        let references: [Reference]
        let template: MustacheTemplate
        let segments: [Segment]?

        init(source: String, references: [Reference], template: MustacheTemplate, segments: [Segment]?) {
            self.source = source
            self.references = references
            self.template = template
            self.segments = segments
        }
    }

    indirect enum Segment: Sendable {
        case text(String)
        case variable(TemplateVariable)
        /// A section on a yes/no variable (`is_due`): its content is shown when the variable is true
        /// (or, inverted, when it is not), exactly as Mustache does for a `Bool`.
        case flag(TemplateVariable, inverted: Bool, [Segment])
    }

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
        let tags = TemplateTags(source)
        // Checked on the tags first, to point at the tag: Mustache reports where it stopped reading.
        var sections: [(name: String, offset: Int)] = []
        for (piece, offset) in tags.pieces {
            func fail(_ message: String, at offset: Int = offset) -> MessageTemplateError {
                let (line, column) = Self.position(ofCharacter: offset, in: source)
                return MessageTemplateError(line: line, column: column, message: "invalid template: " + message)
            }
            switch piece {
            case .partial(let name):
                throw fail("partials ({{> \(name)}}) are not supported")
            case .delimiters:
                throw fail("changing the delimiters ({{= =}}) is not supported")
            case .unclosed:
                throw fail("a tag {{ is not closed with }}")
            case .open(let name, _):
                sections.append((name, offset))
            case .close(let name):
                guard let open = sections.popLast() else { throw fail("{{/\(name)}} closes a section that was not opened") }
                guard open.name == name else { throw fail("the section {{#\(open.name)}} is closed with {{/\(name)}}") }
            default: continue
            }
        }
        if let open = sections.last {
            let (line, column) = Self.position(ofCharacter: open.offset, in: source)
            throw MessageTemplateError(line: line, column: column,
                                       message: "invalid template: the section {{#\(open.name)}} is not closed with {{/\(open.name)}}")
        }
        let template: MustacheTemplate
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
        storage = Storage(source: source, references: Self.references(tags), template: template,
                          segments: source.contains(where: \.isNewline) ? nil : Self.compile(tags))
    }

    /// The 1-based line and column of a character offset.
    static func position(ofCharacter offset: Int, in source: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in source.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// Text, plain variables and sections on `is_…` flags; `nil` for anything else (then Mustache
    /// renders the template).
    static func compile(_ tags: TemplateTags) -> [Segment]? {
        // Open sections, innermost last: the segments before each, its variable and whether inverted.
        var open: [(outer: [Segment], variable: TemplateVariable, inverted: Bool)] = []
        var segments: [Segment] = []
        func isPlainName(_ name: String) -> Bool {
            !name.isEmpty && name != "." && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
        }
        for (piece, _) in tags.pieces {
            switch piece {
            case .text(let text): segments.append(.text(text))
            case .variable(let name):
                guard isPlainName(name) else { return nil }
                segments.append(.variable(TemplateVariable(name)))
            case .open(let name, let inverted):
                guard isPlainName(name), name.hasPrefix("is_"), !name.contains(".") else { return nil }
                open.append((segments, TemplateVariable(name), inverted))
                segments = []
            case .close(let name):
                guard let section = open.popLast(), section.variable.name == name else { return nil }
                segments = section.outer + [.flag(section.variable, inverted: section.inverted, segments)]
            case .comment, .partial, .delimiters, .unclosed:
                return nil
            }
        }
        return open.isEmpty ? segments : nil
    }

    /// The variables the tags refer to, with the sections each stands in.
    static func references(_ tags: TemplateTags) -> [Reference] {
        var result: [Reference] = []
        var sections: [String] = []
        for (piece, offset) in tags.pieces {
            switch piece {
            case .variable(var name), .open(var name, _):
                // A transform such as uppercased(item.title) refers to its argument.
                if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                    name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingSpaces
                }
                guard !name.isEmpty else { continue }
                result.append(Reference(name: name, sections: sections, offset: offset))
                if case .open = piece { sections.append(name) }
            case .close:
                if !sections.isEmpty { sections.removeLast() }
            default:
                continue
            }
        }
        return result
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

    /// Renders the template with the variables of `context` in `language`.
    public func render(_ context: some TemplateContext, in language: MessageLanguage = .swedish) -> String {
        guard let segments else { return template.render(context.dictionary(in: language)) }
        var output = ""
        Self.render(segments, context, language, into: &output)
        return output
    }

    /// Renders the template into `output` piece by piece: bytes being written (a JSON string, a
    /// listing's line) get the text without a `String` of the whole made in between.
    public func render(_ context: some TemplateContext, in language: MessageLanguage, to output: inout some TextOutputStream) {
        guard let segments else { return output.write(template.render(context.dictionary(in: language))) }
        Self.render(segments, context, language, into: &output)
    }

    /// Renders the template with a context of nested dictionaries.
    public func render(_ dictionary: [String: Any]) -> String {
        render(DictionaryTemplateContext(dictionary))
    }

    private static func render(_ segments: [Segment], _ context: some TemplateContext, _ language: MessageLanguage,
                               into output: inout some TextOutputStream) {
        for segment in segments {
            switch segment {
            case .text(let text): output.write(text)
            case .variable(let variable): if let value = context.value(of: variable, in: language) { output.write(value.shown) }
            case .flag(let variable, let inverted, let content):
                if (context.value(of: variable, in: language)?.isTrue ?? false) != inverted {
                    render(content, context, language, into: &output)
                }
            }
        }
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
    public var byLanguage: [String: MessageTemplate] {
        didSet { listed = Self.listed(byLanguage) }
    }
    /// The languages and their templates from the last code to the first (`sv` before `en`), each
    /// with the language its words and numbers are rendered in: the order the JSON output lists them
    /// in, kept so that a listing need not sort (or look the language up) for every finding.
    public private(set) var listed: [(language: String, template: MessageTemplate, renderedIn: MessageLanguage)]

    public init(_ byLanguage: [String: MessageTemplate] = [:]) {
        self.byLanguage = byLanguage
        listed = Self.listed(byLanguage)
    }

    private static func listed(_ byLanguage: [String: MessageTemplate]) -> [(language: String, template: MessageTemplate, renderedIn: MessageLanguage)] {
        byLanguage.sorted { $0.key > $1.key }.map { ($0.key, $0.value, MessageLanguage(code: $0.key) ?? .swedish) }
    }

    /// The template shown to a reader of `language`, rendered with `context`: the language, else
    /// Swedish, else English, else the first by name (the same choice everywhere).
    public func render(_ context: some TemplateContext, for language: String) -> String? {
        // The usual case first, without looking further: the reader's language is there.
        if let template = byLanguage[language] { return template.render(context, in: MessageLanguage(code: language) ?? .swedish) }
        guard let shown = Self.shownLanguage(language, among: byLanguage.keys), let template = byLanguage[shown] else { return nil }
        return template.render(context, in: MessageLanguage(code: shown) ?? .swedish)
    }

    /// Every language's template rendered with `context`.
    public func rendered(_ context: some TemplateContext) -> [String: String] {
        Dictionary(uniqueKeysWithValues: byLanguage.map { ($0.key, $0.value.render(context, in: MessageLanguage(code: $0.key) ?? .swedish)) })
    }

    public var isEmpty: Bool { byLanguage.isEmpty }

    /// The language shown to a reader of `language` among those there are (see ``render(_:for:)``).
    public static func shownLanguage(_ language: String, among available: some Collection<String>) -> String? {
        if available.contains(language) { return language }
        if available.contains("sv") { return "sv" }
        if available.contains("en") { return "en" }
        return available.min()
    }
}
