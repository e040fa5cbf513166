import Foundation
import PlanwatchTestSupport

/// Runs the real `systemd-analyze calendar` and reads what it prints, for differential tests.
struct SystemdAnalyze {
    /// What systemd made of one expression.
    struct Result: Equatable {
        var normalized: String
        /// Next elapses in whole seconds since the epoch (systemd prints seconds only).
        var next: [Int64]
    }

    static let path = "/usr/bin/systemd-analyze"

    /// Runs `systemd-analyze calendar` with `TZ=zone` on many expressions at once.
    /// - Returns: the accepted expressions with their results, and the set of rejected ones.
    /// `gaveUp` holds the expressions systemd accepted but could not compute ("Infinite loop in
    /// calendar calculation", which systemd 252 reports for a few expressions near a DST change).
    static func calendar(
        _ expressions: [String], zone: String, baseTime: Int64, iterations: Int
    ) throws -> (accepted: [String: Result], rejected: Set<String>, gaveUp: Set<String>) {
        let output = try runProgram(path, ["calendar", "--base-time=@\(baseTime)", "--iterations=\(iterations)"] + expressions,
                                    environment: ["TZ": zone, "SYSTEMD_COLORS": "0", "SYSTEMD_PAGER": "cat"])
        let stdout = Data(output.stdout.utf8), stderr = Data(output.stderr.utf8)

        var rejected = Set<String>(), gaveUp = Set<String>()
        for line in String(decoding: stderr, as: UTF8.self).split(separator: "\n") {
            for (prefix, isRejection) in [("Failed to parse calendar specification '", true), ("Failed to determine next elapse for '", false)] {
                if line.hasPrefix(prefix), let end = line.range(of: "': ", options: .backwards) {
                    let expression = String(line[line.index(line.startIndex, offsetBy: prefix.count)..<end.lowerBound])
                    if isRejection { rejected.insert(expression) } else { gaveUp.insert(expression) }
                }
            }
        }
        // One block per accepted expression, in order, separated by blank lines; "Original form"
        // is printed only when it differs from the normalised form.
        var accepted: [String: Result] = [:]
        let blocks = String(decoding: stdout, as: UTF8.self).components(separatedBy: "\n\n")
            .filter { $0.contains("Normalized form: ") }
        let acceptedExpressions = expressions.filter { !rejected.contains($0) && !gaveUp.contains($0) }
        guard blocks.count == acceptedExpressions.count else {
            throw SystemdAnalyzeError(message: "\(blocks.count) blocks for \(acceptedExpressions.count) accepted expressions; stderr: \(String(decoding: stderr, as: UTF8.self))")
        }
        let utcZone = zone == "UTC"
        for (expression, block) in zip(acceptedExpressions, blocks) {
            var result = Result(normalized: "", next: [])
            for rawLine in block.split(separator: "\n") {
                let line = rawLine.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("Normalized form: ") {
                    result.normalized = String(line.dropFirst("Normalized form: ".count))
                    continue
                }
                let isNext = line.hasPrefix("Next elapse: ") || line.hasPrefix("Iter. #")
                let isUTC = line.hasPrefix("(in UTC): ")
                guard (utcZone && isNext) || (!utcZone && isUTC), !line.hasSuffix("never") else { continue }
                // "... Mon 2027-03-29 00:30:00 UTC"
                let parts = line.split(separator: " ")
                let date = parts[parts.count - 3], time = parts[parts.count - 2]
                result.next.append(try epochSeconds(date: String(date), time: String(time)))
            }
            accepted[expression] = result
        }
        return (accepted, rejected, gaveUp)
    }

    struct SystemdAnalyzeError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static func epochSeconds(date: String, time: String) throws -> Int64 {
        let d = date.split(separator: "-").compactMap { Int($0) }
        let t = time.split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 3 else { throw CocoaError(.formatting) }
        var components = DateComponents()
        (components.year, components.month, components.day) = (d[0], d[1], d[2])
        (components.hour, components.minute, components.second) = (t[0], t[1], t[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int64(calendar.date(from: components)!.timeIntervalSince1970)
    }
}
