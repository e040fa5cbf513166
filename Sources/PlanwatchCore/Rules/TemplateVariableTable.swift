/// The variables of one kind of message, defined once: each with its name, what it is, and how a
/// context answers it. The compiled rendering path, the nested dictionaries Mustache renders from,
/// the load-time check of templates and the documentation's list all come from the table.
public struct TemplateVariableTable<Context>: Sendable {
    /// One variable, or a family of them (`item.labels.KEY`).
    public struct Definition: Sendable {
        /// The name (`item.title`), or for a family its prefix (`item.labels`).
        public let name: String
        /// What the variable holds, for people.
        public let summary: String
        /// Whether the name stands for a family: `name.KEY` for each key the mapping has.
        public var isFamily: Bool { mapping != nil }
        let value: (@Sendable (Context, MessageLanguage) -> TemplateValue)?
        let mapping: (@Sendable (Context, MessageLanguage) -> [String: String])?
        let member: (@Sendable (Context, MessageLanguage, String) -> String?)?

        /// A variable.
        public static func value(_ name: String, _ summary: String,
                                 _ value: @escaping @Sendable (Context, MessageLanguage) -> TemplateValue) -> Definition {
            Definition(name: name, summary: summary, value: value, mapping: nil, member: nil)
        }

        /// A family of texts by key: `prefix` is the whole mapping, `prefix.KEY` one of its texts.
        /// - Parameters:
        ///   - mapping: the whole mapping (for Mustache's dictionaries and for `{{prefix}}`).
        ///   - member: one key's text, when that is cheaper than making the mapping (it must agree
        ///     with `mapping`); without it, `prefix.KEY` looks the key up in `mapping`.
        public static func family(_ prefix: String, _ summary: String,
                                  _ mapping: @escaping @Sendable (Context, MessageLanguage) -> [String: String],
                                  member: (@Sendable (Context, MessageLanguage, String) -> String?)? = nil) -> Definition {
            Definition(name: prefix, summary: summary, value: nil, mapping: mapping, member: member)
        }
    }

    public let definitions: [Definition]
    /// The definitions by name: an open-addressed table of indices (plus one; 0 is empty) at the
    /// slot of the name's ``TemplateVariable/key(of:)``, a power of two long. A variable carries
    /// its key from when its template was read, so a lookup, made for every variable of every
    /// message rendered, hashes nothing.
    private let slots: [Int32]

    public init(_ definitions: [Definition]) {
        self.definitions = definitions
        var size = 16
        while size < definitions.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (index, definition) in definitions.enumerated() {
            var slot = Int(truncatingIfNeeded: TemplateVariable.key(of: definition.name)) & (size - 1)
            while slots[slot] != 0, definitions[Int(slots[slot]) - 1].name != definition.name { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index + 1)  // a name given twice: the last counts
        }
        self.slots = slots
    }

    /// The index of the definition named `name`, whose key is `key`.
    private func index(of name: String, key: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if definitions[index].name == name { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The value of `variable` for `context`; `nil` when the table has no such variable or the
    /// family no such key.
    public func value(of variable: TemplateVariable, for context: Context, in language: MessageLanguage) -> TemplateValue? {
        if let index = index(of: variable.name, key: variable.key) {
            let definition = definitions[index]
            if let value = definition.value { return value(context, language) }
            return definition.mapping.map { .other($0(context, language)) }
        }
        // A family member: the prefix is all but the last part.
        guard variable.path.count >= 2, let dot = variable.name.lastIndex(of: "."),
              case let prefix = String(variable.name[..<dot]), let index = index(of: prefix, key: TemplateVariable.key(of: prefix)),
              let mapping = definitions[index].mapping else {
            return variable.value(in: dictionary(for: context, in: language))
        }
        let key = variable.path[variable.path.count - 1]
        if let member = definitions[index].member { return member(context, language, key).map(TemplateValue.text) }
        return mapping(context, language)[key].map(TemplateValue.text)
    }

    /// Every variable as nested dictionaries (`item.title` → `["item": ["title": …]]`).
    public func dictionary(for context: Context, in language: MessageLanguage) -> [String: Any] {
        var root: [String: Any] = [:]
        for definition in definitions {
            let value: Any
            if let answer = definition.value {
                value = answer(context, language).dictionaryValue
            } else if let mapping = definition.mapping {
                value = mapping(context, language)
            } else {
                value = ""
            }
            Self.insert(value, at: definition.name.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: Any, at path: ArraySlice<String>, into dictionary: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            dictionary[first] = value
            return
        }
        var inner = dictionary[first] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &inner)
        dictionary[first] = inner
    }

    /// The names a template may use, for the load-time check: every variable, and every prefix of
    /// one (for sections such as `{{#item}}`); families take any key among `familyKeys`.
    public var catalog: TemplateVariableCatalog {
        TemplateVariableCatalog(names: definitions.filter { !$0.isFamily }.map(\.name),
                                families: definitions.filter(\.isFamily).map(\.name))
    }
}

/// The names of a table's variables, without their values: what the load-time check of templates needs.
public struct TemplateVariableCatalog: Sendable {
    /// Plain variables (`item.title`).
    public let names: Set<String>
    /// Families (`item.labels`): `item.labels.KEY` for the keys the plan uses.
    public let families: Set<String>

    public init(names: [String], families: [String]) {
        self.names = Set(names)
        self.families = Set(families)
    }

    /// Whether `name` exists; `familyKeys` are the keys a family may take (the plan's label keys).
    /// Object prefixes (`item`, `unit`) count, for sections.
    public func isKnown(_ name: String, familyKeys: Set<String>) -> Bool {
        if name == "." || names.contains(name) || families.contains(name) { return true }
        if let dot = name.lastIndex(of: "."), families.contains(String(name[..<dot])) {
            return familyKeys.contains(String(name[name.index(after: dot)...]))
        }
        return names.contains { $0.hasPrefix(name + ".") } || families.contains { $0.hasPrefix(name + ".") }
    }

    /// The known names closest to `name`, for "did you mean".
    public func suggestion(for name: String, familyKeys: Set<String>) -> String? {
        var candidates = names
        for family in families { candidates.formUnion(familyKeys.map { "\(family).\($0)" }) }
        return closestMatch(to: name, in: candidates)
    }

    /// Every name, families written `prefix.KEY`, sorted (for documentation and tests).
    public var allNames: [String] { (names.sorted() + families.sorted().map { "\($0).KEY" }) }
}

/// A context whose variables come from a ``TemplateVariableTable``.
public protocol TabulatedTemplateContext: TemplateContext {
    static var variables: TemplateVariableTable<Self> { get }
}

extension TabulatedTemplateContext {
    public func value(of variable: TemplateVariable, in language: MessageLanguage) -> TemplateValue? {
        Self.variables.value(of: variable, for: self, in: language)
    }

    public func dictionary(in language: MessageLanguage) -> [String: Any] {
        Self.variables.dictionary(for: self, in: language)
    }
}
