import Foundation
@testable import PlanwatchLoader
import Testing

/// The first byte that is not UTF-8, with its line and its column in characters.
@Suite struct UTF8ValidationTests {
    func invalid(_ bytes: [UInt8]) -> UTF8Validation.InvalidByte? {
        UTF8Validation.firstInvalidByte(in: Data(bytes))
    }

    @Test func wellFormedTextHasNoInvalidByte() {
        #expect(invalid(Array("rubrik: \"Åtgärd – uppföljning 😀\"\nrad två\n".utf8)) == nil)
        #expect(invalid([]) == nil)
        #expect(invalid(Array(String(repeating: "ascii text ", count: 100).utf8)) == nil)
    }

    @Test func aLatin1ByteIsFoundOnItsLineAndColumn() throws {
        // "titel: Åtgärd\nPersonalomsättning" in ISO-8859-1 after a first line in UTF-8.
        let bytes = Array("första: ä\n".utf8) + Array("Personaloms".utf8) + [0xE4] + Array("ttning\n".utf8)
        let found = try #require(invalid(bytes))
        #expect((found.line, found.column, found.byte) == (2, 12, 0xE4))
        #expect(found.hint == "this looks like ISO-8859-1/Windows-1252 text (0xE4 is 'ä' there); save the file as UTF-8")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let bytes = Array("åäö€😀".utf8) + [0x96]
        #expect(try #require(invalid(bytes)).column == 6)
        #expect(try #require(invalid(bytes)).hint == "this looks like Windows-1252 text; save the file as UTF-8")
    }

    @Test(arguments: [
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xC3], [0xE2, 0x82], [0x80], [0xFF],
    ] as [[UInt8]])
    func overlongFormsSurrogatesAndTruncatedSequencesAreInvalid(sequence: [UInt8]) throws {
        let found = try #require(invalid(Array("abcdefghij".utf8) + sequence))
        #expect((found.offset, found.column) == (10, 11))
    }

    @Test func aByteOrderMarkOfUTF16IsNamed() throws {
        #expect(try #require(invalid([0xFF, 0xFE, 0x61, 0x00])).hint == "this looks like UTF-16 text; save the file as UTF-8")
    }

    @Test func theFileIsReportedAtTheByte() {
        let diagnostics = DiagnosticCollector()
        let text = UTF8Validation.text(of: Data(Array("a: 1\nb: ".utf8) + [0xE5]), file: "f.yaml", diagnostics: diagnostics)
        #expect(text == nil)
        #expect(diagnostics.all.map(\.description) == [
            "f.yaml:2:4: error: the file is not UTF-8 text: byte 0xE5 is not valid UTF-8\n    hint: this looks like ISO-8859-1/Windows-1252 text (0xE5 is 'å' there); save the file as UTF-8",
        ])
    }
}
