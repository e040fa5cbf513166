import Foundation
import PlanwatchCore
import Yams

/// Reads the `labels:` of a plan file or a rule file: for each label key, its allowed values with
/// their display names per language.
///
/// ```yaml
/// labels:
///   focus_area:
///     god-arbetssituation: { sv: "En god arbetssituation …", en: "A good work situation …" }
///     gott-ledarskap: "Ett gott ledarskap"        # one name for every language
/// ```
struct LabelVocabularyReader {
    let reader: YAMLReader
    private var diagnostics: DiagnosticCollector { reader.diagnostics }

    static let languages = ["sv", "en"]

    /// The vocabularies declared under `labels:`; every problem is reported, and a vocabulary is
    /// kept with the values that are good.
    func read(_ node: Node) -> [LabelVocabulary] {
        guard let mapping = node.mapping else {
            diagnostics.error(reader.location(node), "labels must be a mapping of label keys to their values, not \(reader.describe(node))",
                              hint: "labels: { focus_area: { god-arbetssituation: { sv: \"…\", en: \"…\" } } }")
            return []
        }
        var vocabularies: [LabelVocabulary] = []
        for (keyNode, valuesNode) in mapping {
            let key = reader.identifier(keyNode, "label key")
            // A bad key's vocabulary is still checked, and then left out.
            let vocabulary = vocabulary(key ?? keyNode.scalar?.string ?? "?", at: keyNode, valuesNode)
            if key != nil, let vocabulary { vocabularies.append(vocabulary) }
        }
        return vocabularies
    }

    private func vocabulary(_ key: String, at keyNode: Node, _ node: Node) -> LabelVocabulary? {
        guard let mapping = node.mapping else {
            diagnostics.error(reader.location(node), "the vocabulary of label '\(key)' must be a mapping of values to their display names, not \(reader.describe(node))",
                              hint: "VALUE: { sv: \"…\", en: \"…\" }, or VALUE: \"name\" for both languages")
            return nil
        }
        guard !mapping.isEmpty else {
            diagnostics.error(reader.location(node), "the vocabulary of label '\(key)' declares no values",
                              hint: "list each value with its display names: VALUE: { sv: \"…\", en: \"…\" }")
            return nil
        }
        var values: [LabelVocabulary.Value] = []
        for (valueNode, namesNode) in mapping {
            guard let id = reader.identifier(valueNode, "label value") else { continue }
            if let names = names(namesNode, of: "\(key): \(id)") {
                values.append(LabelVocabulary.Value(id: id, names: names, location: reader.location(valueNode)))
            }
        }
        guard !values.isEmpty else { return nil }
        return LabelVocabulary(key: key, values: values, location: reader.location(keyNode))
    }

    /// `"name"` (for every language) or `{ sv: "…", en: "…" }` (at least one).
    private func names(_ node: Node, of what: String) -> [String: String]? {
        if let scalar = node.scalar {
            guard !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                diagnostics.error(reader.location(node), "\(what) has no display name",
                                  hint: "give it a name: a text, or { sv: \"…\", en: \"…\" }")
                return nil
            }
            return Dictionary(uniqueKeysWithValues: Self.languages.map { ($0, scalar.string) })
        }
        guard let mapping = node.mapping else {
            diagnostics.error(reader.location(node), "the display names of \(what) must be a text or a mapping { sv: …, en: … }, not \(reader.describe(node))")
            return nil
        }
        var names: [String: String] = [:]
        var ok = true
        for (languageNode, nameNode) in mapping {
            guard let language = reader.string(languageNode, "a language") else { ok = false; continue }
            guard Self.languages.contains(language) else {
                diagnostics.error(reader.location(languageNode), "unknown language '\(language)' in the display names of \(what)",
                                  hint: "use sv or en")
                ok = false
                continue
            }
            guard let name = reader.string(nameNode, "the display name of \(what) (\(language))") else { ok = false; continue }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                diagnostics.error(reader.location(nameNode), "the display name of \(what) (\(language)) is empty")
                ok = false
                continue
            }
            names[language] = name
        }
        if names.isEmpty, ok {
            diagnostics.error(reader.location(node), "\(what) has no display name", hint: "give it a name in sv, en or both")
        }
        return ok && !names.isEmpty ? names : nil
    }
}
