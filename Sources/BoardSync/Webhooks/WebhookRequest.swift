/// One HTTP request as the receiver sees it, transport-free so it can be tested without a socket.
public struct WebhookRequest: Sendable {
    public var method: String
    /// The path, without the query.
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    /// The body exactly as received (at most ``WebhookIntake/maximumBodyBytes`` of it).
    public var body: [UInt8]
    /// Set when the body went over ``WebhookIntake/maximumBodyBytes`` while it was read.
    public var bodyTooLarge: Bool

    public init(method: String, path: String, headers: [String: String], body: [UInt8], bodyTooLarge: Bool = false) {
        self.method = method
        self.path = path
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }
}
