import Foundation

/// The seam between ``PlaneClient`` and the network: send one request, get one response.
///
/// ``URLSessionTransport`` is the real one; tests use a scripted double.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns whatever status came back.
    /// - Throws: ``PlaneTransportError`` when no complete response arrived within `timeout`,
    ///   `CancellationError` when the task was cancelled.
    func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse
}

/// One HTTP request as the client builds it.
public struct PlaneHTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header fields; the API key is among them, so never log this dictionary.
    public var headers: [String: String]
    public var body: Data?

    public init(method: String, url: URL, headers: [String: String], body: Data?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response: status, headers (names lowercased) and body.
public struct PlaneHTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
    }

    /// A header value, looked up case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// A request that got no complete response.
public struct PlaneTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No connection was made (refused, unknown host): the server never saw the request.
        case notSent
        /// No complete response within the timeout: the server may have acted on it.
        case timeout
        /// The connection broke after the request went out: the server may have acted on it.
        case connectionLost
        /// Anything else (TLS failure, bad URL): retrying will not help.
        case other
    }

    public let kind: Kind
    /// A short explanation (never headers, so never the key).
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }
}
