/// One header field of a mail or a MIME part, unfolded.
public struct HeaderField: Sendable, Hashable {
    /// The name as written (`Subject`, `X-Planwatch-Key`); compare with ``hasName(_:)``.
    public let name: String
    /// The value unfolded (line ends removed, the folding whitespace kept) and trimmed, with encoded
    /// words left as written: what address, date and `Content-Type` parsing read.
    public let rawValue: String

    /// A field from its name and raw value.
    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
    }

    /// The value with RFC 2047 encoded words decoded: what unstructured fields (`Subject`) mean.
    public var value: String { HeaderDecoding.decodeEncodedWords(rawValue) }

    /// Whether the field is called `name`, compared case-insensitively (ASCII).
    public func hasName(_ name: String) -> Bool {
        self.name.utf8.count == name.utf8.count && self.name.lowercased() == name.lowercased()
    }
}

extension Array where Element == HeaderField {
    /// The raw value of the first field called `name`.
    func first(named name: String) -> String? {
        first { $0.hasName(name) }?.rawValue
    }
}
