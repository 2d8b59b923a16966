import Crypto
import Foundation

/// `X-Plane-Signature`: hex HMAC-SHA256 of the raw body, keyed with the webhook's secret. Checked over the
/// bytes as received (never a re-serialisation), with swift-crypto's constant-time comparison.
public enum WebhookSignature {
    /// nil when the signature holds, else why not.
    public static func problem(header: String?, body: [UInt8], secret: String) -> WebhookOutcome? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return .missingSignature
        }
        guard let code = bytes(hex: header), code.count == SHA256.byteCount else { return .badSignature }
        let key = SymmetricKey(data: Array(secret.utf8))
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: key) ? nil : .badSignature
    }

    /// What Plane would send for `body` (tests, and the simulator's mirror of it).
    public static func sign(_ body: [UInt8], secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Hex digits (either case) to bytes; nil for anything else.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
