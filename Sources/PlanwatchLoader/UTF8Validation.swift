import Foundation
import PlanwatchCore

/// Where a file stops being UTF-8, for a diagnostic that points at the byte (`3:12`) instead of
/// the start of the file, and says what the text probably is.
enum UTF8Validation {
    /// The first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
    /// no surrogates, nothing above U+10FFFF).
    struct InvalidByte: Hashable, Sendable {
        /// The byte's offset in the data.
        var offset: Int
        /// Its line, from 1.
        var line: Int
        /// Its column, from 1, in characters (as the readers count columns).
        var column: Int
        /// The byte.
        var byte: UInt8

        /// `0xE4`.
        var hex: String {
            let digits = Array("0123456789ABCDEF")
            return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
        }

        /// What the text probably is, and what to do.
        var hint: String {
            if byte == 0xFF || byte == 0xFE, offset == 0 {
                return "this looks like UTF-16 text; save the file as UTF-8"
            }
            if byte >= 0xA0 {
                let latin1 = Character(Unicode.Scalar(byte))
                return "this looks like ISO-8859-1/Windows-1252 text (\(hex) is '\(latin1)' there); save the file as UTF-8"
            }
            if byte >= 0x80 {
                return "this looks like Windows-1252 text; save the file as UTF-8"
            }
            return "save the file as UTF-8"
        }
    }

    /// The first invalid byte of `data`, or `nil` when it is well-formed UTF-8.
    static func firstInvalidByte(in data: Data) -> InvalidByte? {
        data.withUnsafeBytes { firstInvalidByte(in: $0.bindMemory(to: UInt8.self)) }
    }

    /// The first invalid byte of `bytes`, or `nil` when they are well-formed UTF-8.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> InvalidByte? {
        guard let offset = firstInvalidOffset(in: bytes) else { return nil }
        var line = 1, lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self).count + 1
        return InvalidByte(offset: offset, line: line, column: column, byte: bytes[offset])
    }

    /// Whether `bytes` are well-formed UTF-8 (the bulk JSON reader asks before it reads a file).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(in: bytes) == nil
    }

    /// The offset of the first invalid byte. ASCII, most of any file, is skipped eight bytes at a time.
    private static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset < bytes.count {
            if offset + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                offset += 8
                continue
            }
            if bytes[offset] < 0x80 {
                offset += 1
                continue
            }
            let length = sequenceLength(bytes, at: offset)
            guard length > 0 else { return offset }
            offset += length
        }
        return nil
    }

    /// The length of the well-formed sequence at `offset` (2 to 4), or 0 when there is none.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let lead = bytes[offset]
        // The allowed range of the second byte depends on the lead (Unicode, table 3-7).
        let length: Int, second: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return 0
        }
        guard offset + length <= bytes.count, second.contains(bytes[offset + 1]) else { return 0 }
        for index in (offset + 2)..<(offset + length) where !(0x80...0xBF).contains(bytes[index]) { return 0 }
        return length
    }

    /// The text of a file's contents; when they are not UTF-8, `nil` and an error at the first
    /// invalid byte.
    static func text(of data: Data, file: String, diagnostics: DiagnosticCollector) -> String? {
        if let text = String(data: data, encoding: .utf8) { return text }
        guard let invalid = firstInvalidByte(in: data) else {
            diagnostics.error(SourceLocation(file: file, line: 1, column: 1), "the file is not UTF-8 text")
            return nil
        }
        diagnostics.error(SourceLocation(file: file, line: invalid.line, column: invalid.column),
                          "the file is not UTF-8 text: byte \(invalid.hex) is not valid UTF-8", hint: invalid.hint)
        return nil
    }

    /// The text of the file at `path`, as ``text(of:file:diagnostics:)``; a file that cannot be read
    /// is reported with `unreadable`.
    static func text(ofFile path: String, diagnostics: DiagnosticCollector,
                     unreadable: String = "cannot read the file") -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error(SourceLocation(file: path), unreadable)
            return nil
        }
        return text(of: data, file: path, diagnostics: diagnostics)
    }
}
