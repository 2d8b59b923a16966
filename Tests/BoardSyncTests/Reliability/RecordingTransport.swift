import Foundation
import PlaneAPI
import Synchronization

/// The real transport, keeping every request body the client sent: what left BoardSync, before Plane's
/// own rewrite could hide it.
final class RecordingTransport: HTTPTransport {
    private let inner = URLSessionTransport()
    private let recorded = Mutex<[PlaneHTTPRequest]>([])

    var requests: [PlaneHTTPRequest] { recorded.withLock { $0 } }

    func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        recorded.withLock { $0.append(request) }
        return try await inner.send(request, timeout: timeout)
    }
}
