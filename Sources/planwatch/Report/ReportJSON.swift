import PlanwatchCore
import PlanwatchReport

/// The report as JSON (docs/report.md): stable keys in a fixed order, dates as ISO 8601, rates
/// from 0 to 1 (`null` when nothing is decided).
struct ReportJSON {
    let report: ComplianceReport
    let language: MessageLanguage
    let labels: ReportLabels

    func render() -> [UInt8] {
        var json = JSONWriter(capacity: 256 * (report.occurrences.count + 100))
        json.beginObject()
        json.key("period")
        json.beginObject()
        json.member("from", report.period.from.description)
        json.member("to", report.period.to.description)
        json.key("year")
        if let year = report.period.calendarYear { json.integer(year) } else { json.null() }
        json.endObject()
        json.member("made_on", report.madeOn.description)
        json.member("as_of", report.asOf.description)
        json.key("period_over")
        json.bool(report.isPeriodOver)
        json.member("grouping", report.grouping.description)
        json.member("language", language.code)
        json.key("inputs")
        json.beginObject()
        json.key("recorded_completions")
        json.integer(report.recordedCompletions.given)
        json.key("revoked_completions")
        json.integer(report.recordedCompletions.revoked)
        json.key("silences")
        json.integer(report.silencesGiven)
        json.endObject()
        json.key("overall")
        tally(report.overall, into: &json)
        groups("groups", report.grouping, into: &json)
        groups("by_rule", .rule, into: &json)
        groups("by_unit", .unit, into: &json)
        occurrences(into: &json)
        thresholds(into: &json)
        json.endObject()
        var bytes = json.output
        bytes.append(0x0A)
        return bytes
    }

    private func tally(_ tally: ComplianceTally, into json: inout JSONWriter) {
        json.beginObject()
        for (name, count) in [("on_time", tally.onTime), ("late", tally.late), ("missed", tally.missed), ("open", tally.open),
                              ("silenced", tally.silenced), ("total", tally.total), ("decided", tally.decided)] {
            json.key(text: name)
            json.integer(count)
        }
        json.key("on_time_rate")
        json.number(tally.onTimeRate)
        json.key("mean_days_late")
        json.number(tally.meanDaysLate)
        json.endObject()
    }

    private func groups(_ key: String, _ grouping: ReportGrouping, into json: inout JSONWriter) {
        json.key(text: key)
        json.beginArray()
        for group in report.groups(by: grouping) {
            json.beginObject()
            json.member("key", group.key)
            json.member("name", report.name(ofGroup: group.key, in: grouping, language: language, labels: labels))
            json.key("figures")
            tally(group.tally, into: &json)
            json.endObject()
        }
        json.endArray()
    }

    private func occurrences(into json: inout JSONWriter) {
        json.key("occurrences")
        json.beginArray()
        for occurrence in report.occurrences {
            json.beginObject()
            json.member("rule", occurrence.rule)
            json.member("item", occurrence.item)
            json.member("title", occurrence.itemTitle)
            json.member("unit", occurrence.unit)
            json.member("group", report.grouping.key(of: occurrence))
            json.member("due", occurrence.due.description)
            json.member("nominal_due", occurrence.nominalDue.description)
            json.member("status", occurrence.status.name)
            json.member("completed", occurrence.status.completed?.description)
            json.key("days_late")
            if let days = occurrence.status.daysLate { json.integer(days) } else { json.null() }
            json.member("completion_source", occurrence.completionSource?.rawValue)
            json.key("silences")
            json.beginArray()
            for id in occurrence.silences { json.integer(Int(id)) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    private func thresholds(into json: inout JSONWriter) {
        json.key("thresholds")
        json.beginArray()
        for rule in report.thresholds {
            json.beginObject()
            json.member("rule", rule.rule)
            json.member("group", rule.group)
            json.member("metric", rule.metric)
            for (name, condition) in [("warning", rule.warning), ("critical", rule.critical), ("clear", rule.clear)] {
                json.key(text: name)
                self.condition(condition, into: &json)
            }
            json.key("for")
            json.integer(rule.forPeriods)
            json.key("series")
            json.beginArray()
            for series in rule.series {
                json.beginObject()
                json.member("unit", series.unit)
                json.member("unit_name", series.unitName)
                for (name, count) in [("periods_at_warning", series.periodsAtWarning), ("periods_at_critical", series.periodsAtCritical),
                                      ("periods_missing", series.periodsMissing)] {
                    json.key(text: name)
                    json.integer(count)
                }
                json.key("highest")
                if let highest = series.highest {
                    json.beginObject()
                    json.member("period", highest.period.description)
                    json.key("value")
                    json.number(highest.value)
                    json.endObject()
                } else {
                    json.null()
                }
                json.member("state_at_end", series.stateAtEnd?.name)
                json.key("periods")
                json.beginArray()
                for period in series.periods {
                    json.beginObject()
                    json.member("period", period.period.description)
                    json.key("ended")
                    json.bool(period.hasEnded)
                    json.key("value")
                    json.number(period.value)
                    json.member("state", period.state?.name)
                    json.key("missing")
                    json.bool(period.isMissing)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    private func condition(_ condition: Condition?, into json: inout JSONWriter) {
        switch condition {
        case nil: json.null()
        case .above(let limit)?:
            json.beginObject()
            json.key("above")
            json.number(limit)
            json.endObject()
        case .below(let limit)?:
            json.beginObject()
            json.key("below")
            json.number(limit)
            json.endObject()
        case .outside(let low, let high)?:
            json.beginObject()
            json.key("outside")
            json.beginArray()
            json.number(low)
            json.number(high)
            json.endArray()
            json.endObject()
        }
    }
}
