/// The variables of one message, as its templates see them, in a language.
///
/// Templates the compiled path handles look variables up one at a time (``value(of:in:)``);
/// templates it does not handle (lists, transforms) get the nested dictionaries Mustache renders
/// from (``dictionary(in:)``). The two must agree: `value(of:in:)` returns what walking
/// `dictionary(in:)` along the variable's path finds. Contexts whose variables come from a
/// ``TemplateVariableTable`` get both from the table.
public protocol TemplateContext: Sendable {
    /// The value of a variable, `nil` if there is none.
    func value(of variable: TemplateVariable, in language: MessageLanguage) -> TemplateValue?
    /// All variables as nested dictionaries.
    func dictionary(in language: MessageLanguage) -> [String: Any]
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

    /// The value as Mustache's dictionaries hold it.
    public var dictionaryValue: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .other(let value): value
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
    /// The name's ``key(of:)``, made once: what a ``TemplateVariableTable`` finds the variable by.
    public let key: UInt64

    public init(_ name: String) {
        self.name = name
        self.path = name.split(separator: ".").map(String.init)
        key = Self.key(of: name)
    }

    /// A hash of a name that is the same in every run (FNV-1a over its UTF-8): Swift's own hashing
    /// is seeded per process, and would have to be redone at every lookup.
    public static func key(of name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The value at this variable's path in nested dictionaries.
    public func value(in dictionary: [String: Any]) -> TemplateValue? {
        var value: Any? = dictionary
        for name in path { value = (value as? [String: Any])?[name] ?? (value as? [String: String])?[name] }
        return value.map(TemplateValue.init)
    }
}

/// A context that is nested dictionaries already (the same in every language).
public struct DictionaryTemplateContext: TemplateContext, @unchecked Sendable {
    // Unchecked: the dictionaries hold value types only (texts, numbers, flags, nested dictionaries).
    public let values: [String: Any]

    public init(_ values: [String: Any]) {
        self.values = values
    }

    public func value(of variable: TemplateVariable, in language: MessageLanguage) -> TemplateValue? { variable.value(in: values) }
    public func dictionary(in language: MessageLanguage) -> [String: Any] { values }
}
