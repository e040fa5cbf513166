/// The variables of one message, as its templates see them.
///
/// Templates the compiled path handles look variables up one at a time, so a context can answer
/// the common ones directly without building anything; templates it does not handle (lists,
/// partials, transforms) get the nested dictionaries Mustache renders from. The two must agree:
/// `value(of:)` returns what walking `dictionary()` along the variable's path finds.
public protocol TemplateContext {
    /// The value of a variable, `nil` if there is none.
    func value(of variable: TemplateVariable) -> TemplateValue?
    /// All variables as nested dictionaries.
    func dictionary() -> [String: Any]
}

/// A variable's value as the compiled path shows it.
public enum TemplateValue {
    case text(String)
    case number(Int)
    /// Shown as `true` or `false` (as Mustache shows a `Bool`); a section on it is shown when true.
    case flag(Bool)
    /// Anything else (a nested dictionary), shown as Swift describes it, as Mustache does.
    case other(Any)

    /// The value of something found in nested dictionaries.
    public init(_ value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let number as Int: self = .number(number)
        case let flag as Bool: self = .flag(flag)
        default: self = .other(value)
        }
    }

    /// The text Mustache shows for the value.
    public var shown: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .other(let value): "\(value)"
        }
    }

    /// Whether a section on the value is shown (only yes/no flags have sections in the compiled path).
    public var isTrue: Bool {
        if case .flag(true) = self { return true }
        return false
    }
}

/// A variable as a template names it: `item.title`, and its path `["item", "title"]`.
public struct TemplateVariable: Hashable, Sendable {
    public let name: String
    public let path: [String]

    public init(_ name: String) {
        self.name = name
        self.path = name.split(separator: ".").map(String.init)
    }

    /// The value at this variable's path in nested dictionaries.
    public func value(in dictionary: [String: Any]) -> TemplateValue? {
        var value: Any? = dictionary
        for name in path { value = (value as? [String: Any])?[name] ?? (value as? [String: String])?[name] }
        return value.map(TemplateValue.init)
    }
}

/// A context that is nested dictionaries already.
public struct DictionaryTemplateContext: TemplateContext {
    public let values: [String: Any]

    public init(_ values: [String: Any]) {
        self.values = values
    }

    public func value(of variable: TemplateVariable) -> TemplateValue? { variable.value(in: values) }
    public func dictionary() -> [String: Any] { values }
}
