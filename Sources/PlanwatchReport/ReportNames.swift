public import PlanwatchCore

/// What a report's keys are called in one language: units by name, label values by their display
/// names, rules by id.
struct ReportNames {
    let report: ComplianceReport
    let language: MessageLanguage
    let labels: ReportLabels
    var words: ReportWords { ReportWords(language: language) }

    /// A group's name: the rule's id, the unit's name, the label value's display name; for the
    /// group without a key, `(none)`, `(utan fokusområde)` for a titled label, or `(no unit)`.
    func group(_ key: String?, of grouping: ReportGrouping) -> String {
        switch grouping {
        case .rule: return key ?? words.none
        case .unit: return unit(key)
        case .label(let label):
            guard let key else {
                // A titled label says what is missing: "(utan fokusområde)".
                let title = labels.title(label: label, language: language)
                guard title != label else { return words.none }
                return language == .swedish ? "(utan \(title.lowercasedFirst))" : "(no \(title.lowercasedFirst))"
            }
            return labels.displayName(label: label, value: key, language: language)
        }
    }

    /// A unit's name, or `(no unit)`.
    func unit(_ id: String?) -> String {
        guard let id else { return words.noUnit }
        return report.unitNames[id] ?? id
    }

    /// The heading of a grouping's column: `Regel`, `Enhet`, or the label's title.
    func title(of grouping: ReportGrouping) -> String {
        switch grouping {
        case .rule: words.rule
        case .unit: words.unit
        case .label(let label): labels.title(label: label, language: language)
        }
    }

    /// The grouping the heat map's columns use: the report's label, else `focus_area`.
    var heatMapColumns: ReportGrouping {
        if case .label = report.grouping { return report.grouping }
        return .focusArea
    }

    /// The report's heading: `Årlig uppföljning 2026`.
    var heading: String { words.title + " " + report.period.written(in: language) }
}

extension ComplianceReport {
    /// A group's name as the renderers show it: a rule's id, a unit's name, a label value's display
    /// name, or `(none)` / `(no unit)` for the group without a key.
    public func name(ofGroup key: String?, in grouping: ReportGrouping, language: MessageLanguage, labels: ReportLabels = .raw) -> String {
        ReportNames(report: self, language: language, labels: labels).group(key, of: grouping)
    }
}
