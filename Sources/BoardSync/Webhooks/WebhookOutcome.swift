/// What the receiver made of one request: the answer it gives, and the label it is counted and logged
/// under. Only ``stored`` and ``duplicate`` have any effect; every other outcome leaves MongoDB untouched.
public enum WebhookOutcome: String, CaseIterable, Sendable, Comparable, Error {
    /// Verified and stored.
    case stored
    /// Verified, and the same bytes were stored before (Plane's retry of a delivery that got no answer).
    case duplicate
    /// Not `/webhooks/plane/{integration}`.
    case notFound = "not_found"
    /// No `plane` integration has that id.
    case unknownIntegration = "unknown_integration"
    /// The integration sets no webhook secret, so nothing it receives can be trusted.
    case noWebhookSecret = "no_webhook_secret"
    /// The integration's secret cannot be read (file missing, variable unset, document invalid).
    case secretUnavailable = "secret_unavailable"
    case methodNotAllowed = "method_not_allowed"
    case tooLarge = "too_large"
    case missingSignature = "missing_signature"
    case badSignature = "bad_signature"
    case notJSON = "not_json"
    /// Verified, but MongoDB refused the write.
    case storeFailed = "store_failed"

    /// The HTTP status: 2xx only once the delivery is stored (Plane never retries an answer, so a 5xx
    /// loses the delivery; the next listing catches its change).
    public var status: Int {
        switch self {
        case .stored, .duplicate: 202
        case .notFound, .unknownIntegration, .noWebhookSecret: 404
        case .methodNotAllowed: 405
        case .tooLarge: 413
        case .missingSignature, .badSignature: 401
        case .notJSON: 400
        case .secretUnavailable, .storeFailed: 503
        }
    }

    /// Whether the request changed anything (it was verified and stored, now or before).
    public var accepted: Bool { self == .stored || self == .duplicate }

    public static func < (lhs: WebhookOutcome, rhs: WebhookOutcome) -> Bool { lhs.rawValue < rhs.rawValue }
}
