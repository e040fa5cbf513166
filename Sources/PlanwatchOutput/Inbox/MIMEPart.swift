/// One part of a parsed mail: its headers, its type and its decoded body, or its parts.
///
/// A whole mail is a part too (``IncomingMail/root``). A `multipart/*` part has ``parts`` and no
/// body; a `message/rfc822` (or `text/rfc822-headers`) part has its body and, as its one element of
/// ``parts``, the embedded message parsed (for headers only, just its headers).
public struct MIMEPart: Sendable {
    /// The part's header fields in order.
    public var headers: [HeaderField]
    /// `Content-Type`, or ``ContentType/textPlain`` (in a digest ``ContentType/messageRFC822``) when it is missing or invalid.
    public var contentType: ContentType
    /// `Content-Transfer-Encoding`, lowercased; `7bit` when missing.
    public var transferEncoding: String
    /// Whether `Content-Disposition` says `attachment`.
    public var isAttachment: Bool
    /// The body with the transfer encoding undone, line ends as LF; empty for multiparts.
    public var body: [UInt8]
    /// The parts of a multipart, or the embedded message of a `message/rfc822` part.
    public var parts: [MIMEPart]

    /// A part from its pieces.
    public init(headers: [HeaderField], contentType: ContentType, transferEncoding: String = "7bit", isAttachment: Bool = false,
                body: [UInt8] = [], parts: [MIMEPart] = []) {
        self.headers = headers
        self.contentType = contentType
        self.transferEncoding = transferEncoding
        self.isAttachment = isAttachment
        self.body = body
        self.parts = parts
    }

    /// The decoded value of the first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.hasName(name) }?.value
    }

    /// The decoded values of every header called `name`, in order.
    public func headers(_ name: String) -> [String] {
        headers.filter { $0.hasName(name) }.map(\.value)
    }

    /// The body as text in its `charset` (unknown: UTF-8 with U+FFFD), with a byte-order mark
    /// removed and line ends as LF; `nil` unless the part is `text/*`.
    public var text: String? {
        guard contentType.type == "text" else { return nil }
        var text = TextCharset.decode(body, label: contentType.parameter("charset"))
        if text.first == "\u{FEFF}" { text.removeFirst() }
        if text.utf8.contains(MessageLines.carriageReturn) {
            text = String(text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n"))
            text = String(text.map { $0 == "\r" ? "\n" : $0 })
        }
        return text
    }

    /// The first part, depth first through multiparts (not into embedded messages), for which
    /// `predicate` holds; this part itself first.
    public func firstPart(where predicate: (MIMEPart) -> Bool) -> MIMEPart? {
        if predicate(self) { return self }
        guard contentType.type == "multipart" else { return nil }
        for part in parts {
            if let found = part.firstPart(where: predicate) { return found }
        }
        return nil
    }

    /// Every part below this one, depth first, including the parts of embedded messages.
    public var allParts: [MIMEPart] {
        parts.flatMap { [$0] + $0.allParts }
    }
}
