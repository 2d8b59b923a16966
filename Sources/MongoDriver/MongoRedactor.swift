import Foundation
import Synchronization

/// Keeps the secrets of every client's URI (passwords) and removes them from any text before it is
/// shown: error descriptions, libmongoc's log lines. Secrets are registered when a client is made.
enum MongoRedactor {
    private static let secrets = Mutex<Set<String>>([])

    static func register(_ secret: String) {
        guard !secret.isEmpty else { return }
        secrets.withLock { _ = $0.insert(secret) }
        if let encoded = secret.addingPercentEncodingForURI(), encoded != secret {
            secrets.withLock { _ = $0.insert(encoded) }
        }
    }

    static func redact(_ text: String) -> String {
        let known = secrets.withLock { $0 }
        var result = text
        // Longest first, so a secret that contains another is removed whole.
        for secret in known.sorted(by: { $0.count > $1.count }) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
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
