/// Parses a message into ``MIMEPart``s, best effort and bounded: a missing closing boundary ends
/// the last part at the end; a boundary that matches nothing is guessed from the body (a `--x`
/// line followed by a `Content-` header), else the body is one part; nesting stops at
/// ``maximumDepth`` and after ``maximumParts`` parts (deeper content stays an undecoded body).
/// Every step is one pass over the lines it was given, so no input can make it loop.
struct MIMEParser {
    static let maximumDepth = 16
    static let maximumParts = 1_000
    private var remainingParts = MIMEParser.maximumParts

    /// A whole message (a mail, or one embedded in a `message/rfc822` part).
    mutating func message(_ bytes: [UInt8], depth: Int = 0) -> MIMEPart {
        let lines = MessageLines.of(bytes)
        return part(bytes, lines[...], depth: depth, defaultType: .textPlain, isMessage: true, hasHeaders: true)
    }

    private mutating func part(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, depth: Int, defaultType: ContentType,
                               isMessage: Bool, hasHeaders: Bool) -> MIMEPart {
        remainingParts -= 1
        let (fields, bodyStart) = hasHeaders ? HeaderBlock.parse(bytes, lines, skippingMboxLine: isMessage) : ([], lines.startIndex)
        let body = lines[bodyStart...]
        let contentType = fields.first(named: "Content-Type").flatMap(ContentType.init(parsing:)) ?? defaultType
        let encoding = fields.first(named: "Content-Transfer-Encoding").map { HeaderBlock.trimmed($0).lowercased() } ?? "7bit"
        let disposition = fields.first(named: "Content-Disposition").map { HeaderParameters.parse($0).value }
        var result = MIMEPart(headers: fields, contentType: contentType, transferEncoding: encoding, isAttachment: disposition == "attachment")
        let mayDescend = depth < Self.maximumDepth && remainingParts > 0

        switch (contentType.type, contentType.subtype) {
        case ("multipart", let subtype) where mayDescend:
            // A multipart must not be transfer-encoded; some are, so decode first when needed.
            var buffer = bytes
            var content = body
            if !TransferDecoding.isIdentity(encoding) {
                buffer = TransferDecoding.decode(bytes, body, encoding: encoding)
                content = MessageLines.of(buffer)[...]
            }
            let childType: ContentType = subtype == "digest" ? .messageRFC822 : .textPlain
            for (slice, headed) in Self.split(buffer, content, boundary: contentType.parameter("boundary")) {
                guard remainingParts > 0 else { break }
                result.parts.append(part(buffer, slice, depth: depth + 1, defaultType: childType, isMessage: false, hasHeaders: headed))
            }
        case ("message", "rfc822"), ("message", "global"), ("text", "rfc822-headers"), ("message", "rfc822-headers"):
            result.body = TransferDecoding.decode(bytes, body, encoding: encoding)
            if mayDescend { result.parts = [message(result.body, depth: depth + 1)] }
        default:
            result.body = TransferDecoding.decode(bytes, body, encoding: encoding)
        }
        return result
    }

    /// The parts of a multipart body as line ranges, each saying whether it starts with headers.
    static func split(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, boundary: String?) -> [(ArraySlice<Range<Int>>, Bool)] {
        if let boundary, !boundary.isEmpty, let parts = split(bytes, lines, at: Array(boundary.utf8)) {
            return parts.map { ($0, true) }
        }
        if let guessed = guessBoundary(bytes, lines), let parts = split(bytes, lines, at: guessed) {
            return parts.map { ($0, true) }
        }
        // No boundary at all: the body is one part, with headers only when it starts with a MIME header.
        let headed = lines.first.map { startsWithContentHeader(bytes, $0) } ?? false
        return [(lines, headed)]
    }

    /// The parts between `--boundary` lines, or `nil` when no line is a delimiter.
    private static func split(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, at boundary: [UInt8]) -> [ArraySlice<Range<Int>>]? {
        var parts: [ArraySlice<Range<Int>>] = []
        var partStart: Int?
        var matched = false
        for index in lines.indices {
            guard let closing = delimiter(bytes, lines[index], boundary) else { continue }
            matched = true
            if let start = partStart { parts.append(lines[start..<index]) }
            if closing { return parts }
            partStart = index + 1
        }
        if let start = partStart { parts.append(lines[start..<lines.endIndex]) }
        return matched ? parts : nil
    }

    /// Whether `line` is `--boundary` (`false`) or `--boundary--` (`true`), trailing spaces allowed.
    private static func delimiter(_ bytes: [UInt8], _ line: Range<Int>, _ boundary: [UInt8]) -> Bool? {
        let length = boundary.count + 2
        guard line.count >= length, bytes[line.lowerBound] == UInt8(ascii: "-"), bytes[line.lowerBound + 1] == UInt8(ascii: "-"),
              bytes[(line.lowerBound + 2)..<(line.lowerBound + length)].elementsEqual(boundary) else { return nil }
        var rest = bytes[(line.lowerBound + length)..<line.upperBound]
        var closing = false
        if rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) {
            closing = true
            rest = rest.dropFirst(2)
        }
        return rest.allSatisfy { $0 == 0x20 || $0 == 0x09 } ? closing : nil
    }

    /// The boundary of the first `--x` line (no spaces in `x`) that is followed by a `Content-` header.
    private static func guessBoundary(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>) -> [UInt8]? {
        for index in lines.indices where index + 1 < lines.endIndex {
            let line = lines[index]
            guard line.count > 2, bytes[line.lowerBound] == UInt8(ascii: "-"), bytes[line.lowerBound + 1] == UInt8(ascii: "-") else { continue }
            var candidate = bytes[(line.lowerBound + 2)..<line.upperBound]
            while let last = candidate.last, last == 0x20 || last == 0x09 { candidate = candidate.dropLast() }
            guard !candidate.isEmpty, candidate.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), startsWithContentHeader(bytes, lines[index + 1]) else { continue }
            return Array(candidate)
        }
        return nil
    }

    private static func startsWithContentHeader(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        let prefix = Array("content-".utf8)
        guard line.count > prefix.count else { return false }
        return zip(bytes[line.lowerBound..<(line.lowerBound + prefix.count)], prefix).allSatisfy { $0 | 0x20 == $1 }
    }
}
