import PlaneAPI
import Synchronization

/// An ``HTTPTransport`` that counts what passes through it by method and status (`none` when no answer
/// came): the "API requests by status" of the metrics, retries and 429s included, without touching the
/// engine. Wrap the real transport and pass it as ``SyncEngine/Options/transport``.
public final class RequestCountingTransport: HTTPTransport {
    /// One row of the count.
    public struct Key: Sendable, Hashable, Comparable {
        public var method: String
        /// The HTTP status as text, or `none` when no response arrived (timeout, refused, dropped).
        public var status: String

        public static func < (lhs: Key, rhs: Key) -> Bool { (lhs.method, lhs.status) < (rhs.method, rhs.status) }
    }

    private let wrapped: any HTTPTransport
    private let counts = Mutex<[Key: Int]>([:])

    public init(wrapping wrapped: any HTTPTransport = URLSessionTransport()) {
        self.wrapped = wrapped
    }

    public func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        do {
            let response = try await wrapped.send(request, timeout: timeout)
            count(Key(method: request.method, status: String(response.status)))
            return response
        } catch {
            count(Key(method: request.method, status: "none"))
            throw error
        }
    }

    /// The counts so far, and zero from here on (one call per run).
    public func take() -> [Key: Int] {
        counts.withLock { counts in
            defer { counts = [:] }
            return counts
        }
    }

    private func count(_ key: Key) {
        counts.withLock { $0[key, default: 0] += 1 }
    }
}
