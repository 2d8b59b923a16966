import PlaneAPI

/// Sees a request through once it is on its way, even when the task that sent it is cancelled by a stop
/// (SIGTERM, SIGINT): the answer is read and recorded like any other, so a stop never turns a write into
/// one whose outcome is unknown. What comes before sending (the wait on the rate budget, a backoff) still
/// ends at once, and a request not yet started is not started.
struct UninterruptedTransport: HTTPTransport {
    let base: any HTTPTransport

    func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        try Task.checkCancellation()
        let base = self.base
        // An unstructured task does not inherit the caller's cancellation; the request's own timeout bounds it.
        return try await Task { try await base.send(request, timeout: timeout) }.value
    }
}

extension SyncEngine {
    /// The run's transport (a test's, or URLSession), with requests seen through once sent.
    static func uninterrupted(_ transport: (any HTTPTransport)?) -> any HTTPTransport {
        UninterruptedTransport(base: transport ?? URLSessionTransport())
    }
}
