import Crypto

/// A Plane API key (`plane_api_…`). Printing, interpolating or dumping it shows only a
/// redaction marker and a short fingerprint, never the key.
public struct PlaneAPIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let secret: String

    public init(_ secret: String) {
        self.secret = secret
    }

    /// The first 12 hex digits of the key's SHA-256: enough to tell keys apart in logs.
    public var fingerprint: String {
        String(digest.prefix(12))
    }

    /// The full SHA-256 of the key (64 hex digits), used to share one pacer per key without keeping the key.
    var digest: String {
        SHA256.hash(data: Array(secret.utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    public var description: String { "PlaneAPIKey(redacted, sha256:\(fingerprint))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["fingerprint": fingerprint]) }
}
