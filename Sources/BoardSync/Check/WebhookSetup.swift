/// What `check` says about one integration's Plane webhook, as data (`--json`): whether its secret resolves,
/// where the receiver listens for it, and what to tick in Plane's form. Never the secret itself.
public struct WebhookSetup: Sendable, Codable, Equatable {
    public enum Secret: String, Sendable, Codable {
        /// No `credentials.webhook_secret`, `_file` or `_env`: webhooks are not set up (not an error).
        case notSet = "not_set"
        /// Set, but the file or the variable cannot be read or does not hold a secret.
        case unreadable
        case resolves
    }

    public var secret: Secret
    /// Where the secret is kept (`file /run/secrets/…`, `environment variable …`, `inline …`), when set.
    public var secretStoredAs: String?
    /// The receiver's path for this integration, served by `boardsync run --webhook-port N`.
    public var path: String
    /// The whole Payload URL for Plane, when the public base was given.
    public var url: String?
    /// Where the public base came from: `--webhook-url` or `BOARDSYNC_WEBHOOK_URL`.
    public var urlFrom: String?
    /// The webhook events BoardSync acts on (Plane's event names).
    public var events: [String]
    /// Their labels in Plane's webhook form, under "Select individual events".
    public var tick: [String]

    enum CodingKeys: String, CodingKey {
        case secret
        case secretStoredAs = "secret_stored_as"
        case path, url
        case urlFrom = "url_from"
        case events, tick
    }

    /// Plane's webhook event BoardSync acts on, and its label in the form (apps/web's
    /// `INDIVIDUAL_WEBHOOK_OPTIONS`: `issue` is "Work items"; older Plane versions said "Issues").
    public static let events = ["issue"]
    public static let tick = ["Work items"]
}
