import PlanwatchCore
import Yams

/// Reads the mapping form of a threshold rule's `metric:` — a metric computed from reported ones
/// (``DerivedMetric``):
///
/// ```yaml
/// metric: { change: konsultkostnad_msek, against: previous, as: percent, unit: { sv: Mkr, en: MSEK } }
/// metric: { ratio: avslutssamtal_erbjudna, per: slutat_antal, as: percent }
/// metric: { sum: arenden_antal, over: children }
/// ```
///
/// Each input metric is recorded as a reference site, so that `check` can report an input no
/// measurement reports and inputs whose periods do not match (``CrossReferenceChecker``).
struct DerivedMetricReader {
    let reader: YAMLReader
    private var diagnostics: DiagnosticCollector { reader.diagnostics }

    static let formulaKeys = ["change", "ratio", "sum"]
    static let keys = formulaKeys + ["against", "as", "per", "over", "unit"]

    func read(_ node: Node, ruleID: String) -> DerivedMetric? {
        guard let fields = reader.mapping(node, "a derived metric", allowed: Self.keys) else { return nil }
        let present = Self.formulaKeys.filter { fields[$0] != nil }
        guard present.count == 1 else {
            diagnostics.error(reader.location(node), present.isEmpty
                ? "a derived metric needs one of 'change', 'ratio' or 'sum'"
                : "a derived metric takes one of 'change', 'ratio' or 'sum', not \(present.map { "'\($0)'" }.joined(separator: " and "))",
                hint: "metric: { change: M, against: previous } · { ratio: A, per: B } · { sum: M, over: children }; or a plain metric name")
            return nil
        }
        let formulaKey = present[0]
        let allowedHere: [String: [String]] = ["change": ["against", "as"], "ratio": ["per", "as"], "sum": ["over"]]
        for key in ["against", "as", "per", "over"] where fields[key] != nil && !allowedHere[formulaKey]!.contains(key) {
            diagnostics.error(reader.location(fields.keys[key]!), "'\(key)' does not go with '\(formulaKey)'",
                              hint: "'\(formulaKey)' takes " + allowedHere[formulaKey]!.map { "'\($0)'" }.joined(separator: " and ") + " (and 'unit')")
        }
        func input(_ key: String) -> String? {
            guard let node = fields[key], let name = reader.identifier(node, "the metric of '\(key)'") else { return nil }
            reader.sites.add(.derivedInput(role: key), name, at: reader.location(node), in: "rule '\(ruleID)'")
            return name
        }
        func choice(_ key: String, _ values: [String], default value: String) -> String? {
            guard let node = fields[key] else { return value }
            guard let text = reader.string(node, key) else { return nil }
            guard values.contains(text) else {
                diagnostics.error(reader.location(node), "unknown '\(key)' value '\(text)'",
                                  hint: closestMatch(to: text, in: values).map { "did you mean '\($0)'?" }
                                    ?? "use " + values.joined(separator: " or "))
                return nil
            }
            return text
        }
        var unitLabel: [String: String] = [:]
        if let node = fields["unit"] {
            if let text = node.scalar?.string {
                unitLabel = ["sv": text, "en": text]
            } else if let map = reader.mapping(node, "the unit of a derived metric", allowed: ["sv", "en"]) {
                for language in ["sv", "en"] {
                    if let value = map[language], let text = reader.string(value, "unit (\(language))") { unitLabel[language] = text }
                }
            }
        }
        switch formulaKey {
        case "change":
            guard let metric = input("change"),
                  let against = choice("against", DerivedMetric.ChangeBase.allCases.map(\.rawValue), default: "previous"),
                  let measure = choice("as", DerivedMetric.ChangeMeasure.allCases.map(\.rawValue), default: "percent")
            else { return nil }
            return DerivedMetric(.change(metric: metric, against: DerivedMetric.ChangeBase(rawValue: against)!,
                                         as: DerivedMetric.ChangeMeasure(rawValue: measure)!), unitLabel: unitLabel)
        case "ratio":
            guard fields["per"] != nil else {
                diagnostics.error(reader.location(node), "a ratio needs 'per': the metric it divides by", hint: "metric: { ratio: A, per: B }")
                return nil
            }
            guard let numerator = input("ratio"), let denominator = input("per"),
                  let measure = choice("as", ["percent", "ratio"], default: "ratio")
            else { return nil }
            if numerator == denominator {
                diagnostics.error(reader.location(fields["per"]!), "a ratio of '\(numerator)' to itself is always 1", hint: "divide by another metric")
                return nil
            }
            return DerivedMetric(.ratio(numerator: numerator, denominator: denominator, percent: measure == "percent"), unitLabel: unitLabel)
        default:
            guard fields["over"] != nil else {
                diagnostics.error(reader.location(node), "a sum needs 'over: children'", hint: "metric: { sum: M, over: children }")
                return nil
            }
            guard let metric = input("sum"), choice("over", ["children"], default: "children") != nil else { return nil }
            return DerivedMetric(.sumOverChildren(metric: metric), unitLabel: unitLabel)
        }
    }
}
