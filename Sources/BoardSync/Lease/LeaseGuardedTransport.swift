import PlaneAPI

/// Checks the lease before every write request, retries included (a retry after a long `Retry-After` may
/// come after the lease was lost): a write without the lease never leaves this process.
struct LeaseGuardedTransport: HTTPTransport {
    let base: any HTTPTransport
    let lease: LeaseHandle

    func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        if request.method != "GET" { try await lease.checkBeforeWrite() }
        return try await base.send(request, timeout: timeout)
    }
}
