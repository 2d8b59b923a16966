/// Decodes the character references that matter here: numeric ones and a few named ones.
/// Unknown named references are left as written (and re-escaped as text later).
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "#39": "'",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            if let semi = rest[afterAmp...].prefix(12).firstIndex(of: ";"),
                let decoded = decodeReference(String(rest[afterAmp..<semi]))
            {
                out += decoded
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest[afterAmp...]
            }
        }
        return out + rest
    }

    private static func decodeReference(_ body: String) -> String? {
        if let value = named[body] { return value }
        guard body.hasPrefix("#") else { return nil }
        let digits = body.dropFirst()
        let code: UInt32?
        if digits.hasPrefix("x") || digits.hasPrefix("X") {
            code = UInt32(digits.dropFirst(), radix: 16)
        } else {
            code = UInt32(digits, radix: 10)
        }
        guard let code, code != 0, let scalar = Unicode.Scalar(code) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }
}
