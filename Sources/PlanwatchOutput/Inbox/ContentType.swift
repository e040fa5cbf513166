/// A MIME media type with its parameters (`text/plain; charset=iso-8859-1`).
public struct ContentType: Sendable, Hashable, CustomStringConvertible {
    /// The top-level type, lowercased (`text`, `multipart`, `message`).
    public var type: String
    /// The subtype, lowercased (`plain`, `alternative`, `report`).
    public var subtype: String
    /// The parameters by lowercased name, values unquoted; RFC 2231 continuations and charsets
    /// (`filename*0*=utf-8''…`) joined and decoded.
    public var parameters: [String: String]

    /// A media type from its parts (lowercased here).
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// The type of a part without a (valid) `Content-Type`: `text/plain; charset=us-ascii` (RFC 2045 § 5.2).
    public static let textPlain = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    /// The default type of the parts of a `multipart/digest`.
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// A `Content-Type` value, or `nil` when it has no `type/subtype`.
    public init?(parsing raw: String) {
        let (value, parameters) = HeaderParameters.parse(raw)
        let parts = value.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let type = HeaderBlock.trimmed(String(parts[0])), subtype = HeaderBlock.trimmed(String(parts[1]))
        guard !type.isEmpty, !subtype.isEmpty, !type.contains(" "), !subtype.contains(" ") else { return nil }
        self.init(type: type, subtype: subtype, parameters: parameters)
    }

    /// `type/subtype`.
    public var mediaType: String { type + "/" + subtype }

    /// The value of a parameter (name compared case-insensitively).
    public func parameter(_ name: String) -> String? { parameters[name.lowercased()] }

    /// `type/subtype` (parameters left out).
    public var description: String { mediaType }
}
