public import PlanwatchCore

/// A received mail (a reply to a reminder, a bounce, an auto-reply), parsed from its raw RFC 5322
/// bytes without I/O and without ever failing: what cannot be read is missing, not an error.
///
/// Line ends may be CRLF, LF or CR. Mails larger than the size limit are parsed for their headers
/// only (``isTruncated``): no body, no parts, no text.
public struct IncomingMail: Sendable {
    /// The size limit of ``init(_:sizeLimit:)`` unless given: 2 MiB, far above any typed reply.
    public static let defaultSizeLimit = 2 * 1024 * 1024

    /// The size of the raw mail in bytes.
    public let size: Int
    /// The size limit the mail was parsed with.
    public let sizeLimit: Int
    /// Whether the mail was larger than its size limit, so that only its headers were parsed.
    public let isTruncated: Bool
    /// The mail as a MIME tree: its headers, type, and parts or body.
    public let root: MIMEPart

    /// Parses a raw mail.
    /// - Parameters:
    ///   - bytes: the mail as delivered (a Maildir file).
    ///   - sizeLimit: above this many bytes only the headers (within the first `sizeLimit` bytes) are parsed.
    public init(_ bytes: some Collection<UInt8>, sizeLimit: Int = IncomingMail.defaultSizeLimit) {
        size = bytes.count
        self.sizeLimit = sizeLimit
        if size > sizeLimit {
            isTruncated = true
            let head = Array(bytes.prefix(max(0, sizeLimit)))
            let fields = HeaderBlock.parse(head, MessageLines.of(head)[...], skippingMboxLine: true).fields
            root = MIMEPart(headers: fields, contentType: fields.first(named: "Content-Type").flatMap(ContentType.init(parsing:)) ?? .textPlain,
                            transferEncoding: fields.first(named: "Content-Transfer-Encoding").map { HeaderBlock.trimmed($0).lowercased() } ?? "7bit")
        } else {
            isTruncated = false
            var parser = MIMEParser()
            root = parser.message(Array(bytes))
        }
    }

    /// A mail around an already parsed tree (an embedded `message/rfc822`).
    public init(root: MIMEPart) {
        self.root = root
        self.size = root.body.count
        self.sizeLimit = Int.max
        self.isTruncated = false
    }

    // MARK: Headers

    /// Every header field of the mail (not of its parts), in order.
    public var fields: [HeaderField] { root.headers }

    /// The decoded value of the first header called `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? { root.header(name) }

    /// The decoded values of every header called `name`, in order (`Received`, `X-Planwatch-Key`).
    public func headers(_ name: String) -> [String] { root.headers(name) }

    /// The raw (undecoded) value of the first header called `name`.
    public func rawHeader(_ name: String) -> String? { root.headers.first(named: name) }

    /// `Message-ID` as `<id@domain>` (the first angle-bracketed part, else the trimmed value in brackets); `nil` when missing or empty.
    public var messageID: String? { rawHeader("Message-ID").flatMap(Self.messageIdentifier) }

    /// `In-Reply-To` as `<id@domain>`, or `nil`.
    public var inReplyTo: String? { rawHeader("In-Reply-To").flatMap(Self.messageIdentifier) }

    /// When the sender says the mail was written (`Date`); `nil` when missing or unparsable (see ``MailDate``).
    public var date: Instant? { rawHeader("Date").flatMap(MailDate.parse) }

    /// The first mailbox of `From`; `nil` when missing or without an address. Anyone can write any `From`.
    public var from: MailAddress? { rawHeader("From").flatMap { MailAddress.list(parsing: $0).first } }

    /// The decoded `Subject`, or `nil`.
    public var subject: String? { header("Subject") }

    /// The mailboxes of every `To` header.
    public var to: [MailAddress] { addresses("To") }

    /// The mailboxes of every `Cc` header.
    public var cc: [MailAddress] { addresses("Cc") }

    /// The mailboxes of every `Reply-To` header.
    public var replyTo: [MailAddress] { addresses("Reply-To") }

    /// The addresses of every `Delivered-To` header, topmost (the last delivery, e.g. Postfix's) first.
    public var deliveredTo: [String] { addresses("Delivered-To").map(\.address) }

    /// The addresses of every `X-Original-To` header (the envelope recipient before aliasing), topmost first.
    public var originalTo: [String] { addresses("X-Original-To").map(\.address) }

    /// The envelope sender Postfix recorded (`Return-Path`): `""` for the null sender `<>` of bounces
    /// and auto-replies, `nil` when there is no such header.
    public var returnPath: String? {
        guard let raw = rawHeader("Return-Path") else { return nil }
        return MailAddress.list(parsing: raw).first?.address ?? ""
    }

    private func addresses(_ name: String) -> [MailAddress] {
        root.headers.filter { $0.hasName(name) }.flatMap { MailAddress.list(parsing: $0.rawValue) }
    }

    static func messageIdentifier(_ raw: String) -> String? {
        if let open = raw.firstIndex(of: "<"), let close = raw[open...].firstIndex(of: ">"), raw.index(after: open) < close {
            return String(raw[open...close]).filter { !$0.isWhitespace }
        }
        let value = HeaderBlock.trimmed(raw)
        return value.isEmpty ? nil : "<\(value)>"
    }

    // MARK: Body

    /// The mail's `Content-Type` (``ContentType/textPlain`` when missing).
    public var contentType: ContentType { root.contentType }

    /// The first `text/plain` part that is not an attachment, depth first through multiparts (so
    /// in `multipart/alternative` the plain text wins over HTML); never inside an embedded message.
    /// `nil` for HTML-only mail, mail without text, and truncated mail.
    public var textPart: MIMEPart? {
        guard !isTruncated else { return nil }
        if root.contentType.mediaType == "text/plain" { return root }
        return root.firstPart { $0.contentType.mediaType == "text/plain" && !$0.isAttachment }
    }

    /// The text of ``textPart`` (line ends LF), or `nil`.
    public var text: String? { textPart?.text }

    /// The first `multipart/report` (RFC 6522) of the mail, or `nil`.
    public var report: MailReport? {
        root.firstPart { $0.contentType.mediaType == "multipart/report" }.map {
            MailReport(reportType: ($0.contentType.parameter("report-type") ?? "").lowercased(), parts: $0.parts)
        }
    }
}
