/// `value; name=token; name="quoted"` headers (`Content-Type`, `Content-Disposition`).
enum HeaderParameters {
    /// The lowercased main value (comments removed) and the parameters.
    static func parse(_ raw: String) -> (value: String, parameters: [String: String]) {
        let segments = split(raw)
        let value = HeaderBlock.trimmed(segments.first ?? "").lowercased()
        var plain: [String: String] = [:]
        var pieces: [String: [(index: Int, extended: Bool, value: String)]] = [:]
        for segment in segments.dropFirst() {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            let name = HeaderBlock.trimmed(String(segment[..<equals])).lowercased()
            let text = unquote(HeaderBlock.trimmed(String(segment[segment.index(after: equals)...])))
            guard !name.isEmpty else { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                var rest = name[name.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                if rest.hasSuffix("*") { rest = rest.dropLast() }
                let index = rest.isEmpty ? 0 : Int(rest) ?? Int.max
                pieces[base, default: []].append((index, extended, text))
            } else if plain[name] == nil {
                plain[name] = text
            }
        }
        for (name, parts) in pieces {
            var charset: String?
            var bytes: [UInt8] = []
            for part in parts.sorted(by: { $0.index < $1.index }) where part.index != Int.max {
                guard part.extended else {
                    bytes += Array(part.value.utf8)
                    continue
                }
                var text = Substring(part.value)
                if part.index == 0 {
                    let fields = part.value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if fields.count == 3 {
                        charset = String(fields[0])
                        text = fields[2]
                    }
                }
                bytes += percentDecoded(text)
            }
            plain[name] = TextCharset.decode(bytes, label: charset)
        }
        return (value, plain)
    }

    /// `raw` split at the semicolons outside quoted strings, with comments dropped.
    private static func split(_ raw: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var inQuotes = false, escaped = false, commentDepth = 0
        for character in raw {
            if inQuotes {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inQuotes = false }
                continue
            }
            if commentDepth > 0 {
                if character == "(" { commentDepth += 1 } else if character == ")" { commentDepth -= 1 }
                continue
            }
            switch character {
            case "\"":
                inQuotes = true
                current.append(character)
            case "(": commentDepth = 1
            case ";":
                segments.append(current)
                current = ""
            default: current.append(character)
            }
        }
        segments.append(current)
        return segments
    }

    /// A quoted string without its quotes and escapes; other text as it is.
    private static func unquote(_ text: String) -> String {
        guard text.first == "\"" else { return text }
        var result = ""
        var escaped = false
        for character in text.dropFirst() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        var result: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = TransferDecoding.hexValue(bytes[index + 1]), let low = TransferDecoding.hexValue(bytes[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }
}
