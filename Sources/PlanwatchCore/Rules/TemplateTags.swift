/// The one scanner of `{{…}}` tags in planwatch: the compiled rendering path and the list of
/// variables a template uses both come from it (Mustache parses the template once more to render
/// what the compiled path does not handle).
struct TemplateTags {
    /// A piece of a template: text, or a tag.
    enum Piece: Equatable {
        case text(String)
        /// `{{name}}`, `{{{name}}}` or `{{&name}}`.
        case variable(String)
        /// `{{#name}}` or `{{^name}}`.
        case open(String, inverted: Bool)
        /// `{{/name}}`.
        case close(String)
        /// `{{! … }}`.
        case comment
        /// `{{> name}}`: a partial, which planwatch's templates do not have.
        case partial(String)
        /// `{{=<% %>=}}`: a delimiter change, which planwatch's templates do not allow.
        case delimiters
        /// A tag that is not closed with `}}`.
        case unclosed
    }

    /// The pieces, each with the character offset where it starts.
    let pieces: [(piece: Piece, offset: Int)]

    init(_ source: String) {
        let characters = Array(source)
        var pieces: [(Piece, Int)] = []
        var text = ""
        var textStart = 0
        var index = 0
        func flushText() {
            if !text.isEmpty { pieces.append((.text(text), textStart)) }
            text = ""
        }
        while index < characters.count {
            guard index + 1 < characters.count, characters[index] == "{", characters[index + 1] == "{" else {
                if text.isEmpty { textStart = index }
                text.append(characters[index])
                index += 1
                continue
            }
            flushText()
            let start = index
            let triple = index + 2 < characters.count && characters[index + 2] == "{"
            var end = index + (triple ? 3 : 2)
            let closing: [Character] = triple ? ["}", "}", "}"] : ["}", "}"]
            while end + closing.count <= characters.count, Array(characters[end..<(end + closing.count)]) != closing { end += 1 }
            guard end + closing.count <= characters.count else {
                pieces.append((.unclosed, start))
                index = characters.count
                break
            }
            let inner = String(characters[(start + (triple ? 3 : 2))..<end]).trimmingSpaces
            index = end + closing.count
            pieces.append((Self.classify(inner, triple: triple), start))
        }
        flushText()
        self.pieces = pieces
    }

    private static func classify(_ inner: String, triple: Bool) -> Piece {
        if triple { return .variable(inner) }
        guard let sigil = inner.first else { return .variable("") }
        let rest = String(inner.dropFirst()).trimmingSpaces
        switch sigil {
        case "!": return .comment
        case "#": return .open(rest, inverted: false)
        case "^": return .open(rest, inverted: true)
        case "/": return .close(rest)
        case "&": return .variable(rest)
        case ">", "<", "$": return .partial(rest)
        case "=": return .delimiters
        case "%": return .comment  // a pragma, such as the content type planwatch sets itself
        default: return .variable(inner)
        }
    }
}
