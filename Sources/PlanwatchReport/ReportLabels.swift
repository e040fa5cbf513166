public import PlanwatchCore

/// How a report names labels and their values: `focus_area: god-arbetssituation` shown as
/// "En god arbetssituation som präglas av trygghet, delaktighet och inflytande".
///
/// Every renderer asks ``displayName(label:value:language:)`` and ``title(label:language:)`` and
/// nothing else, so the label vocabularies are connected in one place (``init(vocabularies:)``).
/// Without one (``raw``), values are shown as written in the plan.
public struct ReportLabels: Sendable {
    private let valueName: @Sendable (_ label: String, _ value: String, _ language: MessageLanguage) -> String?
    private let labelName: @Sendable (_ label: String, _ language: MessageLanguage) -> String?

    /// Names from functions; a `nil` answer falls back to the raw value (or the label's name).
    public init(value: @escaping @Sendable (_ label: String, _ value: String, _ language: MessageLanguage) -> String?,
                label: @escaping @Sendable (_ label: String, _ language: MessageLanguage) -> String? = { _, _ in nil }) {
        self.valueName = value
        self.labelName = label
    }

    /// The values as written in the plan data.
    public static let raw = ReportLabels(value: { _, _, _ in nil })

    /// The display names of the plan's and rule files' label vocabularies (`labels:`), in the
    /// report's language (else Swedish, else English); a label without a vocabulary, or a value
    /// outside it, is shown as written.
    /// The default grouping's label, `focus_area`, is titled "Fokusområde" / "Focus area".
    public init(vocabularies: Vocabularies) {
        self.init(value: { label, value, language in
            vocabularies[label: label]?.displayName(of: value, in: language.code)
        }, label: { label, language in
            guard ReportGrouping.label(label) == .focusArea else { return nil }
            return language == .swedish ? "Fokusområde" : "Focus area"
        })
    }

    /// The name shown for a label's value.
    public func displayName(label: String, value: String, language: MessageLanguage) -> String {
        valueName(label, value, language) ?? value
    }

    /// The name shown for a label itself, as a column heading: given, or the label's name as
    /// written (`focus_area`).
    public func title(label: String, language: MessageLanguage) -> String {
        labelName(label, language) ?? label
    }
}
