import PlanwatchCore

/// Items that no rule selects: a typo in a label (`plan: handlingsplan-2O23`) or a kind silently
/// drops an item from every rule, and nothing ever reminds about it.
extension CrossReferenceChecker {
    /// How many such items are named one by one; the rest are counted in one more warning.
    static let unselectedItemsNamed = 100

    /// Warns at each item that no rule selecting items (a deadline rule) takes, with the label value
    /// or kind probably meant when a rule misses it by that alone. Says nothing without such rules
    /// or without items (plan files checked alone, a threshold pack), and nothing while there are
    /// errors: a rule left out for an error, or a label value outside its vocabulary, would make
    /// every item it misses look forgotten. Runs last.
    ///
    /// Linear in the items: each is matched against the rules until one takes it (most are taken
    /// by the first few), and an item like the one before it (the same kind, labels and unit, as
    /// neighbours in a bulk export mostly are) reuses its answer. The hint is worked out only for
    /// the items named.
    func checkSelection() {
        let selectors = rules.rules.filter { $0.kind == .deadline }.map { (rule: $0.id, selector: $0.selector) }
        guard !selectors.isEmpty, !plan.items.isEmpty, !diagnostics.hasErrors else { return }
        // A rule that takes every item: nothing to say.
        if selectors.contains(where: { Self.takesEverything($0.selector) }) { return }
        let needsUnit = selectors.contains { $0.selector.minEmployees != nil || $0.selector.maxEmployees != nil }
        var unselected = 0
        var firstOmitted: SourceLocation?
        var previous: (kind: String, labels: [String: String], unit: String?, selected: Bool)?
        plan.items.withUnsafeBufferPointer { items in
            for index in items.indices {
                let selected: Bool
                if let previous, previous.kind == items[index].kind, previous.labels == items[index].labels,
                   !needsUnit || previous.unit == items[index].unit {
                    selected = previous.selected
                } else {
                    selected = selectors.contains { $0.selector.matches(items[index], in: plan.unitsByID) }
                    previous = (items[index].kind, items[index].labels, items[index].unit, selected)
                }
                guard !selected else { continue }
                unselected += 1
                if unselected > Self.unselectedItemsNamed {
                    if firstOmitted == nil { firstOmitted = items[index].location }
                    continue
                }
                diagnostics.warning(items[index].location,
                                    "no rule selects item '\(items[index].id)' (kind \(items[index].kind)): nothing reminds about it",
                                    hint: nearMiss(items[index], selectors))
            }
        }
        if let firstOmitted {
            let more = unselected - Self.unselectedItemsNamed
            diagnostics.warning(firstOmitted, "\(more) more item\(more == 1 ? "" : "s") from here on \(more == 1 ? "is" : "are") selected by no rule",
                                hint: "the first \(Self.unselectedItemsNamed) are named; compare their kinds and labels with the rules' for_each")
        }
    }

    /// Whether a selector takes any item whatever its kind, labels and unit.
    private static func takesEverything(_ selector: Selector) -> Bool {
        (selector.itemKind == nil || selector.itemKind == "*") && selector.labels.isEmpty
            && selector.minEmployees == nil && selector.maxEmployees == nil
    }

    /// What one rule would need to take the item, when it misses it by one thing: the kind or a
    /// label value written nearly as the rule has it, a label missing (or its key misspelt), or the
    /// unit's number of employees. The first rule (in file order) that misses by one.
    private func nearMiss(_ item: PlanItem, _ selectors: [(rule: String, selector: Selector)]) -> String? {
        for (rule, selector) in selectors {
            var misses: [String?] = []
            if let kind = selector.itemKind, kind != "*", kind != item.kind {
                misses.append(closestMatch(to: item.kind, in: [kind]).map { _ in "did you mean kind '\(kind)'? rule '\(rule)' selects that kind" })
            }
            for (key, value) in selector.labels.sorted(by: { $0.key < $1.key }) where item.labels[key] != value {
                if let written = item.labels[key] {
                    misses.append(closestMatch(to: written, in: [value]).map { _ in "did you mean \(key): \(value)? rule '\(rule)' selects that" })
                } else if let misspelt = closestMatch(to: key, in: item.labels.keys.filter { selector.labels[$0] == nil }) {
                    misses.append("did you mean label '\(key)' (not '\(misspelt)')? rule '\(rule)' selects \(key): \(value)")
                } else {
                    misses.append("rule '\(rule)' selects it with the label \(key): \(value)")
                }
                if misses.count > 1 { break }
            }
            if misses.count <= 1, selector.minEmployees != nil || selector.maxEmployees != nil {
                let unit = selector.countedUnit(item.unit.flatMap { plan.unitsByID[$0] }, in: plan.unitsByID)
                if !selector.matches(item, unit: unit) && misses.isEmpty {
                    misses.append(employeesHint(rule, selector, unit: unit, item: item))
                }
            }
            if misses.count == 1, let hint = misses[0] { return hint }
        }
        return nil
    }

    private func employeesHint(_ rule: String, _ selector: Selector, unit: OrganisationUnit?, item: PlanItem) -> String {
        let bounds = switch (selector.minEmployees, selector.maxEmployees) {
        case (let low?, let high?): "\(low) to \(high) employees"
        case (let low?, nil): "at least \(low) employees"
        case (nil, let high?): "at most \(high) employees"
        case (nil, nil): "a number of employees"
        }
        let given = if let unit {
            unit.employees.map { "unit '\(unit.id)' has \($0)" } ?? "unit '\(unit.id)' gives no 'employees'"
        } else {
            item.unit == nil ? "the item has no unit" : "its unit is unknown"
        }
        return "rule '\(rule)' selects it only in units with \(bounds), and \(given)"
    }
}
