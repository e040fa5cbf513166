import Foundation
import PlanwatchCore
@testable import PlanwatchLoader
import Testing

/// A large bulk file is read in two halves at once, the second from a guessed item start: the
/// result must be exactly that of one reader, whether the guess was right or not.
@Suite struct JSONHalvesTests {
    /// The items and diagnostics of reading `text` in halves, whether it was halved, and the same
    /// read by one reader from the start.
    func both(_ text: String) throws -> (halved: Bool, items: [PlanItem], diagnostics: [Diagnostic],
                                         oneReader: [PlanItem], oneReaderDiagnostics: [Diagnostic]) {
        let bytes = Array(text.utf8)
        #expect(bytes.count >= JSONItemsReader.halvingSize)
        return try bytes.withUnsafeBufferPointer { buffer in
            let halves = JSONItemsReader(file: "items.json", diagnostics: DiagnosticCollector(), sites: ReferenceSites())
            let result = try #require(halves.readInHalves(buffer))
            let one = JSONItemsReader(file: "items.json", diagnostics: DiagnosticCollector(), sites: ReferenceSites())
            var cursor = JSONItemsReader.Cursor(bytes: buffer)
            let items = try one.parseDocument(&cursor)
            return (result.halved, result.items, halves.diagnostics.all.sorted(), items, one.diagnostics.all.sorted())
        }
    }

    static func item(_ index: Int) -> String {
        switch index {
        case 150: #"{"id": "t150", "kind": "task", "title": "Uppgift 150", "due": "2027-02-30"}"#
        case 6_000: #"{"id": "t6000", "kind": "task", "title": "Uppgift 6000", "owner": "p1", "colour": "blå"}"#
        case 6_500:
            #"{"id": "t6500", "kind": "task", "title": "Uppgift \"6500\"", "completed": [{"on": "2027-01-29", "when": "x"}]}"#
        default:
            #"{"id": "t\#(index)", "kind": "task", "title": "Uppgift \#(index) med en lite längre titel", "labels": {"plan": "bench", "n": "\#(index % 3)"}, "unit": "u\#(index % 7)", "due": "2027-03-10"}"#
        }
    }

    @Test func itemsAndProblemsOfTheSecondHalfKeepTheirLines() throws {
        let text = "{\"items\": [\n" + (0..<9_000).map(Self.item).joined(separator: ",\n") + "\n]}\n"
        let result = try both(text)
        #expect(result.halved)
        #expect(result.items.count == 9_000)
        #expect(result.items == result.oneReader)
        #expect(result.diagnostics == result.oneReaderDiagnostics)
        // Line n + 2 holds item n (the first line is the document's opening).
        let lines = result.diagnostics.map { "\($0.location.line): \($0.message)" }
        #expect(lines == ["152: due '2027-02-30' is not a date that exists", "6002: unknown key 'colour' in an item",
                          "6502: unknown key 'when' in a completion"])
        #expect(result.items[8_999].location == SourceLocation(file: "items.json", line: 9_001, column: 1))
        #expect(result.items[6_500].completed.first?.location.line == 6_502)
    }

    @Test func aWrongGuessInsideAnItemLeavesTheWholeFileToTheFirstHalf() throws {
        // Every line that begins with '{' is a completion inside an item: the guess is always wrong.
        let items = (0..<14_000).map { index in
            #"{"id": "t\#(index)", "kind": "task", "title": "Uppgift \#(index)", "completed": ["# + "\n"
                + #"{"on": "2027-01-29", "note": "klar"}]}"#
        }
        let text = "{\"items\": [" + items.joined(separator: ", ") + "]}"
        let result = try both(text)
        #expect(!result.halved)
        #expect(result.items.count == 14_000)
        #expect(result.items == result.oneReader)
        #expect(result.diagnostics.isEmpty && result.oneReaderDiagnostics.isEmpty)
    }
}
