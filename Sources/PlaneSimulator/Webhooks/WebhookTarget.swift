import Foundation

/// Where the simulator posts its webhook deliveries, as a Plane workspace webhook would: the receiver's URL,
/// the secret the `X-Plane-Signature` HMAC is keyed with, and how long a delivery whose connection failed
/// waits before its one retry.
public struct WebhookTarget: Sendable, Equatable {
    public var url: URL
    public var secret: String
    /// Plane waits a random 0–600 s (Celery's backoff with jitter); tests make it short.
    public var retryDelay: Duration

    public init(url: URL, secret: String, retryDelay: Duration = .seconds(10)) {
        self.url = url
        self.secret = secret
        self.retryDelay = retryDelay
    }
}

/// One attempt to deliver, as the simulator saw it (the test controls' log of deliveries).
public struct WebhookAttempt: Sendable, Equatable {
    /// `X-Plane-Delivery`: a new one on every attempt, the retry included (as Plane does).
    public var deliveryID: String
    public var event: String
    public var action: String
    /// `activity.field`: nil for a create.
    public var field: String?
    public var itemID: String?
    /// The receiver's status, or nil when no answer came (refused, dropped, timed out).
    public var status: Int?
    /// Why no answer came.
    public var failure: String?
    public var isRetry: Bool
    /// Whether a retry was scheduled after this attempt (only after no answer, never after an HTTP status).
    public var retryScheduled: Bool
}
