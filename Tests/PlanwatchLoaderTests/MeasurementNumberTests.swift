import Foundation
import PlanwatchCore
@testable import PlanwatchLoader
import Testing

/// Measurement values are plain decimal numbers (docs/rules.md, "Measurements"); what Swift's
/// `Double(_:)` also reads — `0x10` (16), `1e3`, `inf` — is refused.
@Suite struct MeasurementNumberTests {
    @Test(arguments: [
        ("17", 17.0), ("-3", -3.0), ("+5", 5.0), ("17.5", 17.5), ("17,5", 17.5), ("-0,5", -0.5), ("007", 7.0),
        ("0.125", 0.125),
    ])
    func plainDecimalsAreRead(text: String, value: Double) {
        #expect(PlainDecimal.value(of: text) == value)
    }

    @Test(arguments: [
        "0x10", "0X1F", "inf", "-inf", "infinity", "nan", "1e400", "1e3", "1E-5", "5.", ".5", ",5", "1_000", "1 000",
        "١٢", "１２", "17,5,1", "1.2.3", "--5", "+", "", "5 ", "0b101", "1,000.5",
    ])
    func anythingElseIsNotANumber(text: String) {
        #expect(PlainDecimal.value(of: text) == nil)
    }

    @Test func aCSVCellIsTrimmedAndAQuotedCommaIsADecimalComma() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planwatch-numbers-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "unit,metric,period,value\nfarsta,cases,2026-10, 5\nfarsta,cases,2026-11,\"17,5\"\nfarsta,cases,2026-12,0x10\n"
            .write(to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let diagnostics = DiagnosticCollector()
        let text = try String(contentsOf: folder.appendingPathComponent("m.csv"), encoding: .utf8)
        let measurements = MeasurementsReader(file: "m.csv", diagnostics: diagnostics).read(text)
        #expect(measurements.map(\.value) == [5, 17.5])
        #expect(diagnostics.all.map(\.description) == ["m.csv:4:22: error: '0x10' is not a number"])
    }
}
