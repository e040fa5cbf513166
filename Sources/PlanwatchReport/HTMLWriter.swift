/// Writes HTML (and inline SVG) as UTF-8 bytes: elements with attributes, text escaped.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }

    /// Markup as it is (for the document's fixed parts and the style sheet).
    mutating func raw(_ markup: String) { bytes += markup.utf8 }

    /// Text, with `&`, `<`, `>`, `"` and `'` escaped.
    mutating func text(_ text: String) { escape(text) }

    /// `<name attributes>`; attributes with a `nil` value are left out.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        bytes.append(UInt8(ascii: "<"))
        bytes += name.utf8
        for (key, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            bytes += key.utf8
            bytes += "=\"".utf8
            escape(value)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    /// `</name>`.
    mutating func close(_ name: String) {
        bytes += "</".utf8
        bytes += name.utf8
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<name attributes>text</name>`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ content: String) {
        open(name, attributes)
        text(content)
        close(name)
    }

    /// An element without content or end tag, SVG style: `<line … />`.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        open(name, attributes)
        bytes.removeLast()
        bytes += "/>".utf8
    }

    /// A newline, to keep the source readable.
    mutating func newline() { bytes.append(0x0A) }

    private mutating func escape(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            case UInt8(ascii: "'"): bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
    }
}

/// A coordinate or length in SVG: at most one decimal, `.` as the separator.
func svgNumber(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
