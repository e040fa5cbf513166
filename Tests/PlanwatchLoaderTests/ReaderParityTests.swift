import Foundation
import PlanwatchCore
@testable import PlanwatchLoader
import Testing

/// The bulk JSON reader and the general reader (YAML, which reads JSON too) share one item schema:
/// the same JSON file gives the same diagnostics through either — the same words at the same line
/// and column of the offending value.
@Suite struct ReaderParityTests {
    static let corpus = InvalidCorpusTests.corpus

    /// The invalid-corpus cases whose problems are in items, which JSON can express: the case with
    /// its `items:` moved into an `items.json` file.
    static var itemCases: [String] {
        InvalidCorpusTests.cases.filter { name in
            let folder = corpus.appendingPathComponent(name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return files.contains("items.json") || files.contains { file in
                file.hasSuffix(".yaml") && ((try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "")
                    .contains("\nitems:")
            }
        }
    }

    /// A copy of the case where every YAML file's `items:` is in a JSON file of its own, one item a line.
    func asJSON(_ name: String) throws -> URL {
        let source = Self.corpus.appendingPathComponent(name)
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let script = """
            import json, sys, yaml
            source, target = sys.argv[1], sys.argv[2]
            import os, shutil
            for name in sorted(os.listdir(source)):
                if name == "expected.txt":
                    continue
                path = os.path.join(source, name)
                if not name.endswith(".yaml"):
                    shutil.copy(path, os.path.join(target, name))
                    continue
                data = yaml.load(open(path, encoding="utf-8"), Loader=yaml.BaseLoader)
                if not isinstance(data, dict) or "items" not in data or not isinstance(data["items"], list):
                    shutil.copy(path, os.path.join(target, name))
                    continue
                items = data.pop("items")
                with open(os.path.join(target, name[:-5] + "-items.json"), "w", encoding="utf-8") as out:
                    out.write('{"items": [\\n' + ",\\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items) + "\\n]}\\n")
                if data:
                    with open(os.path.join(target, name), "w", encoding="utf-8") as out:
                        out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\\n")
            """
        let output = try runProgram("/usr/bin/env", ["python3", "-c", script, source.path, target.path])
        #expect(output.status == 0, "\(output.stderr)")
        return target
    }

    func diagnostics(_ folder: URL, bulk: Bool) throws -> [String] {
        let project = try ProjectLoader.read(paths: [folder.path], configuration: Configuration(), bulkJSON: bulk).checked()
        return project.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
    }

    @Test func theCorpusHasCasesInItems() {
        #expect(Self.itemCases.count >= 8, "\(Self.itemCases)")
    }

    @Test(arguments: itemCases)
    func bothReadersReportTheSameProblemsAtTheSamePlaces(name: String) throws {
        let folder = try asJSON(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bulk = try diagnostics(folder, bulk: true)
        let general = try diagnostics(folder, bulk: false)
        #expect(!bulk.isEmpty)
        #expect(bulk == general, "\(name)")
    }

    /// A bulk file of one item a line with the labels objects `labels` ("" for none), in `folder`.
    func writeItems(_ labels: [String], to folder: URL) throws {
        let items = labels.enumerated().map { index, labels in
            #"{"id": "i\#(index)", "kind": "task", "title": "t""# + (labels.isEmpty ? "" : ", " + labels) + "}"
        }
        try ("{\"items\": [\n" + items.joined(separator: ",\n") + "\n]}\n")
            .write(to: folder.appendingPathComponent("items.json"), atomically: true, encoding: .utf8)
    }

    /// Each item's labels, in item order, and the diagnostics, through one reader.
    func labelsAndDiagnostics(_ folder: URL, bulk: Bool) throws -> (labels: [[String: String]], diagnostics: [String]) {
        let project = try ProjectLoader.read(paths: [folder.path], configuration: Configuration(), bulkJSON: bulk).checked()
        return (project.plan.items.sorted { Int($0.id.dropFirst())! < Int($1.id.dropFirst())! }.map(\.labels),
                project.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") })
    }

    /// The bulk reader takes an item's labels from the previous item's when they are written the
    /// same: items whose labels repeat, change, go missing, span lines or have a bad value get the
    /// labels (and diagnostics) the general reader gives them.
    @Test func repeatedLabelsAreTheLabelsTheGeneralReaderReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = [#""labels": {"plan": "p1", "area": "a"}"#, #""labels": {"plan": "p1", "area": "a"}"#,
                      #""labels": {"plan": "p1", "area": "b"}"#, "", #""labels": {"plan": "p1", "area": "b"}"#,
                      #""labels": {"plan": "p1", "area": "b"}"#, #""labels": {"plan": "p1",\#n "area": "b"}"#,
                      #""labels": {"plan": "p1",\#n "area": "b"}"#, #""labels": {"plan": ["x"], "area": "b"}"#,
                      #""labels": {"plan": ["x"], "area": "b"}"#, #""labels": {"plan": "p1", "area": "b"}"#,
                      #""labels": {"area": "b", "plan": "p1"}"#, #""labels": {}"#, #""labels": {}"#, #""labels": {"plan": "p2"}"#]
        try writeItems(labels, to: folder)
        let bulk = try labelsAndDiagnostics(folder, bulk: true), general = try labelsAndDiagnostics(folder, bulk: false)
        #expect(bulk.labels.count == labels.count, "\(bulk.diagnostics)")
        #expect(bulk.labels == general.labels)
        #expect(bulk.diagnostics == general.diagnostics)
        #expect(bulk.diagnostics.count == 2, "\(bulk.diagnostics)")
        #expect(bulk.labels[3] == [:] && bulk.labels[4] == ["plan": "p1", "area": "b"] && bulk.labels[14] == ["plan": "p2"])
    }

    /// A key given twice in an item, in its labels or in a completion: JSON leaves it open what that
    /// means, and the general reader refuses the file (later values would silently win); the bulk
    /// reader says the same.
    @Test(arguments: [#""labels": {"plan": "p1"}, "labels": {"area": "c"}"#, #""labels": {"area": "b", "area": "d"}"#,
                      #""title": "again""#, #""completed": [{"on": "2027-01-02", "on": "2027-01-03"}]"#])
    func aKeyGivenTwiceIsRefusedAsTheGeneralReaderRefusesIt(twice: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-twice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeItems([#""labels": {"plan": "p1"}"#, twice, #""labels": {"plan": "p1"}"#], to: folder)
        let bulk = try labelsAndDiagnostics(folder, bulk: true), general = try labelsAndDiagnostics(folder, bulk: false)
        #expect(bulk.diagnostics == general.diagnostics)
        #expect(bulk.diagnostics.contains { $0.contains("duplicate key") }, "\(bulk.diagnostics)")
        #expect(bulk.labels == general.labels)
    }
}

/// Runs a program and returns its status and output.
func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
