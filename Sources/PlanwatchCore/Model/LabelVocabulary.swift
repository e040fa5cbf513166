/// The values one label may take, each with its name per language — the vocabulary of
/// `focus_area`: `god-arbetssituation` is shown as "En god arbetssituation som präglas av trygghet,
/// delaktighet och inflytande".
///
/// Declared under `labels:` in a plan file or a rule file. An item whose label has a vocabulary
/// must use one of its values; labels without one are free.
public struct LabelVocabulary: Sendable {
    /// One allowed value and its display names.
    public struct Value: Hashable, Sendable {
        /// The value as items write it (`god-arbetssituation`): an id.
        public var id: String
        /// Display names by language code (`sv`, `en`); at least one.
        public var names: [String: String]
        /// Where the value is declared.
        public var location: SourceLocation

        public init(id: String, names: [String: String], location: SourceLocation) {
            self.id = id
            self.names = names
            self.location = location
        }

        /// The name in `language`, else Swedish, else English, else the value's id.
        public func displayName(in language: String) -> String {
            names[language] ?? names["sv"] ?? names["en"] ?? id
        }
    }

    /// The label key (`focus_area`).
    public let key: String
    /// The allowed values, in the order they are declared.
    public let values: [Value]
    /// Where the vocabulary is declared (its key under `labels:`).
    public let location: SourceLocation
    private let positions: [String: Int]

    /// A vocabulary; a value given twice counts once (the first).
    public init(key: String, values: [Value], location: SourceLocation) {
        var positions: [String: Int] = [:]
        var unique: [Value] = []
        for value in values where positions[value.id] == nil {
            positions[value.id] = unique.count
            unique.append(value)
        }
        self.key = key
        self.values = unique
        self.location = location
        self.positions = positions
    }

    /// Whether `value` is one of the allowed values.
    public func contains(_ value: String) -> Bool { positions[value] != nil }

    /// The declared value `id`, if allowed.
    public func value(_ id: String) -> Value? { positions[id].map { values[$0] } }

    /// The allowed values' ids, in declared order.
    public var valueIDs: [String] { values.map(\.id) }

    /// The display name of `value` in `language` (else Swedish, else English); `nil` when the
    /// value is not in the vocabulary.
    public func displayName(of value: String, in language: String) -> String? {
        positions[value].map { values[$0].displayName(in: language) }
    }

    /// Whether `other` declares the same values with the same names (wherever it is written, in
    /// whatever order): the same vocabulary declared twice.
    public func declaresTheSame(as other: LabelVocabulary) -> Bool {
        key == other.key && values.count == other.values.count
            && values.allSatisfy { other.value($0.id)?.names == $0.names }
    }
}

/// Every label vocabulary of a project, by label key: what the templates, the report and the
/// checks use to show a label value by its name.
///
/// A class, immutable once made: each deadline finding's template context holds the one
/// reference, not a copy.
public final class Vocabularies: Sendable {
    /// No vocabularies: every label is free and shown as written.
    public static let none = Vocabularies([])

    /// The vocabularies in the order they were declared.
    public let all: [LabelVocabulary]
    private let byKey: [String: LabelVocabulary]

    /// The vocabularies; a key given twice keeps the first (the loader reports the second).
    public init(_ vocabularies: [LabelVocabulary]) {
        var byKey: [String: LabelVocabulary] = [:]
        var all: [LabelVocabulary] = []
        for vocabulary in vocabularies where byKey[vocabulary.key] == nil {
            byKey[vocabulary.key] = vocabulary
            all.append(vocabulary)
        }
        self.all = all
        self.byKey = byKey
    }

    /// Whether no label has a vocabulary.
    public var isEmpty: Bool { byKey.isEmpty }

    /// The label keys that have a vocabulary.
    public var keys: Set<String> { Set(byKey.keys) }

    /// The vocabulary of label `key`, if it has one.
    public subscript(label key: String) -> LabelVocabulary? { byKey[key] }

    /// The display name of value `value` of label `key` in `language`: the name in that language,
    /// else Swedish, else English, else the value itself (a label without a vocabulary, a value
    /// outside it, or a vocabulary without names).
    ///
    /// - Parameters:
    ///   - value: the value as an item writes it (`god-arbetssituation`).
    ///   - key: the label key (`focus_area`).
    ///   - language: a language code (`sv`, `en`).
    public func displayName(of value: String, label key: String, in language: String) -> String {
        byKey[key]?.displayName(of: value, in: language) ?? value
    }

    /// ``displayName(of:label:in:)`` in a message language.
    public func displayName(of value: String, label key: String, in language: MessageLanguage) -> String {
        displayName(of: value, label: key, in: language.code)
    }

    /// Each label's display name in `language` (see ``displayName(of:label:in:)``); the labels as
    /// they are when no vocabulary applies.
    public func displayNames(of labels: [String: String], in language: MessageLanguage) -> [String: String] {
        guard !isEmpty, labels.keys.contains(where: { byKey[$0] != nil }) else { return labels }
        var shown = labels
        for (key, value) in labels { shown[key] = displayName(of: value, label: key, in: language) }
        return shown
    }
}
