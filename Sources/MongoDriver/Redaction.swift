import Foundation
import Synchronization

/// The one function that makes text safe to show: every error, log line, event, report, summary and
/// terminal line goes through ``redact(_:)`` before a person or a collector can see it.
///
/// It removes, wherever they appear in the text:
/// - the user information of every URL or URI (`scheme://user:password@host` becomes
///   `scheme://[redacted]@host`), up to the last `@` of the address, so a password holding an unencoded
///   `@` or `/` is removed whole;
/// - every secret registered with ``register(secret:)`` (the MongoDB URI's password, each Plane API key
///   read), also percent-encoded and decoded;
/// - Plane API keys by their form (`plane_api_…`) and the value of an `X-Api-Key` header.
public enum Redaction {
    private static let secrets = Mutex<Set<String>>([])

    /// Remembers a secret so that ``redact(_:)`` removes it from any text, for the life of the process.
    public static func register(secret: String) {
        guard secret.count >= 3 else { return }  // shorter would mangle ordinary words and still reveal little
        secrets.withLock { set in
            set.insert(secret)
            if let encoded = secret.addingPercentEncodingForURI(), encoded != secret { set.insert(encoded) }
            if let decoded = secret.removingPercentEncoding, decoded != secret, decoded.count >= 3 {
                set.insert(decoded)
            }
        }
    }

    public static func redact(_ text: String) -> String {
        let known = secrets.withLock { $0 }
        var result = text
        // Longest first, so a secret that contains another is removed whole.
        for secret in known.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        if result.contains("://") {
            // Greedy up to the last `@` before a space or a quote: an unencoded `@`, `/` or `?` in a password
            // cannot leave a tail behind. An address with `@` in its path loses that much of it; safe first.
            result = result.replacing(/([A-Za-z][A-Za-z0-9+.\-]*:\/\/)[^\s"'<>`]*@/) { match in
                "\(match.output.1)[redacted]@"
            }
        }
        if result.contains("plane_api_") {
            result = result.replacing(/plane_api_[0-9A-Za-z]+/, with: "plane_api_[redacted]")
        }
        if result.range(of: "x-api-key", options: .caseInsensitive) != nil {
            result = result.replacing(/(?i)(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/) { match in
                "\(match.output.1)[redacted]"
            }
        }
        return result
    }

    /// The address without its user information, for links people follow and lines they read.
    public static func withoutUserInfo(_ url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            components.user != nil || components.password != nil
        else { return url }
        components.user = nil
        components.password = nil
        return components.url ?? url
    }

    /// `url` as a person may see it: no user information, and nothing else secret.
    public static func display(_ url: URL) -> String {
        redact(withoutUserInfo(url).absoluteString)
    }
}

extension String {
    /// Percent-encodes everything but unreserved characters, as a password appears in a URI.
    fileprivate func addingPercentEncodingForURI() -> String? {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
