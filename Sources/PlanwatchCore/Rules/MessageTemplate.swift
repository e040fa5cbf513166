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
    /// (no lists, partials, transforms, and no line breaks, which Mustache treats specially around
    /// sections): rendered without Mustache's generic machinery, which matters at scale.
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
        storage = Storage(source: source, references: Self.scanReferences(source), template: template,
                          segments: Self.compileSimple(source))
    }

    /// Text, plain `{{name}}` / `{{{name}}}` / `{{&name}}` variables and sections on `is_…` flags;
    /// `nil` for anything else.
    static func compileSimple(_ source: String) -> [Segment]? {
        guard !source.contains(where: \.isNewline) else { return nil }
        // Open sections, innermost last: the segments before each, its variable and whether inverted.
        var open: [(outer: [Segment], variable: TemplateVariable, inverted: Bool)] = []
        var segments: [Segment] = []
        var rest = Substring(source)
        while let opening = rest.range(of: "{{") {
            if opening.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<opening.lowerBound]))) }
            let afterOpen = rest[opening.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            guard let close = afterOpen.range(of: triple ? "}}}" : "}}") else { return nil }
            var name = afterOpen[afterOpen.index(afterOpen.startIndex, offsetBy: triple ? 1 : 0)..<close.lowerBound]
            let sigil = triple ? nil : name.first.flatMap { "&#^/".contains($0) ? $0 : nil }
            if sigil != nil { name = name.dropFirst() }
            let trimmed = name.trimmingSpaces
            guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }),
                  trimmed != "." else { return nil }
            let variable = TemplateVariable(trimmed)
            switch sigil {
            case "#", "^":
                guard trimmed.hasPrefix("is_"), !trimmed.contains(".") else { return nil }
                open.append((segments, variable, sigil == "^"))
                segments = []
            case "/":
                guard let section = open.popLast(), section.variable.name == trimmed else { return nil }
                segments = section.outer + [.flag(section.variable, inverted: section.inverted, segments)]
            default:
                segments.append(.variable(variable))
            }
            rest = afterOpen[close.upperBound...]
        }
        guard open.isEmpty else { return nil }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        return segments
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

    /// Renders the template with the variables of `context`.
    public func render(_ context: some TemplateContext) -> String {
        guard let segments else { return template.render(context.dictionary()) }
        var output = ""
        Self.render(segments, context, into: &output)
        return output
    }

    /// Renders the template with a context of nested dictionaries.
    public func render(_ dictionary: [String: Any]) -> String {
        render(DictionaryTemplateContext(dictionary))
    }

    private static func render(_ segments: [Segment], _ context: some TemplateContext, into output: inout String) {
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .variable(let variable): output += context.value(of: variable)?.shown ?? ""
            case .flag(let variable, let inverted, let content):
                if (context.value(of: variable)?.isTrue ?? false) != inverted { render(content, context, into: &output) }
            }
        }
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

    /// Every language's template rendered with `context`.
    public func rendered(_ context: some TemplateContext) -> [String: String] {
        byLanguage.mapValues { $0.render(context) }
    }

    public var isEmpty: Bool { byLanguage.isEmpty }
}
